import * as assert from 'assert';
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { generateUseCaseFile, lineCount, writeWorkspace } from '../../bench/generate';
import {
  COVERAGE_SCENARIOS,
  IN_PLACE_SCENARIOS,
  NAVIGATION_SCENARIOS,
  planEdits,
  SCENARIOS,
  summarize,
} from '../../bench/run';
import { Workspace } from '../../server/src/engine';

const RUNNER = path.resolve(__dirname, '../../bench/run.js');

function errorsOf(workspace: Workspace, uri: string): string[] {
  return workspace
    .diagnostics(uri)
    .filter((diagnostic) => diagnostic.severity === 'error')
    .map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
}

describe('bench: the workload generator', () => {
  it('gives the same text for the same seed, and another for another seed', () => {
    const options = { useCases: 30, abuseCasesPerUseCase: 4 };
    assert.strictEqual(generateUseCaseFile(7, options), generateUseCaseFile(7, options));
    assert.notStrictEqual(generateUseCaseFile(7, options), generateUseCaseFile(8, options));
  });

  it('writes a file the engine reads without a syntax error or any other error', () => {
    const uri = 'file:///bench/big.usecase.yaml';
    const workspace = new Workspace();
    workspace.set(uri, generateUseCaseFile(1, { useCases: 60, abuseCasesPerUseCase: 4 }));
    assert.deepStrictEqual(errorsOf(workspace, uri), []);
  });

  it('is calibrated: 200 use cases x 4 abuse cases is about 11,400 lines and 410 KB', () => {
    const text = generateUseCaseFile(1, { useCases: 200, abuseCasesPerUseCase: 4 });
    const lines = lineCount(text);
    const kilobytes = Buffer.byteLength(text) / 1000;
    assert.ok(Math.abs(lines - 11_400) / 11_400 < 0.05, `${lines} lines`);
    assert.ok(Math.abs(kilobytes - 410) / 410 < 0.05, `${kilobytes.toFixed(0)} KB`);
  });

  it('writes a workspace whose cross-file references all resolve and whose ids are unique', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-bench-test-'));
    try {
      const written = await writeWorkspace(folder, { files: 4, useCasesPerFile: 6, seed: 3 });
      assert.strictEqual(written.paths.length, 4);
      const workspace = new Workspace();
      const uris: string[] = [];
      for (const file of written.paths) {
        const uri = pathToFileURL(file).toString();
        uris.push(uri);
        workspace.set(uri, await fs.readFile(file, 'utf8'));
      }
      assert.deepStrictEqual(
        uris.flatMap((uri) => errorsOf(workspace, uri)),
        [],
      );
    } finally {
      await fs.rm(folder, { recursive: true, force: true });
    }
  });
});

describe('bench: the runner', () => {
  it('plans edits in pairs that leave the text as it was', () => {
    const text = generateUseCaseFile(2, { useCases: 5, abuseCasesPerUseCase: 2 });
    const edits = planEdits(text, 6, 2);
    assert.strictEqual(edits.length, 6);
    for (let index = 0; index < edits.length; index += 2) {
      assert.deepStrictEqual({ ...edits[index], kind: 'delete' }, edits[index + 1]);
      const line = text.split('\n')[edits[index].line];
      assert.match(line, /title: /);
      assert.ok(edits[index].character > line.indexOf('title: ') + 'title: '.length);
    }
  });

  it('takes nearest-rank percentiles', () => {
    assert.deepStrictEqual(summarize([5, 1, 3, 2, 4]), { p50: 3, p95: 5, count: 5 });
  });

  it('prints a row with figures for every scenario (--smoke)', async function () {
    this.timeout(120_000);
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [RUNNER, '--smoke'],
        { timeout: 115_000, maxBuffer: 10 * 1024 * 1024 },
        (error, out, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out)),
      );
    });
    const rows = new Map(
      stdout
        .split('\n')
        .filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
        .map((line) =>
          line
            .split('|')
            .slice(1, -1)
            .map((cell) => cell.trim()),
        )
        .map((cells) => [cells[0], cells] as const),
    );
    const figure = /^\d+(\.\d+)?( \/ \d+(\.\d+)?)?( (ms|MB))?$/;
    const assertFigure = (scenario: string, column: number, name: string) => {
      const cell = rows.get(scenario)?.[column];
      assert.ok(cell !== undefined, `no row '${scenario}' in:\n${stdout}`);
      assert.match(cell, figure, `${name} of '${scenario}'`);
      for (const value of cell.match(/\d+(\.\d+)?/g) ?? []) assert.ok(Number.isFinite(Number(value)));
    };

    for (const scenario of [SCENARIOS.parse, SCENARIOS.cst, SCENARIOS.blockYaml])
      assertFigure(scenario, 3, 'the floor');
    for (const scenario of Object.values(SCENARIOS).filter(
      (name) => name !== SCENARIOS.parse && name !== SCENARIOS.cst,
    )) {
      assertFigure(scenario, 1, 'abuse-cases');
      if (scenario === SCENARIOS.cli || scenario === SCENARIOS.blockYaml)
        assert.strictEqual(rows.get(scenario)?.[2], 'n/a');
      else assertFigure(scenario, 2, 'yaml-language-server');
    }
    for (const scenario of [
      COVERAGE_SCENARIOS.model(2),
      COVERAGE_SCENARIOS.model(5),
      COVERAGE_SCENARIOS.afterEdit,
      COVERAGE_SCENARIOS.summary,
      COVERAGE_SCENARIOS.level,
      COVERAGE_SCENARIOS.reveal,
      ...Object.values(NAVIGATION_SCENARIOS),
    ]) {
      assertFigure(scenario, 1, 'abuse-cases');
      assert.strictEqual(rows.get(scenario)?.[2], 'n/a');
    }
    // What the editor asks after each edit: ours always; the peer's outline, folding and lenses (of schemas) too,
    // the rest it does not offer.
    for (const request of Object.keys(IN_PLACE_SCENARIOS) as (keyof typeof IN_PLACE_SCENARIOS)[]) {
      assertFigure(IN_PLACE_SCENARIOS[request], 1, 'abuse-cases');
      if (request === 'documentSymbols' || request === 'folding' || request === 'codeLenses')
        assertFigure(IN_PLACE_SCENARIOS[request], 2, 'yaml-language-server');
      else assert.strictEqual(rows.get(IN_PLACE_SCENARIOS[request])?.[2], 'n/a', request);
    }
    assert.match(rows.get(COVERAGE_SCENARIOS.growth)?.[1] ?? '', /^\d+\.\d×$/, `the growth row in:\n${stdout}`);
    assert.match(stdout, /Big file: 10 use cases × 4 abuse cases, \d+ lines/);
    // Every file names the shared backlog item, so its rename changes all five.
    assert.match(stdout, /its rename changes 5 files/);
  });
});
