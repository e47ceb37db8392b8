/**
 * The runner for `node out/test/vscode/run.js --screenshots`: plays the scenes of scenes.js in the
 * extension host; the launcher photographs each one into docs/images/.
 */
import { runMochaFiles } from '../suite/index';

export function run(): Promise<void> {
  return runMochaFiles(__dirname, /^scenes\.js$/, 60_000);
}
