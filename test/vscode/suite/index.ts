/**
 * The test runner VS Code loads in the extension host (`extensionTestsPath`): runs every
 * `*.vscode-test.js` file of this folder with mocha and resolves, or rejects when a test failed;
 * VS Code turns that into the exit code the launcher (../run.ts) receives.
 *
 * The files are not named `*.test.js` because the root mocha configuration of `npm test` loads
 * `out/test/**\/*.test.js` in plain Node, where there is no `vscode` module.
 */
import { promises as fs } from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { format } from 'util';
import { CONSOLE_MARKER } from '../shared';
import { settleFirstRun } from './helpers';

const TEST_FILE = /\.vscode-test\.js$/;

/**
 * Marks each line of mocha's reporter so that the launcher can tell it from the workbench's own
 * log (in test mode VS Code passes the extension host's console to the page's console through its
 * log service). The arguments are formatted here because VS Code forwards only a leading string.
 * Only the reporter's output is marked: VS Code makes `console.log` itself read-only in the
 * extension host. Returns the function that undoes it.
 */
function markReporterOutput(): () => void {
  const reporterBase = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const reporterLog = reporterBase.consoleLog;
  reporterBase.consoleLog = (...args: unknown[]) => console.log(CONSOLE_MARKER + format(...args));
  return () => {
    reporterBase.consoleLog = reporterLog;
  };
}

/** Runs the mocha files of `folder` whose names match `pattern`; rejects when a test failed. */
export async function runMochaFiles(folder: string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs, reporter: 'spec' });
  const files = (await fs.readdir(folder)).filter((name) => pattern.test(name)).sort();
  if (files.length === 0) throw new Error(`no file matching ${pattern} in ${folder}`);
  for (const file of files) mocha.addFile(path.join(folder, file));
  const unmarkReporterOutput = markReporterOutput();
  try {
    await mocha.loadFilesAsync();
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed`);
  } finally {
    unmarkReporterOutput();
  }
}

export async function run(): Promise<void> {
  await settleFirstRun();
  return runMochaFiles(__dirname, TEST_FILE);
}
