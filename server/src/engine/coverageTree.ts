import { capacityOf, compareSprints } from './capacity';
import { coverageOf, isRiskClosed, needsAbuseCase } from './cia';
import { emptySummary, summarizeCoverage } from './coverage';
import type {
  AbuseCaseNode,
  BacklogNode,
  BuiltMitigation,
  CiaMark,
  CoverageModel,
  CoverageSummary,
  DimensionMark,
  MitigationNode,
  NodeLocation,
  SprintCapacity,
  UseCaseNode,
} from './coverageModel';
import { CoverageState, RiskState, worstState } from './coverageStates';
import { DataClass, LEVEL_RANK } from './dataClasses';
import { ProjectConfig } from './config';
import { Dimension, DIMENSIONS } from './format';
import { evaluateGate } from './gate';
import { AbuseCase, BacklogItem, FileModel, Mitigation, UseCase } from './model';
import { LineIndex, OffsetRange } from './text';

export { COVERAGE_STATES, STATE_LEGEND, worstState } from './coverageStates';
export type { CoverageState, RiskState, StateLegend } from './coverageStates';
export type {
  AbuseCaseNode,
  BacklogNode,
  BuiltMitigation,
  CiaMark,
  CoverageModel,
  DimensionMark,
  MitigationNode,
  NodeLocation,
  UseCaseNode,
} from './coverageModel';

const MITIGATION_STATE: Record<string, MitigationNode['state']> = {
  proposed: 'open',
  planned: 'open',
  implemented: 'mitigated',
  verified: 'verified',
};

/** One file as the coverage model reads it: a `ParsedFile` of the workspace. */
export interface CoverageFile {
  readonly uri: string;
  readonly model: FileModel;
  readonly lineIndex: LineIndex;
}

/** What the coverage model reads from a workspace (a `Workspace`), so that this module never imports it. */
export interface CoverageSource {
  readonly uris: readonly string[];
  file(uri: string): CoverageFile | undefined;
  readonly dataClasses: ReadonlyMap<string, DataClass>;
  readonly todayDate: string;
  readonly config: ProjectConfig;
  readonly securityCapacityTarget: number;
  diagnostics(uri: string): readonly { severity: string }[];
}

/** The whole workspace as the sidebar shows it, built once (the language server keeps a `CoverageIndex` instead). */
export function coverageModelOf(workspace: CoverageSource): CoverageModel {
  return new CoverageIndex(workspace).model();
}

/** What one file contributes, derived from that file alone (and the data classes and today): rebuilt only when it changes. */
interface FilePart {
  file: CoverageFile;
  dataClasses: ReadonlyMap<string, DataClass>;
  today: string;
  useCases: UseCaseNode[];
  /** The backlog items with an id, with their locations. */
  items: { item: BacklogItem; location: NodeLocation }[];
  summary: CoverageSummary;
  /** The use cases by the backlog ids they name (each id once per use case). */
  builders: [backlogId: string, useCase: UseCaseNode][];
  /** The mitigations by the backlog ids they name, as the backlog items show them. */
  built: [backlogId: string, mitigation: BuiltMitigation][];
}

/** A backlog node with what it was built from: while those are the same objects, so is the node. */
interface BuiltNode {
  node: BacklogNode;
  item: BacklogItem;
  location: NodeLocation;
  useCases: readonly UseCaseNode[];
  mitigations: readonly BuiltMitigation[];
  /** The use case each mitigation's abuse case belongs to, as its id resolved (the first definition stands). */
  answered: readonly (UseCaseNode | undefined)[];
  children: readonly BacklogNode[];
}

/**
 * The coverage model of a workspace, kept up to date: `model()` rebuilds the use-case nodes (locations, CIA marks,
 * states) and the summary of the files that changed since the last call only, and assembles the backlog tree, the
 * sprints and the gate from indexes in one linear pass; when nothing changed it returns the same model.
 */
export class CoverageIndex {
  private readonly parts = new Map<string, FilePart>();
  private nodes = new Map<string, BuiltNode>();
  private readonly errorCounts = new WeakMap<object, number>();
  private last?: {
    model: CoverageModel;
    files: CoverageFile[];
    errors: number[];
    config: ProjectConfig;
    dataClasses: ReadonlyMap<string, DataClass>;
    today: string;
    target: number;
  };

  constructor(private readonly source: CoverageSource) {}

  /** The current model; the same object as long as nothing it shows has changed. */
  model(): CoverageModel {
    const source = this.source;
    const today = source.todayDate;
    const dataClasses = source.dataClasses;
    const config = source.config;
    const target = source.securityCapacityTarget;
    const uris = source.uris;
    const files = uris.map((uri) => source.file(uri)!);
    const errors = uris.map((uri) => this.errorsIn(source.diagnostics(uri)));
    const last = this.last;
    if (
      last &&
      last.today === today &&
      last.dataClasses === dataClasses &&
      last.config === config &&
      last.target === target &&
      sameItems(last.files, files) &&
      sameItems(last.errors, errors)
    ) {
      return last.model;
    }
    const model = this.assemble(
      files,
      errors.reduce((sum, count) => sum + count, 0),
      dataClasses,
      today,
      config,
      target,
    );
    this.last = { model, files, errors, config, dataClasses, today, target };
    return model;
  }

  /** The summary and the gate, as the status bar shows them. */
  summary(): Pick<CoverageModel, 'summary' | 'gate'> {
    const { summary, gate } = this.model();
    return { summary, gate };
  }

  private errorsIn(diagnostics: readonly { severity: string }[]): number {
    let count = this.errorCounts.get(diagnostics);
    if (count === undefined) {
      count = 0;
      for (const diagnostic of diagnostics) if (diagnostic.severity === 'error') count++;
      this.errorCounts.set(diagnostics, count);
    }
    return count;
  }

  private partOf(file: CoverageFile, dataClasses: ReadonlyMap<string, DataClass>, today: string): FilePart {
    const cached = this.parts.get(file.uri);
    if (cached && cached.file === file && cached.dataClasses === dataClasses && cached.today === today) return cached;
    const part: FilePart = {
      file,
      dataClasses,
      today,
      useCases: file.model.useCases.map((useCase) => useCaseNode(file, useCase, dataClasses, today)),
      items: file.model.backlog
        .filter((item) => item.id)
        .map((item) => ({ item, location: locate(file, item.range, item.anchor) })),
      summary: summarizeCoverage([file], dataClasses, today),
      builders: [],
      built: [],
    };
    for (const useCase of part.useCases) {
      for (const backlogId of new Set(useCase.backlog)) part.builders.push([backlogId, useCase]);
      for (const abuseCase of useCase.abuseCases) {
        for (const mitigation of abuseCase.mitigations) {
          for (const ref of mitigation.backlog) {
            part.built.push([
              ref,
              {
                ...mitigation,
                abuseCase: abuseCase.id,
                useCase: useCase.id,
                threatens: abuseCase.threatens,
                abuseCaseState: abuseCase.state,
              },
            ]);
          }
        }
      }
    }
    this.parts.set(file.uri, part);
    return part;
  }

  private assemble(
    unsorted: CoverageFile[],
    errors: number,
    dataClasses: ReadonlyMap<string, DataClass>,
    today: string,
    config: ProjectConfig,
    securityCapacityTarget: number,
  ): CoverageModel {
    const files = [...unsorted].sort((a, b) => a.uri.localeCompare(b.uri));
    const present = new Set(files.map((file) => file.uri));
    for (const uri of this.parts.keys()) if (!present.has(uri)) this.parts.delete(uri);
    const parts = files.map((file) => this.partOf(file, dataClasses, today));

    // The indexes, in one pass, in the order of the files and then of the text.
    const useCases: UseCaseNode[] = [];
    const builders = new Map<string, UseCaseNode[]>();
    const built = new Map<string, BuiltMitigation[]>();
    const useCaseById = new Map<string, UseCaseNode>();
    const items = new Map<string, { item: BacklogItem; location: NodeLocation }>();
    for (const part of parts) {
      for (const useCase of part.useCases) {
        useCases.push(useCase);
        if (!useCaseById.has(useCase.id)) useCaseById.set(useCase.id, useCase);
      }
      for (const [backlogId, useCase] of part.builders) pushTo(builders, backlogId, useCase);
      for (const [backlogId, mitigation] of part.built) pushTo(built, backlogId, mitigation);
      // A duplicate id is a finding; the first definition stands.
      for (const entry of part.items) if (!items.has(entry.item.id!.value)) items.set(entry.item.id!.value, entry);
    }

    // Epics hold their children; an item whose parent is missing, or would make a cycle, is a root.
    const rootIds: string[] = [];
    const childIds = new Map<string, string[]>();
    const attachedTo = new Map<string, string>();
    for (const [id, { item }] of items) {
      const parentId = item.parent?.value;
      if (parentId !== undefined && items.has(parentId) && !isAncestor(id, parentId, attachedTo)) {
        pushTo(childIds, parentId, id);
        attachedTo.set(id, parentId);
      } else rootIds.push(id);
    }

    // Bottom-up; a node whose inputs (item, use cases, mitigations, the use cases these answer, children) are the
    // same objects as at the last call is the same node: an edit rebuilds the items it touches and their epics.
    const previous = this.nodes;
    const next = new Map<string, BuiltNode>();
    const build = (id: string): BacklogNode => {
      const children = (childIds.get(id) ?? []).map(build);
      const { item, location } = items.get(id)!;
      const useCasesOfItem = builders.get(id) ?? [];
      const mitigations = built.get(id) ?? [];
      const before = previous.get(id);
      if (
        before &&
        before.item === item &&
        before.location === location &&
        sameItems(before.useCases, useCasesOfItem) &&
        sameItems(before.mitigations, mitigations) &&
        sameItems(before.children, children) &&
        mitigations.every((mitigation, index) => useCaseById.get(mitigation.useCase) === before.answered[index])
      ) {
        next.set(id, before);
        return before.node;
      }
      const node = backlogNode(item, useCasesOfItem, mitigations, location);
      node.children = children;
      rollUp(node, useCaseById);
      const answered = mitigations.map((mitigation) => useCaseById.get(mitigation.useCase));
      next.set(id, { node, item, location, useCases: useCasesOfItem, mitigations, answered, children });
      return node;
    };
    const roots = rootIds.map(build);
    this.nodes = next;

    const summary = emptySummary();
    for (const part of parts) addSummary(summary, part.summary);
    const model = {
      backlog: roots,
      unplanned: useCases.filter((useCase) => !useCase.backlog.some((id) => items.has(id))),
      summary,
      sprints: sprintsOf(files, (backlogId) => built.has(backlogId)),
      securityCapacityTarget,
    };
    return { ...model, gate: evaluateGate({ model, errors }, config.gate) };
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function pushTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const entries = index.get(key);
  if (entries) entries.push(value);
  else index.set(key, [value]);
}

function addSummary(into: CoverageSummary, part: CoverageSummary): void {
  into.useCases += part.useCases;
  into.requiredDimensions += part.requiredDimensions;
  into.coveredDimensions += part.coveredDimensions;
  into.abuseCases += part.abuseCases;
  into.closedAbuseCases += part.closedAbuseCases;
  into.openHighRisks += part.openHighRisks;
}

function locate(file: CoverageFile, range: OffsetRange, selection: OffsetRange): NodeLocation {
  return { uri: file.uri, range: file.lineIndex.rangeOf(range), selection: file.lineIndex.rangeOf(selection) };
}

function mitigationNode(file: CoverageFile, mitigation: Mitigation): MitigationNode {
  return {
    kind: 'mitigation',
    title: mitigation.title?.value ?? '(untitled mitigation)',
    status: mitigation.status,
    backlog: mitigation.backlog.map((ref) => ref.value),
    state: MITIGATION_STATE[mitigation.status] ?? 'open',
    location: locate(file, mitigation.range, mitigation.anchor),
  };
}

function abuseCaseNode(file: CoverageFile, abuseCase: AbuseCase, today: string): AbuseCaseNode {
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
    acceptance: abuseCase.accepted
      ? { by: abuseCase.accepted.by, until, expired: until !== undefined && until < today }
      : undefined,
    mitigations,
    location: locate(file, abuseCase.range, abuseCase.anchor),
  };
}

function useCaseNode(
  file: CoverageFile,
  useCase: UseCase,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): UseCaseNode {
  const coverage = coverageOf(useCase, dataClasses, today);
  const abuseCases = useCase.abuseCases.map((abuseCase) => abuseCaseNode(file, abuseCase, today));
  const cia = Object.fromEntries(
    coverage.dimensions.map((dimension) => {
      const required = needsAbuseCase(dimension.level);
      const requiredBy =
        dimension.source.kind === 'data'
          ? dimension.source.dataClass
          : dimension.source.kind === 'explicit'
            ? 'cia:'
            : undefined;
      const mark: DimensionMark = !required ? 'not-required' : dimension.covered ? 'covered' : 'uncovered';
      const threatening = abuseCases.filter((abuseCase) => abuseCase.threatens.includes(dimension.dimension));
      // Threatened: as far as its abuse cases have come, whatever the level; otherwise a gap only when required.
      const state: CoverageState = threatening.length
        ? worstState(threatening.map((abuseCase) => abuseCase.state))
        : required
          ? 'uncovered'
          : 'not-required';
      const ciaMark: CiaMark = {
        state,
        mark,
        level: dimension.level,
        requiredBy,
        abuseCases: threatening.map((abuseCase) => abuseCase.id),
      };
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
    state: worstState([
      ...DIMENSIONS.map((dimension) => cia[dimension].state),
      ...abuseCases.map((node) => node.state),
    ]),
    abuseCases,
    location: locate(file, useCase.range, useCase.anchor),
  };
}

/** Every sprint of the backlog (items with and without ids), in order, with its share of security work. */
function sprintsOf(
  files: readonly CoverageFile[],
  buildsAMitigation: (backlogId: string) => boolean,
): SprintCapacity[] {
  const bySprint = new Map<string, BacklogItem[]>();
  for (const file of files)
    for (const item of file.model.backlog) if (item.sprint !== undefined) pushTo(bySprint, item.sprint, item);
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
  item: BacklogItem,
  useCases: UseCaseNode[],
  mitigations: BuiltMitigation[],
  location: NodeLocation,
): BacklogNode {
  return {
    kind: 'backlog-item',
    id: item.id!.value,
    title: item.title ?? '(untitled item)',
    type: item.type,
    status: item.status,
    sprint: item.sprint,
    points: item.points,
    security: item.security,
    state: 'not-required',
    cia: combinedCia([]),
    children: [],
    useCases,
    mitigations,
    location,
  };
}

/**
 * A backlog item's state and badge: the worst of the use cases it builds, of the abuse cases that the mitigations
 * it builds answer (on the dimensions they threaten), and of its children (rolled up before it). A planned mitigation of an abuse case
 * that another mitigation already closes leaves the item mitigated: the state is about the risk, not the work.
 */
function rollUp(node: BacklogNode, useCases: ReadonlyMap<string, UseCaseNode | undefined>): void {
  const answered = node.mitigations.map((mitigation) => {
    const useCase = useCases.get(mitigation.useCase);
    return Object.fromEntries(
      DIMENSIONS.map((dimension) => {
        const requirement = useCase?.cia[dimension];
        const part: CiaMark = mitigation.threatens.includes(dimension)
          ? {
              state: mitigation.abuseCaseState,
              mark: requirement?.mark ?? 'not-required',
              level: requirement?.level ?? 'none',
              requiredBy: requirement?.requiredBy,
              abuseCases: [mitigation.abuseCase],
            }
          : NOTHING;
        return [dimension, part];
      }),
    ) as Record<Dimension, CiaMark>;
  });
  node.cia = combinedCia([
    ...node.useCases.map((useCase) => useCase.cia),
    ...answered,
    ...node.children.map((child) => child.cia),
  ]);
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

/** Guards against parent cycles (A's parent B, B's parent A): such items stay roots. Walks up from `of`, not down the tree. */
function isAncestor(candidate: string, of: string, attachedTo: ReadonlyMap<string, string>): boolean {
  for (let id: string | undefined = of; id !== undefined; id = attachedTo.get(id)) if (id === candidate) return true;
  return false;
}
