/**
 * The runner for `node out/test/vscode/run.js --screenshots`: plays the scenes of scenes.js in the
 * extension host; the launcher photographs each one into docs/images/.
 */
import { settleFirstRun } from '../suite/helpers';
import { runMochaFiles } from '../suite/index';

export async function run(): Promise<void> {
  await settleFirstRun();
  return runMochaFiles(__dirname, /^scenes\.js$/, 60_000);
}
