import { capacityOf, compareSprints, SprintCapacity } from './capacity';
import { coverageOf, isRiskClosed, needsAbuseCase } from './cia';
import { CoverageSummary, summarizeCoverage } from './coverage';
import { CoverageState, RiskState, worstState } from './coverageStates';
import { LEVEL_RANK } from './dataClasses';
import { Dimension, DIMENSIONS, Level } from './format';
import { evaluateGate, GateResult } from './gate';
import { AbuseCase, BacklogItem, Mitigation, UseCase } from './model';
import { OffsetRange, Position } from './text';
import type { ParsedFile, Workspace } from './workspace';

export { COVERAGE_STATES, STATE_LEGEND, worstState } from './coverageStates';
export type { CoverageState, RiskState, StateLegend } from './coverageStates';

/** Whether the requirement is met by some abuse case: covered, required at medium or high but uncovered, not required. */
export type DimensionMark = 'covered' | 'uncovered' | 'not-required';

export interface CiaMark {
  /**
   * What to show for the dimension: `uncovered` (required, no abuse case threatens it), the worst state of the
   * abuse cases threatening it (`open`, `accepted`, `mitigated`, `verified`), or `not-required` (nothing required
   * and nothing threatens it).
   */
  state: CoverageState;
  /** Whether the requirement is covered by an abuse case, as `cia-uncovered` and the gate count it. */
  mark: DimensionMark;
  level: Level;
  /** Why the level is required: a data class, or `cia:`. */
  requiredBy?: string;
  /** The abuse cases threatening the dimension. */
  abuseCases: string[];
}

export interface NodeLocation {
  uri: string;
  /** The whole YAML node. */
  range: { start: Position; end: Position };
  /** What names it (its id or title), the part to select. */
  selection: { start: Position; end: Position };
}

export interface MitigationNode {
  kind: 'mitigation';
  title: string;
  status: string;
  backlog: string[];
  /** What the mitigation alone does for its abuse case: `open` while proposed or planned (not built yet). */
  state: Extract<RiskState, 'open' | 'mitigated' | 'verified'>;
  location: NodeLocation;
}

export interface AbuseCaseNode {
  kind: 'abuse-case';
  id: string;
  title: string;
  intent: string;
  threatens: Dimension[];
  likelihood?: string;
  impact?: string;
  state: RiskState;
  acceptance?: { by?: string; until?: string; expired: boolean };
  mitigations: MitigationNode[];
  location: NodeLocation;
}

export interface UseCaseNode {
  kind: 'use-case';
  id: string;
  title: string;
  actor?: string;
  backlog: string[];
  data: string[];
  cia: Record<Dimension, CiaMark>;
  /** The worst state of its dimensions and abuse cases. */
  state: CoverageState;
  abuseCases: AbuseCaseNode[];
  location: NodeLocation;
}

/** A mitigation that a backlog item builds, seen from the item. */
export interface BuiltMitigation extends MitigationNode {
  abuseCase: string;
  useCase: string;
  /** What the abuse case threatens, and its state: what the backlog item building the mitigation answers. */
  threatens: Dimension[];
  abuseCaseState: RiskState;
}

export interface BacklogNode {
  kind: 'backlog-item';
  id: string;
  title: string;
  type: string;
  status: string;
  sprint?: string;
  points?: number;
  security: boolean;
  /** The worst state below it: of the use cases it builds, the abuse cases its mitigations answer, its children. */
  state: CoverageState;
  /** Per dimension, the worst over the same. */
  cia: Record<Dimension, CiaMark>;
  children: BacklogNode[];
  useCases: UseCaseNode[];
  mitigations: BuiltMitigation[];
  location: NodeLocation;
}

export interface CoverageModel {
  /** Root backlog items (no parent, or a parent that does not exist), epics holding their children. */
  backlog: BacklogNode[];
  /** Use cases that no existing backlog item builds. */
  unplanned: UseCaseNode[];
  summary: CoverageSummary;
  /** Every sprint of the backlog, in order, with its share of security work. */
  sprints: SprintCapacity[];
  /** The share of each sprint that should go to security work (the configured target). */
  securityCapacityTarget: number;
  /** The quality gate under the configured thresholds, as `abuse-cases gate` reports it. */
  gate: GateResult;
}

const MITIGATION_STATE: Record<string, MitigationNode['state']> = { proposed: 'open', planned: 'open', implemented: 'mitigated', verified: 'verified' };

/** The whole workspace as the sidebar shows it. */
export function coverageModelOf(workspace: Workspace): CoverageModel {
  const files = workspace.uris.map((uri) => workspace.file(uri)!).sort((a, b) => a.uri.localeCompare(b.uri));
  const today = workspace.todayDate;
  const locate = (file: ParsedFile, range: OffsetRange, selection: OffsetRange): NodeLocation => ({
    uri: file.uri,
    range: file.lineIndex.rangeOf(range),
    selection: file.lineIndex.rangeOf(selection),
  });

  const mitigationNode = (file: ParsedFile, mitigation: Mitigation): MitigationNode => ({
    kind: 'mitigation',
    title: mitigation.title?.value ?? '(untitled mitigation)',
    status: mitigation.status,
    backlog: mitigation.backlog.map((ref) => ref.value),
    state: MITIGATION_STATE[mitigation.status] ?? 'open',
    location: locate(file, mitigation.range, mitigation.anchor),
  });

  const abuseCaseNode = (file: ParsedFile, abuseCase: AbuseCase): AbuseCaseNode => {
    const mitigations = abuseCase.mitigations.map((mitigation) => mitigationNode(file, mitigation));
    const until = abuseCase.accepted?.until?.value;
    return {
      kind: 'abuse-case',
      id: abuseCase.id?.value ?? '(no id)',
      title: abuseCase.title ?? '(untitled abuse case)',
      intent: abuseCase.intent,
      threatens: abuseCase.threatens.map((threat) => threat.value),
      likelihood: abuseCase.likelihood,
      impact: abuseCase.impact,
      state: stateOfAbuseCase(abuseCase, today),
      acceptance: abuseCase.accepted ? { by: abuseCase.accepted.by, until, expired: until !== undefined && until < today } : undefined,
      mitigations,
      location: locate(file, abuseCase.range, abuseCase.anchor),
    };
  };

  const useCaseNode = (file: ParsedFile, useCase: UseCase): UseCaseNode => {
    const coverage = coverageOf(useCase, workspace.dataClasses, today);
    const abuseCases = useCase.abuseCases.map((abuseCase) => abuseCaseNode(file, abuseCase));
    const cia = Object.fromEntries(
      coverage.dimensions.map((dimension) => {
        const required = needsAbuseCase(dimension.level);
        const requiredBy = dimension.source.kind === 'data' ? dimension.source.dataClass : dimension.source.kind === 'explicit' ? 'cia:' : undefined;
        const mark: DimensionMark = !required ? 'not-required' : dimension.covered ? 'covered' : 'uncovered';
        const threatening = abuseCases.filter((abuseCase) => abuseCase.threatens.includes(dimension.dimension));
        // Threatened: as far as its abuse cases have come, whatever the level; otherwise a gap only when required.
        const state: CoverageState = threatening.length ? worstState(threatening.map((abuseCase) => abuseCase.state)) : required ? 'uncovered' : 'not-required';
        const ciaMark: CiaMark = { state, mark, level: dimension.level, requiredBy, abuseCases: threatening.map((abuseCase) => abuseCase.id) };
        return [dimension.dimension, ciaMark];
      }),
    ) as Record<Dimension, CiaMark>;
    return {
      kind: 'use-case',
      id: useCase.id?.value ?? '(no id)',
      title: useCase.title ?? '(untitled use case)',
      actor: useCase.actor,
      backlog: useCase.backlog.map((ref) => ref.value),
      data: useCase.data.map((item) => item.value),
      cia,
      state: worstState([...DIMENSIONS.map((dimension) => cia[dimension].state), ...abuseCases.map((node) => node.state)]),
      abuseCases,
      location: locate(file, useCase.range, useCase.anchor),
    };
  };

  const useCases = files.flatMap((file) => file.model.useCases.map((useCase) => useCaseNode(file, useCase)));
  const items = files.flatMap((file) => file.model.backlog.filter((item) => item.id).map((item) => ({ file, item })));
  const itemIds = new Set(items.map(({ item }) => item.id!.value));

  const built = new Map<string, BuiltMitigation[]>();
  for (const useCase of useCases) {
    for (const abuseCase of useCase.abuseCases) {
      for (const mitigation of abuseCase.mitigations) {
        for (const ref of mitigation.backlog) {
          const entry: BuiltMitigation = { ...mitigation, abuseCase: abuseCase.id, useCase: useCase.id, threatens: abuseCase.threatens, abuseCaseState: abuseCase.state };
          built.set(ref, [...(built.get(ref) ?? []), entry]);
        }
      }
    }
  }

  const nodes = new Map<string, { node: BacklogNode; parent?: string }>();
  for (const { file, item } of items) {
    if (nodes.has(item.id!.value)) continue; // a duplicate id is a finding; the first definition stands
    const node = backlogNode(file, item, useCases, built.get(item.id!.value) ?? [], locate);
    nodes.set(item.id!.value, { node, parent: item.parent?.value });
  }
  const roots: BacklogNode[] = [];
  for (const { node, parent: parentId } of nodes.values()) {
    const parent = parentId === undefined ? undefined : nodes.get(parentId)?.node;
    if (parent && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  const useCaseById = new Map<string, UseCaseNode>();
  for (const useCase of useCases) if (!useCaseById.has(useCase.id)) useCaseById.set(useCase.id, useCase);
  for (const root of roots) rollUp(root, useCaseById);

  const model = {
    backlog: roots,
    unplanned: useCases.filter((useCase) => !useCase.backlog.some((id) => itemIds.has(id))),
    summary: summarizeCoverage(files, workspace.dataClasses, today),
    sprints: sprintsOf(files.flatMap((file) => file.model.backlog), (backlogId) => built.has(backlogId)),
    securityCapacityTarget: workspace.securityCapacityTarget,
  };
  const errors = files.reduce((sum, file) => sum + workspace.diagnostics(file.uri).filter((d) => d.severity === 'error').length, 0);
  return { ...model, gate: evaluateGate({ model, errors }, workspace.config.gate) };
}

function sprintsOf(items: BacklogItem[], buildsAMitigation: (backlogId: string) => boolean): SprintCapacity[] {
  const bySprint = new Map<string, BacklogItem[]>();
  for (const item of items) if (item.sprint !== undefined) bySprint.set(item.sprint, [...(bySprint.get(item.sprint) ?? []), item]);
  return [...bySprint]
    .sort(([a], [b]) => compareSprints(a, b))
    .map(([sprint, planned]) => capacityOf(sprint, planned, buildsAMitigation));
}

function stateOfAbuseCase(abuseCase: AbuseCase, today: string): RiskState {
  if (abuseCase.mitigations.some((m) => m.status === 'verified')) return 'verified';
  if (abuseCase.mitigations.some((m) => m.status === 'implemented')) return 'mitigated';
  return isRiskClosed(abuseCase, today) ? 'accepted' : 'open';
}

function backlogNode(
  file: ParsedFile,
  item: BacklogItem,
  useCases: UseCaseNode[],
  mitigations: BuiltMitigation[],
  locate: (file: ParsedFile, range: OffsetRange, selection: OffsetRange) => NodeLocation,
): BacklogNode {
  const id = item.id!.value;
  return {
    kind: 'backlog-item',
    id,
    title: item.title ?? '(untitled item)',
    type: item.type,
    status: item.status,
    sprint: item.sprint,
    points: item.points,
    security: item.security,
    state: 'not-required',
    cia: combinedCia([]),
    children: [],
    useCases: useCases.filter((useCase) => useCase.backlog.includes(id)),
    mitigations,
    location: locate(file, item.range, item.anchor),
  };
}

/**
 * A backlog item's state and badge: the worst of the use cases it builds, of the abuse cases that the mitigations
 * it builds answer (on the dimensions they threaten), and of its children. A planned mitigation of an abuse case
 * that another mitigation already closes leaves the item mitigated: the state is about the risk, not the work.
 */
function rollUp(node: BacklogNode, useCases: ReadonlyMap<string, UseCaseNode>): void {
  for (const child of node.children) rollUp(child, useCases);
  const answered = node.mitigations.map((mitigation) => {
    const useCase = useCases.get(mitigation.useCase);
    return Object.fromEntries(
      DIMENSIONS.map((dimension) => {
        const requirement = useCase?.cia[dimension];
        const part: CiaMark = mitigation.threatens.includes(dimension)
          ? { state: mitigation.abuseCaseState, mark: requirement?.mark ?? 'not-required', level: requirement?.level ?? 'none', requiredBy: requirement?.requiredBy, abuseCases: [mitigation.abuseCase] }
          : NOTHING;
        return [dimension, part];
      }),
    ) as Record<Dimension, CiaMark>;
  });
  node.cia = combinedCia([...node.useCases.map((useCase) => useCase.cia), ...answered, ...node.children.map((child) => child.cia)]);
  node.state = worstState([
    ...DIMENSIONS.map((dimension) => node.cia[dimension].state),
    ...node.useCases.map((useCase) => useCase.state),
    ...node.mitigations.map((mitigation) => mitigation.abuseCaseState),
    ...node.children.map((child) => child.state),
  ]);
}

const NOTHING: CiaMark = { state: 'not-required', mark: 'not-required', level: 'none', abuseCases: [] };

/** Per dimension: the worst state, the worst mark, the highest level (and what requires it), every abuse case. */
function combinedCia(parts: Record<Dimension, CiaMark>[]): Record<Dimension, CiaMark> {
  const order: DimensionMark[] = ['uncovered', 'covered', 'not-required'];
  return Object.fromEntries(
    DIMENSIONS.map((dimension) => {
      const marks = parts.map((part) => part[dimension]);
      if (!marks.length) return [dimension, { ...NOTHING, abuseCases: [] }];
      const highest = marks.reduce((a, b) => (LEVEL_RANK[b.level] > LEVEL_RANK[a.level] ? b : a));
      const combined: CiaMark = {
        state: worstState(marks.map((mark) => mark.state)),
        mark: [...marks].sort((a, b) => order.indexOf(a.mark) - order.indexOf(b.mark))[0].mark,
        level: highest.level,
        requiredBy: highest.requiredBy,
        abuseCases: [...new Set(marks.flatMap((mark) => mark.abuseCases))],
      };
      return [dimension, combined];
    }),
  ) as Record<Dimension, CiaMark>;
}

/** Guards against parent cycles (A's parent B, B's parent A): such items stay roots. */
function isAncestor(candidate: BacklogNode, of: BacklogNode): boolean {
  return candidate === of || candidate.children.some((child) => isAncestor(child, of));
}
