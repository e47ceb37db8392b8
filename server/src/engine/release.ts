/*
 * A release's slice of the coverage model: the backlog items that say `release: R`, the use cases they build, those
 * use cases' abuse cases and the mitigations they carry. `abuse-cases gate --release R` judges the slice, and
 * `coverage --release R` reports it. The security baseline is the product's: a release ships with its gaps.
 */
import { compareSprints, sprintCapacity } from './capacity';
import type { BacklogNode, CoverageModel, CoverageSummary, TracedItem, UseCaseNode } from './coverageModel';
import { baselineGapsOf } from './coverageNodes';
import type { GateThresholds } from './config';
import { addSummary, emptySummary, isHighRisk } from './coverage';
import { evaluateGate, gapsOf, openHighRisksOf, openRisksOfDone } from './gate';
import { overdueText } from './evidence';
import { flattenBacklog } from './backlogTree';

/** The backlog items of each release ('' for none), each id once, in the backlog's order: made once per backlog. */
const itemsByBacklog = new WeakMap<readonly BacklogNode[], ReadonlyMap<string, readonly BacklogNode[]>>();

export function itemsByRelease(model: Pick<CoverageModel, 'backlog'>): ReadonlyMap<string, readonly BacklogNode[]> {
  let byRelease = itemsByBacklog.get(model.backlog);
  if (!byRelease) {
    const grouped = new Map<string, BacklogNode[]>();
    const seen = new Set<string>();
    for (const item of flattenBacklog(model.backlog)) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      const key = item.release ?? '';
      let items = grouped.get(key);
      if (!items) grouped.set(key, (items = []));
      items.push(item);
    }
    itemsByBacklog.set(model.backlog, (byRelease = grouped));
  }
  return byRelease;
}

/** The releases the backlog names, in the order a release train runs ("2027.2" before "2027.10"). */
export function releasesOf(model: Pick<CoverageModel, 'backlog'>): string[] {
  return [...itemsByRelease(model).keys()].filter((release) => release !== '').sort(compareSprints);
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
  const items = itemsByRelease(model).get(release) ?? [];
  const ids = new Set(items.map((item) => item.id));
  const cut = (item: BacklogNode): BacklogNode => ({
    ...item,
    children: item.children.filter((child) => ids.has(child.id)).map(cut),
  });
  const childIds = new Set(items.flatMap((item) => item.children.map((child) => child.id)));
  const backlog = items.filter((item) => !childIds.has(item.id)).map(cut);
  const useCases = uniqueById(items.flatMap((item) => item.useCases));
  const expiring = expiringIn(model, items, useCases);
  const vendorIds = new Set(model.vendors.length ? useCases.flatMap((useCase) => useCase.vendors) : []);
  const sprints = sprintsOf(items);
  const summary = summaryOf(useCases);
  return {
    ...model,
    backlog,
    unplanned: [],
    summary,
    sprints,
    gate: evaluateGate(
      {
        openHighRisks: useCases.flatMap((useCase) => factsOf(useCase).openHighRisks),
        gaps: useCases.flatMap((useCase) => factsOf(useCase).gaps),
        doneWithOpenRisks: items
          .filter((item) => item.status === 'done')
          .map((item) => ({ id: item.id, open: openRisksOfDone(item.useCases) }))
          .filter(({ open: risks }) => risks.length > 0),
        summary,
        sprints,
        errors,
        baselineGaps: baselineGapsOf(model.baseline),
        overdue: expiring.filter((node) => node.overdue).map(overdueText),
        items: items.flatMap(tracedItemOf),
      },
      gate,
    ),
    expiring,
    vendors: model.vendors.filter((vendor) => vendorIds.has(vendor.id)),
  };
}

/**
 * A backlog item as `require-source` reads it: where it came from, and whether it is security work (marked, or it
 * builds a mitigation), which needs no source. None for an epic: its children say where they came from.
 */
export function tracedItemOf(item: BacklogNode): TracedItem[] {
  if (item.type === 'epic') return [];
  return [
    {
      id: item.id,
      ...(item.source?.kind ? { sourceKind: item.source.kind } : {}),
      security: item.security || item.mitigations.length > 0,
    },
  ];
}

/**
 * The dated evidence a release touches: its abuse cases' acceptances, their mitigations' verifications, its items'
 * recurring work, the reviews of the vendors its use cases hand data to. The list is short: the walk of the
 * release's entries looks each one up in it.
 */
function expiringIn(
  model: CoverageModel,
  items: readonly BacklogNode[],
  useCases: readonly UseCaseNode[],
): CoverageModel['expiring'] {
  if (model.expiring.length === 0) return [];
  const dated = new Set(model.expiring.map((node) => `${node.kind}\u0000${node.label}`));
  const touched = new Set<string>();
  const touch = (kind: string, label: string) => {
    const key = `${kind}\u0000${label}`;
    if (dated.has(key)) touched.add(key);
  };
  for (const item of items) touch('recurring', item.id);
  for (const useCase of useCases) {
    for (const vendor of useCase.vendors) touch('review', vendor);
    for (const abuseCase of useCase.abuseCases) {
      touch('acceptance', abuseCase.id);
      for (const mitigation of abuseCase.mitigations) touch('verification', mitigation.title);
    }
  }
  return model.expiring.filter((node) => touched.has(`${node.kind}\u0000${node.label}`));
}

/** What a release's gate reads of one use case. */
interface UseCaseFacts {
  openHighRisks: string[];
  gaps: string[];
  summary: CoverageSummary;
}

/**
 * Made once per use case node: an edit makes new nodes for its file only, so the slices of a new model read the
 * other files' use cases from here (the sidebar judges every release after every edit).
 */
const factsByUseCase = new WeakMap<UseCaseNode, UseCaseFacts>();

function factsOf(useCase: UseCaseNode): UseCaseFacts {
  let facts = factsByUseCase.get(useCase);
  if (!facts) {
    const summary: CoverageSummary = { ...emptySummary(), useCases: 1 };
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
    factsByUseCase.set(useCase, (facts = { openHighRisks: openHighRisksOf(useCase), gaps: gapsOf(useCase), summary }));
  }
  return facts;
}

/** The coverage line's figures over some use cases, as `summarizeCoverage` counts them over files. */
function summaryOf(useCases: readonly UseCaseNode[]): CoverageSummary {
  const summary = emptySummary();
  for (const useCase of useCases) addSummary(summary, factsOf(useCase).summary);
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
