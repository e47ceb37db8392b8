import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeWorkspace } from '../../bench/generate';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

describe('abuse-cases on several threads', function () {
  this.timeout(60_000);
  let folder: string;
  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-threads-'));
    // About 1.2 MB of use cases: above the size from which the files are parsed on worker threads.
    await writeWorkspace(folder, { files: 30, useCasesPerFile: 20, seed: 5 });
  });
  after(() => fs.rm(folder, { recursive: true, force: true }));

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args, '--today', '2026-11-24'], {
      cwd: folder,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });

  for (const command of [
    ['check', '--format', 'json'],
    ['coverage', '--format', 'json'],
    ['gate', '--format', 'json'],
  ]) {
    it(`reports exactly what one thread reports: ${command[0]}`, () => {
      const one = run(...command, '--threads', '1');
      const two = run(...command, '--threads', '2');
      assert.strictEqual(two.stderr, one.stderr);
      assert.strictEqual(two.status, one.status);
      assert.ok(one.stdout.length > 1000, one.stdout);
      assert.strictEqual(two.stdout, one.stdout);
    });
  }

  it('refuses a thread count that is not a whole number >= 1', () => {
    const { status, stderr } = run('check', '--threads', '0');
    assert.strictEqual(status, 2);
    assert.match(stderr, /--threads.*expected a whole number >= 1/);
  });
});
