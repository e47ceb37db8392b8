/**
 * The test runner VS Code loads in the extension host (`extensionTestsPath`): runs every
 * `*.vscode-test.js` file of this folder with mocha and resolves, or rejects when a test failed,
 * which VS Code turns into the exit code the launcher (../run.ts) receives.
 *
 * The files are not named `*.test.js` because the root mocha configuration (`npm test`) loads
 * `out/test/**\/*.test.js` in plain Node, where `require('vscode')` does not exist.
 */
import { promises as fs } from 'fs';
import Mocha from 'mocha';
import * as path from 'path';

export const SUITE_FILE = /\.vscode-test\.js$/;

/** Runs the mocha files of `folder` whose names match `pattern`; rejects with the number of failures. */
export async function runMochaFiles(folder: string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs, reporter: 'spec' });
  const files = (await fs.readdir(folder)).filter((name) => pattern.test(name)).sort();
  if (files.length === 0) throw new Error(`no test file matching ${pattern} in ${folder}`);
  for (const file of files) mocha.addFile(path.join(folder, file));
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed`);
}

export function run(): Promise<void> {
  return runMochaFiles(__dirname, SUITE_FILE);
}
