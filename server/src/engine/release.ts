/*
 * A release's slice of the coverage model: the backlog items that say `release: R`, the use cases they build, those
 * use cases' abuse cases and the mitigations they carry. `abuse-cases gate --release R` judges the slice, and
 * `coverage --release R` reports it. The security baseline is the product's: a release ships with its gaps.
 */
import { compareSprints, sprintCapacity } from './capacity';
import type { BacklogNode, CoverageModel, CoverageSummary, TracedItem, UseCaseNode } from './coverageModel';
import { baselineGapsOf } from './coverageNodes';
import type { GateThresholds } from './config';
import { isHighRisk } from './coverage';
import { evaluateGate, gapsOf, openHighRisksOf, openRisksOfDone } from './gate';
import { overdueText } from './evidence';
import { flattenBacklog } from './backlogTree';

/** The releases the backlog names, in the order a release train runs ("2027.2" before "2027.10"). */
export function releasesOf(model: Pick<CoverageModel, 'backlog'>): string[] {
  const releases = new Set<string>();
  for (const item of flattenBacklog(model.backlog)) if (item.release !== undefined) releases.add(item.release);
  return [...releases].sort(compareSprints);
}

/**
 * The model cut to one release: its items (an item under an epic of the release stays under it; the others are
 * roots), their use cases, the sprints they are planned in, the evidence and vendors those touch, and the gate
 * judged on that alone. `errors` is the workspace's: a file the engine cannot read fails every release.
 */
export function releaseModel(
  model: CoverageModel,
  release: string,
  gate: GateThresholds,
  errors: number,
): CoverageModel {
  const inRelease = (item: BacklogNode) => item.release === release;
  const items = uniqueById(flattenBacklog(model.backlog).filter(inRelease));
  const ids = new Set(items.map((item) => item.id));
  const cut = (item: BacklogNode): BacklogNode => ({
    ...item,
    children: item.children.filter((child) => ids.has(child.id)).map(cut),
  });
  const childIds = new Set(items.flatMap((item) => item.children.map((child) => child.id)));
  const backlog = items.filter((item) => !childIds.has(item.id)).map(cut);
  const useCases = uniqueById(items.flatMap((item) => item.useCases));

  const open = useCases.flatMap(openHighRisksOf);
  const abuseCaseIds = new Set(useCases.flatMap((useCase) => useCase.abuseCases.map((abuseCase) => abuseCase.id)));
  const mitigationTitles = new Set(
    useCases.flatMap((useCase) =>
      useCase.abuseCases.flatMap((abuseCase) => abuseCase.mitigations.map((mitigation) => mitigation.title)),
    ),
  );
  const vendorIds = new Set(useCases.flatMap((useCase) => useCase.vendors));
  // Dated evidence of what the release touches: its abuse cases' acceptances, their mitigations' verifications,
  // its items' recurring work, the reviews of the vendors its use cases hand data to.
  const expiring = model.expiring.filter((node) =>
    node.kind === 'acceptance'
      ? abuseCaseIds.has(node.label)
      : node.kind === 'verification'
        ? mitigationTitles.has(node.label)
        : node.kind === 'recurring'
          ? ids.has(node.label)
          : vendorIds.has(node.label),
  );
  const sprints = sprintsOf(items);
  const traced: TracedItem[] = items
    .filter((item) => item.type !== 'epic')
    .map((item) => ({
      id: item.id,
      ...(item.source?.kind ? { sourceKind: item.source.kind } : {}),
      security: item.security || item.mitigations.length > 0,
    }));
  return {
    ...model,
    backlog,
    unplanned: [],
    summary: summaryOf(useCases),
    sprints,
    gate: evaluateGate(
      {
        openHighRisks: open,
        gaps: useCases.flatMap(gapsOf),
        doneWithOpenRisks: items
          .filter((item) => item.status === 'done')
          .map((item) => ({ id: item.id, open: openRisksOfDone(item.useCases) }))
          .filter(({ open: risks }) => risks.length > 0),
        summary: summaryOf(useCases),
        sprints,
        errors,
        baselineGaps: baselineGapsOf(model.baseline),
        overdue: expiring.filter((node) => node.overdue).map(overdueText),
        items: traced,
      },
      gate,
    ),
    expiring,
    vendors: model.vendors.filter((vendor) => vendorIds.has(vendor.id)),
  };
}

/** The coverage line's figures over some use cases, as `summarizeCoverage` counts them over files. */
function summaryOf(useCases: readonly UseCaseNode[]): CoverageSummary {
  const summary: CoverageSummary = {
    useCases: useCases.length,
    requiredDimensions: 0,
    coveredDimensions: 0,
    abuseCases: 0,
    closedAbuseCases: 0,
    openHighRisks: 0,
  };
  for (const useCase of useCases) {
    for (const mark of Object.values(useCase.cia)) {
      if (mark.mark === 'not-required') continue;
      summary.requiredDimensions++;
      if (mark.mark === 'covered') summary.coveredDimensions++;
    }
    for (const abuseCase of useCase.abuseCases) {
      summary.abuseCases++;
      if (abuseCase.state !== 'open') summary.closedAbuseCases++;
      else if (isHighRisk(abuseCase)) summary.openHighRisks++;
    }
  }
  return summary;
}

/** The release's items by sprint: their points, and those of security work (marked, or building a mitigation). */
function sprintsOf(items: readonly BacklogNode[]): CoverageModel['sprints'] {
  const bySprint = new Map<string, { total: number; security: number }>();
  for (const item of items) {
    if (item.sprint === undefined) continue;
    let sum = bySprint.get(item.sprint);
    if (!sum) bySprint.set(item.sprint, (sum = { total: 0, security: 0 }));
    if (item.points === undefined) continue;
    sum.total += item.points;
    if (item.security || item.mitigations.length > 0) sum.security += item.points;
  }
  return [...bySprint]
    .sort(([a], [b]) => compareSprints(a, b))
    .map(([sprint, { total, security }]) => sprintCapacity(sprint, total, security));
}

function uniqueById<T extends { id: string }>(nodes: readonly T[]): T[] {
  const seen = new Set<string>();
  return nodes.filter((node) => !seen.has(node.id) && seen.add(node.id));
}
