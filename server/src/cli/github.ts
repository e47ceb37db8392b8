import { randomUUID } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { escapeMarkdown, showInvisible } from '../../../shared/markdown';
import type { EngineDiagnostic, LineIndex, Severity } from '../engine';
import type { GateResult, ThresholdResult } from '../engine/gate';

/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…::message`), which the runner turns into
 * annotations on the pull request's files and the run's summary, and Markdown for `$GITHUB_STEP_SUMMARY`.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */

/** A message as GitHub's toolkit escapes it (`escapeData`): a line break would end the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value as the toolkit escapes it (`escapeProperty`): `:` and `,` would end the value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function workflowCommand(name: string, properties: Record<string, string | number>, message: string): string {
  const listed = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${listed ? ` ${listed}` : ''}::${escapeData(message)}`;
}

/** Annotations have three levels; information and hints are notices. */
const COMMAND_OF: Record<Severity, 'error' | 'warning' | 'notice'> = {
  error: 'error',
  warning: 'warning',
  information: 'notice',
  hint: 'notice',
};

export interface AnnotatedFile {
  /** Absolute path. */
  path: string;
  lineIndex: LineIndex;
  diagnostics: readonly EngineDiagnostic[];
}

/**
 * One command a finding: `::error file=login.usecase.yaml,line=12,col=9,endLine=12,endColumn=20,title=abuse-cases
 * cia-uncovered::…`, lines and columns 1-based, the path relative to `root` with `/` (the runner maps it onto the
 * repository when the job runs at its root).
 */
export function findingCommands(files: readonly AnnotatedFile[], root: string): string[] {
  return files.flatMap((file) => {
    const relative = path.relative(root, file.path).split(path.sep).join('/');
    return file.diagnostics.map((d) => {
      const { start, end } = file.lineIndex.rangeOf(d.range);
      return workflowCommand(
        COMMAND_OF[d.severity],
        {
          file: relative,
          line: start.line + 1,
          col: start.character + 1,
          endLine: end.line + 1,
          endColumn: end.character + 1,
          title: `abuse-cases ${d.code}`,
        },
        d.message,
      );
    });
  });
}

/** How many offenders an annotation names before "and N more": the log below lists them all. */
const OFFENDERS_SHOWN = 10;

/**
 * One command a failing threshold: `::error` when it fails the gate (mode fail), `::warning` when it is only reported
 * (mode report). The message names the offenders, one a line, since an annotation is often all a reviewer opens.
 */
export function gateCommands(gate: GateResult): string[] {
  return gate.thresholds
    .filter((result) => !result.passed)
    .map((result) =>
      workflowCommand(
        result.mode === 'fail' ? 'error' : 'warning',
        { title: `abuse-cases gate ${result.threshold}` },
        [result.message, ...offenderLines(result)].join('\n'),
      ),
    );
}

function offenderLines({ offenders }: ThresholdResult): string[] {
  const shown = offenders.slice(0, OFFENDERS_SHOWN).map((offender) => `  ${offender}`);
  return offenders.length > OFFENDERS_SHOWN ? [...shown, `  and ${offenders.length - OFFENDERS_SHOWN} more`] : shown;
}

/**
 * Lines the runner must print as they are, never read as commands: they carry user text (sprint names, ids), and a
 * line of it that starts with `::` would otherwise be obeyed. GitHub's `stop-commands` with a token no file can know.
 */
export function withoutCommands(lines: readonly string[]): string[] {
  const token = randomUUID();
  return [`::stop-commands::${token}`, ...lines, `::${token}::`];
}

/**
 * Appends Markdown to the job's summary when the runner names its file (`$GITHUB_STEP_SUMMARY`); each step may add to
 * it, so it is appended to, never replaced. A summary that cannot be written is said, and changes no exit code.
 */
export async function appendStepSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    // A blank line first: what an earlier step wrote may end in the middle of a paragraph.
    await fs.appendFile(file, `\n${markdown}`);
  } catch (error) {
    process.stderr.write(
      `abuse-cases: cannot write the step summary to ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    );
  }
}

/** A cell of user text: one line, nothing Markdown would interpret. */
const cell = (text: string) => escapeMarkdown(text.replace(/\s*[\r\n]+\s*/g, ' '));

/** A git revision as code (`HEAD~1`), unless it holds what would end the code span. */
export const revisionMarkdown = (ref: string) => (/[`\r\n]/.test(ref) ? cell(ref) : `\`${showInvisible(ref)}\``);

/** The check's step summary: its counts by severity, then its summary and coverage lines. */
export function checkStepSummary(
  counts: { errors: number; warnings: number; information: number; hints: number },
  files: number,
  summary: readonly string[],
  base?: string,
): string {
  return [
    base === undefined ? '## abuse-cases check' : `## abuse-cases check: new findings since ${revisionMarkdown(base)}`,
    '',
    '| Errors | Warnings | Infos | Hints | Files |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${counts.errors} | ${counts.warnings} | ${counts.information} | ${counts.hints} | ${files} |`,
    '',
    ...summary.flatMap((line) => [escapeMarkdown(line), '']),
  ].join('\n');
}

const outcomeOf = (result: ThresholdResult) =>
  result.passed ? '✓ passed' : result.mode === 'fail' ? '✗ **failed**' : '! **failed**, reported only';

/** What a threshold found, and its first offenders. */
function foundCell(result: ThresholdResult): string {
  const listed = result.offenders.slice(0, OFFENDERS_SHOWN).join(', ');
  const more =
    result.offenders.length > OFFENDERS_SHOWN ? ` and ${result.offenders.length - OFFENDERS_SHOWN} more` : '';
  return listed ? `${cell(result.message)}: ${cell(listed)}${more}` : cell(result.message);
}

/** The gate's step summary: its headline, then a row a threshold with its mode and outcome. */
export function gateStepSummary(gate: GateResult, headline: string): string {
  return [
    `## abuse-cases gate: ${gate.passed ? 'passed' : 'failed'}`,
    '',
    cell(headline),
    '',
    '| Check | Mode | Outcome | What it found |',
    '| --- | --- | --- | --- |',
    ...gate.thresholds.map(
      (result) => `| ${result.threshold} | ${result.mode} | ${outcomeOf(result)} | ${foundCell(result)} |`,
    ),
    '',
  ].join('\n');
}
