import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RELEASES_PRODUCT } from '../helpers/releases';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('abuse-cases gate and coverage --release (the CLI as a process)', () => {
  let folder: string;
  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-release-'));
    await fs.writeFile(path.join(folder, 'notes.usecase.yaml'), RELEASES_PRODUCT);
    await fs.writeFile(
      path.join(folder, 'abuse-cases.config.yaml'),
      'gate:\n  modes:\n    require-source: report\n  max-open-high-risks: 0\n  require-source: [feedback, research]\n',
    );
  });
  after(() => fs.rm(folder, { recursive: true, force: true }));

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...args, '--today', '2026-11-24'], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it("judges one release: its open high risk fails it, another release's does not", () => {
    const first = run('gate', '--release', '2027.1');
    assert.strictEqual(first.code, 1, first.stdout);
    assert.match(first.stdout, /^Quality gate of release 2027\.1 failed: 1 of 3 checks\.$/m);
    assert.match(first.stdout, /^✗ \[fail\] max-open-high-risks: 1 open high risk, 1 over the maximum of 0$/m);
    assert.match(first.stdout, /^✓ \[report\] require-source: every backlog item that is not security work traces/m);

    const second = run('gate', '--release', '2027.2');
    assert.strictEqual(second.code, 0, second.stdout);
    assert.match(
      second.stdout,
      /^Quality gate of release 2027\.2 passed: 2 of 3 checks; 1 failing check is only reported \(mode: report\)\.$/m,
    );
    assert.match(second.stdout, /^! \[report\] require-source: 1 backlog item that is not security work does not/m);
    assert.match(second.stdout, /^ {4}RM-4 \(from internal\)$/m);
  });

  it('reports one release: its items and use cases, under a heading that names it', () => {
    const { code, stdout } = run('coverage', '--release', '2027.2');
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /^# Security coverage of release 2027\.2$/m);
    assert.match(stdout, /^\| RM-3 \| Export notes as PDF \|/m);
    assert.match(stdout, /^\| RM-4 \| Dark mode \|/m);
    // Rows of the other release's item and use case (the baseline, the product's, may name them as why it applies).
    assert.doesNotMatch(stdout, /^\| (RM-1|RM-2|UC-login) \|/m);
    const json = JSON.parse(run('coverage', '--release', '2027.1', '--format', 'json').stdout) as {
      summary: { useCases: number; openHighRisks: number };
    };
    assert.deepStrictEqual([json.summary.useCases, json.summary.openHighRisks], [1, 1]);
  });

  it('names the known releases when asked for one no item names (a usage error)', () => {
    for (const command of ['gate', 'coverage']) {
      const { code, stderr } = run(command, '--release', '2099.1');
      assert.strictEqual(code, 2);
      assert.strictEqual(
        stderr,
        "abuse-cases: no backlog item names release '2099.1'. The releases are: 2027.1, 2027.2.\n",
      );
    }
  });
});
