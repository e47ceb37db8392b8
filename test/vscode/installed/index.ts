/** The runner for the installed-package suite (`run.js --vsix <file>`): the same mocha runner, this folder's files. */
import { settleFirstRun } from '../suite/helpers';
import { runMochaFiles } from '../suite/index';

export async function run(): Promise<void> {
  await settleFirstRun();
  return runMochaFiles(__dirname, /\.vscode-test\.js$/);
}
