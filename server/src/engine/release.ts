/*
 * A release's slice of the coverage model: the backlog items that say `release: R`, the use cases they build, those
 * use cases' abuse cases and the mitigations they carry. `abuse-cases gate --release R` judges the slice, and
 * `coverage --release R` reports it. The security baseline is the product's: a release ships with its gaps.
 */
import { compareSprints, sprintCapacity } from './capacity';
import type { BacklogNode, CoverageModel, CoverageSummary, GateResult, TracedItem, UseCaseNode } from './coverageModel';
import { baselineGapsOf } from './coverageNodes';
import type { GateThresholds } from './config';
import { addSummary, emptySummary, isHighRisk } from './coverage';
import { evaluateGate, gapsOf, openHighRisksOf, openRisksOfDone } from './gate';
import { overdueText } from './evidence';
import { flattenBacklog } from './backlogTree';
import { sameItems } from './arrays';

/** A backlog's items by release, and where each id sits in its release's list (to replace a node in place). */
interface ReleaseGrouping {
  byRelease: ReadonlyMap<string, readonly BacklogNode[]>;
  at: ReadonlyMap<string, number>;
}

/** The grouping of each backlog (by its array of roots), made once; a model after an edit may inherit its predecessor's. */
const groupings = new WeakMap<readonly BacklogNode[], ReleaseGrouping>();

/** The backlog items of each release ('' for none), each id once, in the backlog's order. */
export function itemsByRelease(model: Pick<CoverageModel, 'backlog'>): ReadonlyMap<string, readonly BacklogNode[]> {
  let grouping = groupings.get(model.backlog);
  if (!grouping) {
    const byRelease = new Map<string, BacklogNode[]>();
    const at = new Map<string, number>();
    for (const item of flattenBacklog(model.backlog)) {
      if (at.has(item.id)) continue;
      const key = item.release ?? '';
      let items = byRelease.get(key);
      if (!items) byRelease.set(key, (items = []));
      at.set(item.id, items.length);
      items.push(item);
    }
    groupings.set(model.backlog, (grouping = { byRelease, at }));
  }
  return grouping.byRelease;
}

/**
 * Hands a new backlog of the same shape (the same ids under the same parents) the grouping of the one before,
 * with the nodes an edit replaced put in place: only the lists that hold them are copied, and the other releases
 * keep theirs (so their slices can be told unchanged). Does nothing when the previous backlog was never grouped or
 * a replaced node moved to another release: the new one is then grouped afresh when asked.
 */
export function carryItemsByRelease(
  previous: readonly BacklogNode[],
  next: readonly BacklogNode[],
  replaced: Iterable<BacklogNode>,
): void {
  const last = groupings.get(previous);
  if (!last || groupings.has(next)) return;
  const byRelease = new Map(last.byRelease);
  const copied = new Set<string>();
  for (const node of replaced) {
    const key = node.release ?? '';
    let list = byRelease.get(key);
    const at = last.at.get(node.id);
    if (!list || at === undefined || list[at]?.id !== node.id) return;
    if (!copied.has(key)) {
      copied.add(key);
      byRelease.set(key, (list = list.slice()));
    }
    (list as BacklogNode[])[at] = node;
  }
  groupings.set(next, { byRelease, at: last.at });
}

/** The releases the backlog names, in the order a release train runs ("2027.2" before "2027.10"). */
export function releasesOf(model: Pick<CoverageModel, 'backlog'>): string[] {
  return [...itemsByRelease(model).keys()].filter((release) => release !== '').sort(compareSprints);
}

/** A release judged on its slice: what its gate, its row in the sidebar and its report read. */
export interface ReleaseVerdict {
  items: readonly BacklogNode[];
  /** The use cases its items build, each id once. */
  useCases: readonly UseCaseNode[];
  summary: CoverageSummary;
  sprints: CoverageModel['sprints'];
  expiring: CoverageModel['expiring'];
  gate: GateResult;
  /** Its items that are not security work and say nowhere where they came from (`source:`). */
  untraced: string[];
}

/**
 * The gate of one release, judged on its items, their use cases, the sprints they are planned in and the evidence
 * they touch, in one pass over the release's items: what each item and use case adds is kept with its node, which
 * an edit replaces only in its own file. `errors` is the workspace's: a file the engine cannot read fails every
 * release.
 */
export function releaseVerdict(
  model: CoverageModel,
  release: string,
  thresholds: GateThresholds,
  errors: number,
  before?: { model: CoverageModel; verdict: ReleaseVerdict; thresholds: GateThresholds; errors: number },
): ReleaseVerdict {
  const items = itemsByRelease(model).get(release) ?? [];
  // The same item nodes (so the same use case nodes) judged alike: only what the model adds may differ.
  if (before && before.verdict.items === items && before.thresholds === thresholds && before.errors === errors) {
    const expiring = expiringIn(model, items, before.verdict.useCases);
    if (
      sameItems(overdueOf(expiring), overdueOf(before.verdict.expiring)) &&
      sameItems(baselineGapsOf(model.baseline), baselineGapsOf(before.model.baseline))
    )
      return { ...before.verdict, expiring };
  }
  const seen = new Set<string>();
  const useCases: UseCaseNode[] = [];
  const summary = emptySummary();
  const openHighRisks: string[] = [];
  const gaps: string[] = [];
  const doneWithOpenRisks: { id: string; open: string[] }[] = [];
  const traced: TracedItem[] = [];
  const untraced: string[] = [];
  for (const item of items) {
    const facts = itemFactsOf(item);
    if (facts.traced) {
      traced.push(facts.traced);
      if (!facts.traced.security && !facts.traced.sourceKind) untraced.push(item.id);
    }
    if (facts.doneWithOpenRisks) doneWithOpenRisks.push(facts.doneWithOpenRisks);
    for (const useCase of item.useCases) {
      if (seen.has(useCase.id)) continue;
      seen.add(useCase.id);
      useCases.push(useCase);
      const useCaseFacts = factsOf(useCase);
      addSummary(summary, useCaseFacts.summary);
      for (const risk of useCaseFacts.openHighRisks) openHighRisks.push(risk);
      for (const gap of useCaseFacts.gaps) gaps.push(gap);
    }
  }
  const expiring = expiringIn(model, items, useCases);
  const sprints = sprintsOf(items);
  const gate = evaluateGate(
    {
      openHighRisks,
      gaps,
      doneWithOpenRisks,
      summary,
      sprints,
      errors,
      baselineGaps: baselineGapsOf(model.baseline),
      overdue: overdueOf(expiring),
      items: traced,
    },
    thresholds,
  );
  return { items, useCases, summary, sprints, expiring, gate, untraced };
}

/**
 * The model cut to one release: its items (an item under an epic of the release stays under it; the others are
 * roots), their use cases, the sprints they are planned in, the evidence and vendors those touch, and the gate
 * judged on that alone (`abuse-cases gate --release`, `coverage --release`).
 */
export function releaseModel(
  model: CoverageModel,
  release: string,
  thresholds: GateThresholds,
  errors: number,
  verdict: ReleaseVerdict = releaseVerdict(model, release, thresholds, errors),
): CoverageModel {
  const { items, useCases, summary, sprints, expiring, gate } = verdict;
  const ids = new Set(items.map((item) => item.id));
  const cut = (item: BacklogNode): BacklogNode => ({
    ...item,
    children: item.children.filter((child) => ids.has(child.id)).map(cut),
  });
  const childIds = new Set(items.flatMap((item) => item.children.map((child) => child.id)));
  const backlog = items.filter((item) => !childIds.has(item.id)).map(cut);
  const vendorIds = new Set(model.vendors.length ? useCases.flatMap((useCase) => useCase.vendors) : []);
  return {
    ...model,
    backlog,
    unplanned: [],
    summary,
    sprints,
    gate,
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

function overdueOf(expiring: CoverageModel['expiring']): string[] {
  return expiring.filter((node) => node.overdue).map(overdueText);
}

/** What a release's gate reads of one backlog item. */
interface ItemFacts {
  traced?: TracedItem;
  /** A done item whose use cases still have open abuse cases. */
  doneWithOpenRisks?: { id: string; open: string[] };
}

/** Made once per backlog node: an edit replaces the nodes of the items it touches only. */
const factsByItem = new WeakMap<BacklogNode, ItemFacts>();

function itemFactsOf(item: BacklogNode): ItemFacts {
  let facts = factsByItem.get(item);
  if (!facts) {
    const [traced] = tracedItemOf(item);
    const open = item.status === 'done' ? openRisksOfDone(item.useCases) : [];
    facts = { traced, ...(open.length > 0 ? { doneWithOpenRisks: { id: item.id, open } } : {}) };
    factsByItem.set(item, facts);
  }
  return facts;
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
