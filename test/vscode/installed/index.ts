/** The runner for the installed-package suite (`run.js --vsix <file>`): the same mocha runner, this folder's files. */
import { runMochaFiles } from '../suite/index';

export function run(): Promise<void> {
  return runMochaFiles(__dirname, /\.vscode-test\.js$/);
}
