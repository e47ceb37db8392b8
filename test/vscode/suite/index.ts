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

const TEST_FILE = /\.vscode-test\.js$/;

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error';

/**
 * Marks every line the extension host prints (mocha's reporter, the tests, the extension) so that
 * the launcher can tell them from the workbench's log; returns the function that undoes it.
 * The arguments are formatted here because VS Code forwards only a leading string argument.
 */
function markConsoleOutput(): () => void {
  const methods: ConsoleMethod[] = ['log', 'info', 'warn', 'error'];
  const originals = new Map(methods.map((method) => [method, console[method]] as const));
  for (const method of methods) {
    const original = originals.get(method)!;
    console[method] = (...args: unknown[]) => original.call(console, CONSOLE_MARKER + format(...args));
  }
  // Mocha's reporters keep their own reference to console.log, taken when mocha was loaded.
  const reporterBase = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const reporterLog = reporterBase.consoleLog;
  reporterBase.consoleLog = (...args: unknown[]) => console.log(...args);
  return () => {
    for (const [method, original] of originals) console[method] = original;
    reporterBase.consoleLog = reporterLog;
  };
}

/** Runs the mocha files of `folder` whose names match `pattern`; rejects when a test failed. */
export async function runMochaFiles(folder: string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: timeoutMs, reporter: 'spec' });
  const files = (await fs.readdir(folder)).filter((name) => pattern.test(name)).sort();
  if (files.length === 0) throw new Error(`no file matching ${pattern} in ${folder}`);
  for (const file of files) mocha.addFile(path.join(folder, file));
  const unmarkConsoleOutput = markConsoleOutput();
  try {
    await mocha.loadFilesAsync();
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed`);
  } finally {
    unmarkConsoleOutput();
  }
}

export function run(): Promise<void> {
  return runMochaFiles(__dirname, TEST_FILE);
}
