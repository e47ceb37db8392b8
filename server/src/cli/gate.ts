import { styleText } from 'util';
import { showInvisible } from '../../../shared/markdown';
import { coverageModelOf } from '../engine/coverageTree';
import { loadWorkspace, LoadOptions } from './check';

interface GateOptions extends LoadOptions {
  format: 'text' | 'json';
  color: boolean;
}

/** `abuse-cases gate`: exits 1 when a threshold of the configuration fails, saying which one and by how much. */
export async function runGate(paths: string[], options: GateOptions): Promise<number> {
  const loaded = await loadWorkspace(paths, options);
  if (typeof loaded === 'number') return loaded;
  const { gate } = coverageModelOf(loaded.workspace);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(gate, null, 2)}\n`);
    return gate.passed ? 0 : 1;
  }
  const paint = (style: Parameters<typeof styleText>[0], text: string) =>
    options.color && process.stdout.isTTY && !process.env.NO_COLOR ? styleText(style, text) : text;
  const failed = gate.thresholds.filter((result) => !result.passed).length;
  const lines = [
    gate.passed
      ? paint('green', `Quality gate passed: ${gate.thresholds.length} of ${gate.thresholds.length} checks.`)
      : paint('red', `Quality gate failed: ${failed} of ${gate.thresholds.length} checks.`),
  ];
  for (const result of gate.thresholds) {
    const mark = result.passed ? paint('green', '✓') : paint('red', '✗');
    // Ids and sprints are user text: a terminal shows their control and bidirectional characters escaped.
    lines.push(`${mark} ${result.threshold}: ${showInvisible(result.message)}`);
    for (const offender of result.offenders) lines.push(`    ${showInvisible(offender)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return gate.passed ? 0 : 1;
}
