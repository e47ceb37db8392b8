import { styleText } from 'util';
import { showInvisible } from '../../../shared/markdown';
import type { GateResult } from '../engine/gate';
import { changeSince } from './change';
import { changeMarkdown, changeText } from './changeReport';
import { loadWorkspace, LoadOptions } from './check';
import { judgedModel } from './releaseOption';
import { appendStepSummary, gateCommands, gateStepSummary, withoutCommands } from './github';

interface GateOptions extends LoadOptions {
  format: 'text' | 'json' | 'github';
  color: boolean;
  /** A git revision: also say what the change since it introduced and fixed (the gate is judged as without it). */
  base?: string;
  /** Judge only this release's backlog items and what they build. */
  release?: string;
}

/**
 * `abuse-cases gate`: exits 1 when a threshold in `fail` mode fails, saying which one and by how much; a threshold in
 * `report` mode is printed the same way, and never fails the gate.
 */
export async function runGate(paths: string[], options: GateOptions): Promise<number> {
  const loaded = await loadWorkspace(paths, options);
  if (typeof loaded === 'number') return loaded;
  const reviewed = options.base === undefined ? undefined : await changeSince(paths, options, loaded, options.base);
  if (typeof reviewed === 'number') return reviewed;
  const change = reviewed?.change;
  const judged = judgedModel(loaded.workspace, options.release);
  if (typeof judged === 'number') return judged;
  const { gate } = judged;
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(change ? { ...gate, change } : gate, null, 2)}\n`);
    return gate.passed ? 0 : 1;
  }
  // The runner's log shows no colours.
  const paint = (style: Parameters<typeof styleText>[0], text: string) =>
    options.color && options.format === 'text' && process.stdout.isTTY && !process.env.NO_COLOR
      ? styleText(style, text)
      : text;
  const lines = [paint(gate.passed ? 'green' : 'red', headlineOf(gate, options.release))];
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
  if (change) lines.push('', ...changeText(change));
  if (options.format === 'github') {
    process.stdout.write(`${[...gateCommands(gate), ...withoutCommands(lines)].join('\n')}\n`);
    const summary = gateStepSummary(gate, headlineOf(gate, options.release));
    await appendStepSummary(change ? `${summary}\n${changeMarkdown(change, 2)}` : summary);
  } else process.stdout.write(`${lines.join('\n')}\n`);
  return gate.passed ? 0 : 1;
}

/** `Quality gate failed: 1 of 5 checks; 1 failing check is only reported (mode: report).` */
function headlineOf(gate: GateResult, release?: string): string {
  const which = release === undefined ? 'Quality gate' : `Quality gate of release ${showInvisible(release)}`;
  const failed = gate.thresholds.filter((result) => !result.passed && result.mode === 'fail').length;
  const reported =
    gate.reported > 0
      ? `; ${gate.reported} failing ${gate.reported === 1 ? 'check is' : 'checks are'} only reported (mode: report)`
      : '';
  return gate.passed
    ? `${which} passed: ${gate.thresholds.length - gate.reported} of ${gate.thresholds.length} checks${reported}.`
    : `${which} failed: ${failed} of ${gate.thresholds.length} checks${reported}.`;
}
