import type { EngineDiagnostic, Workspace } from '../engine';
import { useCasesOf } from '../engine/backlogTree';
import { isHighRisk } from '../engine/coverage';
import { coverageModelOf } from '../engine/coverageTree';
import type { CoverageModel, Dimension, Level } from '../../../shared/coverageModel';
import { DIMENSIONS } from '../engine/format';
import { displayPath, FixedFinding, LoadOptions, UsageError } from './check';
import { BaseFile, BaseWorkspace, loadBaseWorkspace, LoadedWorkspace } from './gitBase';

/**
 * What a change did to the security of the workspace, between a git revision (`--base REF`) and the files now: the
 * same lists on both sides, compared by what names each entry (an abuse case by its and its use case's ids, a finding
 * by its file, rule and message — not its line, since lines move when text is added above them).
 */

/** An abuse case of major or severe impact that nothing closes: mitigated, verified or accepted. */
export interface OpenHighRisk {
  abuseCase: string;
  useCase: string;
  title: string;
  impact: string;
}

/** A dimension a use case requires at medium or high that no abuse case threatens (`cia-uncovered`). */
export interface UncoveredDimension {
  useCase: string;
  dimension: Dimension;
  level: Level;
}

/** A question of the security baseline that nothing answers. */
export interface BaselineGap {
  product: string;
  capability: string;
  name: string;
}

/** How many findings of one rule. */
export interface RuleCount {
  code: string;
  count: number;
}

/** One side of a change: what it introduced, or what it fixed. */
export interface ChangeLists {
  openHighRisks: OpenHighRisk[];
  uncoveredDimensions: UncoveredDimension[];
  baselineGaps: BaselineGap[];
  findings: RuleCount[];
}

/** `coverage --base REF --format json`. */
export interface Change {
  /** The revision as the command line gave it. */
  base: string;
  introduced: ChangeLists;
  fixed: ChangeLists;
}

type CurrentFile = LoadedWorkspace['files'][number];

/** A change and, for `check --base`, its findings: the current files with only the new ones, and the fixed ones. */
export interface ReviewedChange {
  change: Change;
  newFindings: { file: CurrentFile; diagnostics: EngineDiagnostic[] }[];
  fixedFindings: FixedFinding[];
}

/**
 * Reads the workspace at `ref` and compares it with the current one; a usage error (not a repository, an unknown
 * revision) is reported here and given back as its exit code.
 */
export async function changeSince(
  paths: string[],
  options: LoadOptions,
  current: LoadedWorkspace,
  ref: string,
): Promise<ReviewedChange | number> {
  let base: BaseWorkspace;
  try {
    base = await loadBaseWorkspace(paths, options, current, ref);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`abuse-cases: ${error.message}\n`);
    return 2;
  }
  const { newFindings, fixedFindings } = compareFindings(current, base);
  const now = listsOf(coverageModelOf(current.workspace));
  const atBase = listsOf(coverageModelOf(base.workspace));
  const findingsNow = newFindings.flatMap((result) => result.diagnostics);
  return {
    change: {
      base: ref,
      introduced: { ...added(now, atBase), findings: countByRule(findingsNow) },
      fixed: { ...added(atBase, now), findings: countByRule(fixedFindings) },
    },
    newFindings,
    fixedFindings,
  };
}

/** What names a finding across revisions: its file, rule and message. */
const findingKey = (uri: string, d: EngineDiagnostic) => `${uri}\u0000${d.code}\u0000${d.message}`;

/**
 * The current findings that the base does not have, and the base's findings that are gone. Findings are matched one
 * for one, so that a second finding with the same message in a file is new.
 */
function compareFindings(
  current: LoadedWorkspace,
  base: { files: BaseFile[]; workspace: Workspace },
): Pick<ReviewedChange, 'newFindings' | 'fixedFindings'> {
  const unmatched = new Map<string, number>();
  for (const file of base.files)
    for (const d of base.workspace.diagnostics(file.uri)) {
      const key = findingKey(file.uri, d);
      unmatched.set(key, (unmatched.get(key) ?? 0) + 1);
    }
  // Takes one of the base's findings with this key, if one is left.
  const take = (key: string) => {
    const left = unmatched.get(key) ?? 0;
    if (left > 0) unmatched.set(key, left - 1);
    return left > 0;
  };
  const newFindings = current.files.map((file) => ({
    file,
    diagnostics: current.workspace.diagnostics(file.uri).filter((d) => !take(findingKey(file.uri, d))),
  }));
  // A finding the change suppresses is not one it fixed.
  for (const file of current.files)
    for (const { finding } of current.workspace.suppressed(file.uri)) take(findingKey(file.uri, finding));
  const fixedFindings = base.files.flatMap((file) =>
    base.workspace
      .diagnostics(file.uri)
      .filter((d) => take(findingKey(file.uri, d)))
      .map((d) => ({
        path: displayPath(file.path),
        code: d.code,
        severity: d.severity,
        message: d.message,
      })),
  );
  return { newFindings, fixedFindings };
}

type ModelLists = Omit<ChangeLists, 'findings'>;

/** The lists the gate judges (`openHighRisksOf`, `gapsOf`, the baseline's gaps), with what a report shows of each. */
function listsOf(model: CoverageModel): ModelLists {
  const useCases = useCasesOf(model);
  return {
    openHighRisks: useCases.flatMap((useCase) =>
      useCase.abuseCases
        .filter((abuseCase) => abuseCase.state === 'open' && isHighRisk(abuseCase))
        .map((abuseCase) => ({
          abuseCase: abuseCase.id,
          useCase: useCase.id,
          title: abuseCase.title,
          impact: abuseCase.impact!,
        })),
    ),
    uncoveredDimensions: useCases.flatMap((useCase) =>
      DIMENSIONS.filter((dimension) => useCase.cia[dimension].mark === 'uncovered').map((dimension) => ({
        useCase: useCase.id,
        dimension,
        level: useCase.cia[dimension].level,
      })),
    ),
    baselineGaps: model.baseline
      .filter((question) => question.status === 'gap')
      .map((question) => ({ product: question.product, capability: question.capability, name: question.name })),
  };
}

/** The entries of `after` that `before` lacks, an entry named by `key`. */
function without<T>(after: readonly T[], before: readonly T[], key: (entry: T) => string): T[] {
  const had = new Set(before.map(key));
  return after.filter((entry) => !had.has(key(entry)));
}

/** What `after` holds that `before` does not, list by list. */
function added(after: ModelLists, before: ModelLists): ModelLists {
  return {
    openHighRisks: without(
      after.openHighRisks,
      before.openHighRisks,
      (risk) => `${risk.abuseCase}\u0000${risk.useCase}`,
    ),
    uncoveredDimensions: without(
      after.uncoveredDimensions,
      before.uncoveredDimensions,
      (gap) => `${gap.useCase}\u0000${gap.dimension}`,
    ),
    baselineGaps: without(after.baselineGaps, before.baselineGaps, (gap) => `${gap.product}\u0000${gap.capability}`),
  };
}

/** Findings by rule, the most frequent first. */
function countByRule(findings: readonly { code: string }[]): RuleCount[] {
  const counts = new Map<string, number>();
  for (const { code } of findings) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** Whether a side of a change holds anything. */
export function isEmpty(lists: ChangeLists): boolean {
  return (
    !lists.openHighRisks.length &&
    !lists.uncoveredDimensions.length &&
    !lists.baselineGaps.length &&
    !lists.findings.length
  );
}
