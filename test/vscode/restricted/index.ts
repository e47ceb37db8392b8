/**
 * The suite VS Code runs in an untrusted workspace (Restricted Mode): `node out/test/vscode/run.js --restricted`
 * opens the examples with a configuration whose `catalogs:` names a team catalog outside the workspace.
 */
import * as path from 'path';
import { runMochaFiles } from '../suite/index';

const TEST_FILE = /\.vscode-test\.js$/;

export function run(): Promise<void> {
  return runMochaFiles(path.join(__dirname), TEST_FILE);
}
