import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

describe("the project's own threat model (security/)", () => {
  it('is a valid use-case file that its own CLI checks without a problem', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'check', 'security', '--no-color'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.strictEqual(result.status, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /^No problems in 2 files\./);
  });
});
