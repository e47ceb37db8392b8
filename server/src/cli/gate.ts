import { styleText } from 'util';
import { showInvisible } from '../../../shared/markdown';
import { coverageModelOf } from '../engine/coverageTree';
import { loadWorkspace, LoadOptions } from './check';

interface GateOptions extends LoadOptions {
  format: 'text' | 'json';
  color: boolean;
}

/**
 * `abuse-cases gate`: exits 1 when a threshold in `fail` mode fails, saying which one and by how much; a threshold in
 * `report` mode is printed the same way, and never fails the gate.
 */
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
  const failed = gate.thresholds.filter((result) => !result.passed && result.mode === 'fail').length;
  const reported =
    gate.reported > 0
      ? `; ${gate.reported} failing ${gate.reported === 1 ? 'check is' : 'checks are'} only reported (mode: report)`
      : '';
  const lines = [
    gate.passed
      ? paint(
          'green',
          `Quality gate passed: ${gate.thresholds.length - gate.reported} of ${gate.thresholds.length} checks${reported}.`,
        )
      : paint('red', `Quality gate failed: ${failed} of ${gate.thresholds.length} checks${reported}.`),
  ];
  for (const result of gate.thresholds) {
    // A failure in report mode is said, not enforced: a warning's mark and colour.
    const mark = result.passed
      ? paint('green', '✓')
      : result.mode === 'report'
        ? paint('yellow', '!')
        : paint('red', '✗');
    // Ids and sprints are user text: a terminal shows their control and bidirectional characters escaped.
    lines.push(`${mark} [${result.mode}] ${result.threshold}: ${showInvisible(result.message)}`);
    for (const offender of result.offenders) lines.push(`    ${showInvisible(offender)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return gate.passed ? 0 : 1;
}
