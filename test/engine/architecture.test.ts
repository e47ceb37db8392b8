import * as assert from 'assert';
import * as esbuild from 'esbuild';
import * as path from 'path';
import { cyclesOf, importGraph } from '../helpers/importGraph';

const ROOT = path.resolve(__dirname, '../../..');
const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/*
 * Fitness tests of the architecture, beside the engine's purity test (rules-catalog.test.ts): the extension client
 * reaches the server only through the contract in shared/, and the server's modules import each other without cycles.
 */
describe('the architecture', () => {
  it('bundles into the extension client nothing of the server: only client/src, shared/ and packages', async function () {
    this.timeout(60_000);
    const result = await esbuild.build({
      entryPoints: [path.join(ROOT, 'client/src/extension.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
    });
    // Packages may resolve outside the folder (a symlinked node_modules): any path through node_modules/ is one.
    const ours = Object.keys(result.metafile.inputs).filter((input) => !/(^|\/)node_modules\//.test(input));
    assert.ok(
      ours.some((input) => input.startsWith('shared/')),
      `the client bundles the contract: ${ours.join(', ')}`,
    );
    const offenders = ours.filter((input) => !/^(client\/src|shared)\//.test(input));
    assert.deepStrictEqual(offenders, [], 'the client reaches the server only through shared/');
  });

  it('keeps the contract (shared/) free of imports of the server or the client, even type-only ones', () => {
    const graph = importGraph([path.join(ROOT, 'shared')]);
    const outside = [...graph.keys()].map(relative).filter((file) => !file.startsWith('shared/'));
    assert.deepStrictEqual(outside, []);
  });

  it('has no import cycle in server/src and shared/ (type-only imports count)', () => {
    const cycles = cyclesOf(importGraph([path.join(ROOT, 'server/src'), path.join(ROOT, 'shared')])).map((cycle) =>
      cycle.map(relative).sort().join(' ↔ '),
    );
    assert.deepStrictEqual(cycles, []);
  });
});
