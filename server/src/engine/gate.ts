import { formatShare } from './capacity';
import { GateThresholds } from './config';
import { isHighRisk } from './coverage';
import type { GateInput, GateResult, ThresholdName, ThresholdResult, UseCaseNode } from './coverageModel';
import { plural } from './text';

export type { GateInput, GateResult, ThresholdName, ThresholdResult } from './coverageModel';

/** A use case's open high risks, as the gate lists them: `AB-1 (UC-1)`. */
export function openHighRisksOf(useCase: UseCaseNode): string[] {
  return useCase.abuseCases.filter((a) => a.state === 'open' && isHighRisk(a)).map((a) => `${a.id} (${useCase.id})`);
}

/** A use case's required CIA dimensions that no abuse case threatens, as the gate lists them: `UC-1 integrity`. */
export function gapsOf(useCase: UseCaseNode): string[] {
  return Object.entries(useCase.cia)
    .filter(([, mark]) => mark.mark === 'uncovered')
    .map(([dimension]) => `${useCase.id} ${dimension}`);
}

/** The open abuse cases of the use cases a done backlog item builds, each id once. */
export function openRisksOfDone(useCases: readonly UseCaseNode[]): string[] {
  return [
    ...new Set(useCases.flatMap((useCase) => useCase.abuseCases.filter((a) => a.state === 'open').map((a) => a.id))),
  ];
}

export function evaluateGate(
  {
    openHighRisks: open,
    gaps,
    doneWithOpenRisks,
    summary,
    sprints,
    errors,
    baselineGaps,
    overdue,
    items = [],
  }: GateInput,
  gate: GateThresholds,
): GateResult {
  // Each result's mode is set once all are made, from the configuration.
  const thresholds: ThresholdResult[] = [
    {
      threshold: 'no-errors',
      passed: errors === 0,
      mode: 'fail',
      message:
        errors === 0
          ? 'no errors in the analysed files'
          : `${plural(errors, 'error')} in the analysed files (run abuse-cases check)`,
      offenders: [],
    },
  ];

  if (gate.maxOpenHighRisks !== undefined)
    thresholds.push(atMost('max-open-high-risks', open, gate.maxOpenHighRisks, plural(open.length, 'open high risk')));

  if (gate.requireMitigatedForDone) {
    const offenders = doneWithOpenRisks.map(({ id, open }) => `${id} (open: ${open.join(', ')})`);
    thresholds.push({
      threshold: 'require-mitigated-for-done',
      passed: offenders.length === 0,
      mode: 'fail',
      message: offenders.length
        ? `${plural(offenders.length, 'done backlog item')} still ${offenders.length === 1 ? 'builds' : 'build'} a use case with an open abuse case`
        : 'every done backlog item has its abuse cases mitigated or accepted',
      offenders,
    });
  }

  if (gate.minCoverage !== undefined) {
    const { requiredDimensions: required, coveredDimensions: covered } = summary;
    const share = required === 0 ? 1 : covered / required;
    const passed = share >= gate.minCoverage;
    thresholds.push({
      threshold: 'min-coverage',
      passed,
      mode: 'fail',
      message:
        `${formatShare(share)} of the required CIA dimensions have an abuse case (${covered} of ${required}), ` +
        (passed
          ? `the minimum is ${formatShare(gate.minCoverage)}`
          : `${percentagePoints(gate.minCoverage - share)} below the minimum of ${formatShare(gate.minCoverage)}`),
      offenders: passed ? [] : [...gaps],
    });
  }

  if (gate.securityCapacity !== undefined) {
    const target = gate.securityCapacity;
    const below = sprints.filter((sprint) => sprint.share !== undefined && sprint.share < target);
    thresholds.push({
      threshold: 'security-capacity',
      passed: below.length === 0,
      mode: 'fail',
      message: below.length
        ? `${plural(below.length, 'sprint')} below ${formatShare(target)} of points on security work: ${below
            .map(
              (sprint) =>
                `${sprint.sprint} at ${formatShare(sprint.share!)} (${sprint.securityPoints} of ${sprint.totalPoints} points, ${percentagePoints(target - sprint.share!)} short)`,
            )
            .join('; ')}`
        : `every sprint with points spends at least ${formatShare(target)} on security work`,
      offenders: below.map((sprint) => sprint.sprint),
    });
  }

  if (gate.maxBaselineGaps !== undefined)
    thresholds.push(
      atMost(
        'max-baseline-gaps',
        baselineGaps,
        gate.maxBaselineGaps,
        `${plural(baselineGaps.length, 'question')} of the security baseline not answered`,
      ),
    );

  if (gate.maxOverdue !== undefined)
    thresholds.push(
      atMost('max-overdue', overdue, gate.maxOverdue, `${plural(overdue.length, 'piece')} of evidence lapsed`),
    );

  if (gate.requireSource) {
    const kinds = gate.requireSource;
    const wanted = kinds.length ? alternatives(kinds) : 'a source';
    const offenders = items
      .filter((item) => !item.security && !(item.sourceKind && (kinds as string[]).includes(item.sourceKind)))
      .map((item) => `${item.id} (${item.sourceKind ? `from ${item.sourceKind}` : 'no source'})`);
    thresholds.push({
      threshold: 'require-source',
      passed: offenders.length === 0,
      mode: 'fail',
      message: offenders.length
        ? `${plural(offenders.length, 'backlog item')} that ${offenders.length === 1 ? 'is' : 'are'} not security work ${offenders.length === 1 ? 'does' : 'do'} not trace to ${wanted}`
        : `every backlog item that is not security work traces to ${wanted}`,
      offenders,
    });
  }

  if (gate.requireSecurityForRelease) {
    const offenders = [...open, ...baselineGaps.map((gap) => `baseline: ${gap}`)];
    thresholds.push({
      threshold: 'require-security-for-release',
      passed: offenders.length === 0,
      mode: 'fail',
      message: offenders.length
        ? `${plural(open.length, 'open high risk')} and ${plural(baselineGaps.length, 'question')} of the security baseline not answered`
        : 'no open high risk, and every question of the security baseline answered or turned off',
      offenders,
    });
  }

  for (const result of thresholds) result.mode = gate.modes?.[result.threshold] ?? gate.mode ?? 'fail';
  return {
    passed: thresholds.every((result) => result.passed || result.mode === 'report'),
    reported: thresholds.filter((result) => !result.passed && result.mode === 'report').length,
    thresholds,
  };
}

/** A threshold on how many offenders there may be: "3 open high risks, 1 over the maximum of 2". */
function atMost(threshold: ThresholdName, offenders: readonly string[], max: number, found: string): ThresholdResult {
  const over = offenders.length - max;
  return {
    threshold,
    passed: over <= 0,
    mode: 'fail',
    message: `${found}${over > 0 ? `, ${over} over the maximum of ${max}` : `, the maximum is ${max}`}`,
    offenders: [...offenders],
  };
}

/** A gap between two shares, rounded up so that "0 points short" never describes a failure. */
function percentagePoints(gap: number): string {
  const points = Math.max(1, Math.ceil(Math.round(gap * 10000) / 100));
  return `${points} percentage ${points === 1 ? 'point' : 'points'}`;
}

/** `feedback`, `feedback or research`, `feedback, research or regulation`. */
function alternatives(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
