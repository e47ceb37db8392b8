import { escapeMarkdown, showInvisible } from '../../../shared/markdown';
import { docsUrlOf } from '../engine';
import { plural } from '../engine/text';
import { Change, changeSince, ChangeLists, isEmpty } from './change';
import { CheckOptions, LoadOptions, loadWorkspace, reportCheck } from './check';
import { revisionMarkdown } from './github';

/** `check --base REF`: only the findings the change introduced, in any format, and how many it fixed. */
export async function runCheckSince(paths: string[], options: CheckOptions & { base: string }): Promise<number> {
  const loaded = await loadWorkspace(paths, options);
  if (typeof loaded === 'number') return loaded;
  const reviewed = await changeSince(paths, options, loaded, options.base);
  if (typeof reviewed === 'number') return reviewed;
  return reportCheck(loaded, reviewed.newFindings, options, { ref: options.base, fixed: reviewed.fixedFindings });
}

/** `coverage --base REF`: what the change introduced and fixed, as a pull-request comment (Markdown) or JSON. */
export async function runCoverageSince(
  paths: string[],
  options: LoadOptions & { format: string; base: string },
): Promise<number> {
  if (options.format !== 'markdown' && options.format !== 'json') {
    process.stderr.write(
      `abuse-cases: coverage --base reports the change as markdown or json, not ${options.format}\n`,
    );
    return 2;
  }
  const loaded = await loadWorkspace(paths, options);
  if (typeof loaded === 'number') return loaded;
  const reviewed = await changeSince(paths, options, loaded, options.base);
  if (typeof reviewed === 'number') return reviewed;
  process.stdout.write(
    options.format === 'json' ? `${JSON.stringify(reviewed.change, null, 2)}\n` : changeMarkdown(reviewed.change),
  );
  return 0;
}

/**
 * `1 open high risk`, `2 CIA dimensions without an abuse case`, `3 findings`: what one side of a change holds, in
 * words that read after "introduces" as after "fixes".
 */
function countsOf(lists: ChangeLists): string[] {
  const counts: string[] = [];
  if (lists.openHighRisks.length) counts.push(plural(lists.openHighRisks.length, 'open high risk'));
  if (lists.uncoveredDimensions.length)
    counts.push(`${plural(lists.uncoveredDimensions.length, 'CIA dimension')} without an abuse case`);
  if (lists.baselineGaps.length) counts.push(plural(lists.baselineGaps.length, 'open baseline question'));
  const findings = lists.findings.reduce((sum, rule) => sum + rule.count, 0);
  if (findings) counts.push(plural(findings, 'finding'));
  return counts;
}

/** `a`, `a and b`, `a, b and c`. */
function listed(parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** A baseline question as the status bar names it: with its product when the change touches several. */
function questionNames(lists: ChangeLists, others: ChangeLists): (gap: ChangeLists['baselineGaps'][number]) => string {
  const products = new Set([...lists.baselineGaps, ...others.baselineGaps].map((gap) => gap.product));
  return (gap) => (products.size > 1 ? `${gap.product}: ${gap.name}` : gap.name);
}

/**
 * The change in the gate's text: a line for each side, then its entries.
 *
 *     Since main, the change introduces 1 open high risk and 2 findings:
 *         open high risk: AB-takeover (UC-login)
 *         unmitigated: 2 findings
 *     It fixes nothing.
 */
export function changeText(change: Change): string[] {
  const side = (lists: ChangeLists, others: ChangeLists): string[] => {
    const question = questionNames(lists, others);
    return [
      ...lists.openHighRisks.map((risk) => `open high risk: ${risk.abuseCase} (${risk.useCase})`),
      ...lists.uncoveredDimensions.map((gap) => `no abuse case: ${gap.useCase} ${gap.dimension}`),
      ...lists.baselineGaps.map((gap) => `baseline question: ${question(gap)}`),
      ...lists.findings.map((rule) => `${rule.code}: ${plural(rule.count, 'finding')}`),
    ].map((line) => `    ${showInvisible(line)}`);
  };
  const introduced = countsOf(change.introduced);
  const fixed = countsOf(change.fixed);
  return [
    `Since ${showInvisible(change.base)}, the change introduces ${introduced.length ? `${listed(introduced)}:` : 'nothing.'}`,
    ...side(change.introduced, change.fixed),
    `It fixes ${fixed.length ? `${listed(fixed)}:` : 'nothing.'}`,
    ...side(change.fixed, change.introduced),
  ];
}

/** User text in a table cell: one line, nothing Markdown would interpret. */
const cell = (text: string) => escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' '));

/** The one-line verdict under the heading. */
function verdict(change: Change): string {
  const introduced = countsOf(change.introduced);
  const fixed = countsOf(change.fixed);
  const fixes = fixed.length ? `fixes ${listed(fixed)}` : 'fixes nothing';
  return introduced.length
    ? `**Introduces ${listed(introduced)}**; ${fixes}.`
    : `**Nothing introduced**; ${fixed.length ? fixes : 'nothing fixed either'}.`;
}

/** The headings of one side's tables: what was introduced, or what was fixed. */
const HEADINGS = {
  introduced: {
    title: 'Introduced',
    empty: 'Nothing introduced.',
    openHighRisks: 'New open high risks',
    uncoveredDimensions: 'CIA dimensions without an abuse case',
    baselineGaps: 'Baseline questions newly open',
    findings: 'New findings by rule',
  },
  fixed: {
    title: 'Fixed',
    empty: 'Nothing fixed.',
    openHighRisks: 'High risks no longer open',
    uncoveredDimensions: 'CIA dimensions no longer without an abuse case',
    baselineGaps: 'Baseline questions no longer open',
    findings: 'Findings fixed, by rule',
  },
};

function sideMarkdown(lists: ChangeLists, others: ChangeLists, headings: (typeof HEADINGS)['fixed'], level: number) {
  const heading = (text: string, depth: number) => `${'#'.repeat(Math.min(depth, 6))} ${text}`;
  const lines = [heading(headings.title, level), ''];
  if (isEmpty(lists)) return [...lines, headings.empty, ''];
  const table = (title: string, head: string[], rows: string[][]) => {
    if (!rows.length) return;
    lines.push(heading(title, level + 1), '', `| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`);
    for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
  };
  const question = questionNames(lists, others);
  table(
    headings.openHighRisks,
    ['Abuse case', 'Title', 'Impact', 'Use case'],
    lists.openHighRisks.map((risk) => [cell(risk.abuseCase), cell(risk.title), cell(risk.impact), cell(risk.useCase)]),
  );
  table(
    headings.uncoveredDimensions,
    ['Use case', 'Dimension', 'Required'],
    lists.uncoveredDimensions.map((gap) => [cell(gap.useCase), gap.dimension, gap.level]),
  );
  table(
    headings.baselineGaps,
    ['Question'],
    lists.baselineGaps.map((gap) => [cell(question(gap))]),
  );
  table(
    headings.findings,
    ['Rule', 'Findings'],
    lists.findings.map((rule) => [`[${rule.code}](${docsUrlOf(rule.code)})`, String(rule.count)]),
  );
  return lines;
}

/**
 * `coverage --base REF`: a page for a pull-request comment, a heading, a one-line verdict, then what the change
 * introduced and what it fixed in short tables. `level` is its heading's depth (deeper inside another page).
 */
export function changeMarkdown(change: Change, level = 1): string {
  return [
    `${'#'.repeat(level)} Security review of the change since ${revisionMarkdown(change.base)}`,
    '',
    verdict(change),
    '',
    ...sideMarkdown(change.introduced, change.fixed, HEADINGS.introduced, level + 1),
    ...sideMarkdown(change.fixed, change.introduced, HEADINGS.fixed, level + 1),
  ].join('\n');
}
