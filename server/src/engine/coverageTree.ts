import {
  addSprintPoints,
  compareSprints,
  emptySprintPoints,
  securityPointsOf,
  SprintPoints,
  sprintCapacity,
} from './capacity';
import { addSummary, emptySummary, summarizeCoverage } from './coverage';
import type { ExpiringNode } from './coverageModel';
import type {
  AbuseCaseNode,
  BaselineNode,
  BacklogNode,
  BuiltMitigation,
  CoverageLookup,
  CoverageModel,
  CoverageSummary,
  GateResult,
  MitigationNode,
  NodeLocation,
  SprintCapacity,
  TracedItem,
  UseCaseNode,
  VendorNode,
} from './coverageModel';
import type { ProductBaseline } from './baselineState';
import {
  backlogNode,
  BASELINE_ANSWERS_LISTED,
  baselineGapsOf,
  baselineNodesOf,
  CoverageFile,
  FileAt,
  locate,
  rollUp,
  useCaseNode,
  vendorNode,
} from './coverageNodes';
import { lookupOf } from './backlogTree';
import { ChunkedSums, sameItems } from './arrays';
import { carryItemsByRelease, releaseModel, ReleaseVerdict, releaseVerdict } from './release';
import { DataClass } from './dataClasses';
import { GateThresholds, ProjectConfig } from './config';
import { datedEvidenceOf, DatedEvidence, overdueEvidenceOf } from './evidence';
import { after, relativeDay } from './dates';
import { evaluateGate, gapsOf, openHighRisksOf, openRisksOfDone } from './gate';
import { BacklogItem } from './model';

export { BASELINE_LEGEND, COVERAGE_STATES, STATE_LEGEND, worstState } from './coverageStates';
export type { CoverageState, RiskState, StateLegend } from './coverageStates';
export type { CoverageFile } from './coverageNodes';
export type {
  AbuseCaseNode,
  BacklogNode,
  BaselineAnswerNode,
  BaselineNode,
  BuiltMitigation,
  CiaMark,
  ExpiringNode,
  CoverageLookup,
  CoverageModel,
  DimensionMark,
  MitigationNode,
  NodeLocation,
  UseCaseNode,
  VendorNode,
} from './coverageModel';

/** What the coverage model reads from a workspace (a `Workspace`), so that this module never imports it. */
export interface CoverageSource {
  /** Changes whenever a file or the configuration does. */
  readonly revision: number;
  readonly uris: readonly string[];
  file(uri: string): CoverageFile | undefined;
  readonly dataClasses: ReadonlyMap<string, DataClass>;
  readonly todayDate: string;
  readonly config: ProjectConfig;
  readonly securityCapacityTarget: number;
  diagnostics(uri: string): readonly { severity: string }[];
  /** Every product's standing on the security baseline. */
  baseline(options?: { answers?: boolean; answerLimit?: number }): readonly ProductBaseline[];
}

/** The baseline's gaps as the status bar names them: `Backups`, or `Notes: Backups` when there are several products. */
export function baselineGapNames(baseline: readonly Pick<BaselineNode, 'product' | 'name' | 'status'>[]): string[] {
  const products = new Set(baseline.map((node) => node.product)).size;
  return baseline
    .filter((node) => node.status === 'gap')
    .map((node) => (products > 1 ? `${node.product}: ${node.name}` : node.name));
}

/** Each product's questions, flat, as much as the status bar and the gate read of them (no locations). */
function baselineQuestionsOf(
  products: readonly ProductBaseline[],
): Pick<BaselineNode, 'product' | 'name' | 'status' | 'capability'>[] {
  return products.flatMap((product) =>
    product.capabilities.map(({ capability, status }) => ({
      product: product.name,
      name: capability.name,
      capability: capability.id,
      status,
    })),
  );
}

/** The whole workspace as the sidebar shows it, built once (the language server keeps a `CoverageIndex` instead). */
export function coverageModelOf(workspace: CoverageSource): CoverageModel {
  return new CoverageIndex(workspace).model();
}

/** The summary, the gate and the baseline's gaps (`Notes: Backups`): what the status bar shows. */
export type CoverageStatus = Pick<CoverageModel, 'summary' | 'gate'> & { baselineGaps: string[] };

/** One file's share of the status bar's figures and of the gate's lists. */
interface PartStatus {
  openHighRisks: string[];
  gaps: string[];
  doneWithOpenRisks: { id: string; open: string[] }[];
  sprints: Map<string, { total: number; security: number }>;
}

interface ItemEntry {
  item: BacklogItem;
  location: NodeLocation;
}

/** What one file contributes, derived from that file alone (and the data classes and today): rebuilt only when it changes. */
interface FilePart {
  /** The file (`at.file`) with its index in the model's `files`. */
  at: FileAt;
  dataClasses: ReadonlyMap<string, DataClass>;
  today: string;
  useCases: UseCaseNode[];
  /** The backlog items with an id, with their locations. */
  items: ItemEntry[];
  /** The points of the backlog items by sprint, with an id or not (the sprints' capacity counts them all). */
  sprints: Map<string, SprintPoints>;
  /** What the gate lists, per use case (those with something to list): checked against other files when asked. */
  openHighRisks: [UseCaseNode, string[]][];
  gaps: [UseCaseNode, string[]][];
  done: ItemEntry[];
  /** Its lapsed evidence: expired acceptances, verifications and recurring work past their day. */
  overdue: string[];
  /** Its dated evidence (acceptances, verifications, recurring work, vendor reviews), for the expiring-soon list. */
  dated: DatedEvidence[];
  vendors: VendorNode[];
  /** Its use cases that name no backlog item of the workspace; made again when the backlog's ids change. */
  unplanned?: UseCaseNode[];
  /** Its use cases, each id once (the first stands), made when the sidebar groups by use case. */
  distinct?: UseCaseNode[];
  /** What the file adds to the status, given the other files (the first definitions, what names its items). */
  status?: PartStatus;
  summary: CoverageSummary;
  /** The use cases by the backlog ids they name (each id once per use case). */
  builders: [backlogId: string, useCase: UseCaseNode][];
  /** The mitigations by the backlog ids they name, as the backlog items show them. */
  built: [backlogId: string, mitigation: BuiltMitigation][];
}

/**
 * Values by key, each key's values in the order of the files (then of the text), kept up to date file by file: a
 * file's entries are taken out and put back without visiting the other files'.
 */
class KeyedLists<T> {
  private readonly lists = new Map<string, { uris: string[]; values: T[] }>();

  get(key: string): readonly T[] {
    return this.lists.get(key)?.values ?? NONE;
  }

  first(key: string): T | undefined {
    return this.lists.get(key)?.values[0];
  }

  has(key: string): boolean {
    return this.lists.has(key);
  }

  /** The uris of the files holding values under the key. */
  urisOf(key: string): readonly string[] {
    return this.lists.get(key)?.uris ?? NONE;
  }

  remove(uri: string, keys: Iterable<string>): void {
    for (const key of keys) {
      const list = this.lists.get(key);
      if (!list) continue;
      const start = list.uris.indexOf(uri);
      if (start < 0) continue;
      let end = start;
      while (end < list.uris.length && list.uris[end] === uri) end++;
      list.uris.splice(start, end - start);
      list.values.splice(start, end - start);
      if (!list.uris.length) this.lists.delete(key);
    }
  }

  /** Adds one file's entries (in its text order) after the entries of the files before it. */
  add(uri: string, entries: readonly (readonly [string, T])[]): void {
    for (const [key, value] of entries) {
      let list = this.lists.get(key);
      if (!list) this.lists.set(key, (list = { uris: [], values: [] }));
      let at = list.uris.length;
      // Entries of a file are contiguous: after this file's last entry, or before the first file that sorts after it.
      while (at > 0 && compareUris(list.uris[at - 1], uri) > 0) at--;
      list.uris.splice(at, 0, uri);
      list.values.splice(at, 0, value);
    }
  }
}

const NONE: readonly never[] = [];

const compareUris = (a: string, b: string) => a.localeCompare(b);

/** The releases judged on one model, and those of the model before (whose verdicts a release left alone keeps). */
interface ReleaseSlices {
  model: CoverageModel;
  thresholds: GateThresholds;
  errors: number;
  verdicts: Map<string, ReleaseVerdict>;
  models: Map<string, CoverageModel>;
  before?: Pick<ReleaseSlices, 'model' | 'thresholds' | 'errors' | 'verdicts'>;
}

/** The backlog's shape: which items are roots and which hang under which epic. */
interface Structure {
  items: Map<string, ItemEntry>;
  rootIds: string[];
  /** Where each root is in `rootIds`. */
  rootIndex: Map<string, number>;
  childIds: Map<string, string[]>;
  attachedTo: Map<string, string>;
}

/**
 * The coverage model of a workspace, kept up to date.
 *
 * - `refresh()` (run by both questions) rebuilds the parts of the files that changed since the last call, moves
 *   their entries in the indexes (use cases and mitigations by the backlog id they name, definitions by id), and
 *   gathers the backlog ids whose nodes they touch.
 * - `status()` answers the summary and the gate from the files' parts and the indexes, without the tree: the status
 *   bar's question costs a pass over small per-file lists.
 * - `model()` rebuilds the touched backlog nodes and their epics only, bottom-up; every other node is the same
 *   object as before. When nothing changed, both return what they returned last.
 */
export class CoverageIndex {
  private readonly parts = new Map<string, FilePart>();
  /** Parts built ahead by `prepare`, taken by the next refresh while their file is still the same. */
  private readonly prepared = new Map<string, FilePart>();
  private readonly builders = new KeyedLists<UseCaseNode>();
  private readonly built = new KeyedLists<BuiltMitigation>();
  private readonly useCaseDefinitions = new KeyedLists<UseCaseNode>();
  private readonly itemDefinitions = new KeyedLists<ItemEntry>();
  /** Backlog ids whose nodes may differ from the last model's (since that model was assembled). */
  private readonly touched = new Set<string>();
  /** Backlog ids and use case ids whose definitions, builders or mitigations changed since the last status. */
  private readonly touchedForStatus = { items: new Set<string>(), useCases: new Set<string>() };
  private readonly errorCounts = new WeakMap<object, number>();
  private sorted: FilePart[] = [];
  private inputs?: {
    files: CoverageFile[];
    errors: number[];
    config: ProjectConfig;
    target: number;
    dataClasses: ReadonlyMap<string, DataClass>;
    today: string;
  };
  private errors = 0;
  /** The source's revision and day at the last refresh, and when everything was last built ahead. */
  private refreshedAt?: { revision: number; today: string };
  private preparedAt?: { revision: number; today: string };
  private lastStatus?: CoverageStatus & { sprints: SprintCapacity[] };
  private lastModel?: CoverageModel;
  private releaseSlices?: ReleaseSlices;
  /** The backlog of the last model, whose grouping by release a model of the same shape inherits. */
  private lastBacklog?: BacklogNode[];
  private structure?: Structure;
  /** Some file's backlog ids or parents changed: the tree's shape must be worked out again. */
  private shapeChanged = true;
  private readonly nodes = new Map<string, BacklogNode>();

  /** The uris that locations name by index: a file keeps its index while the index lives (a model is a snapshot). */
  private readonly files: string[] = [];
  private readonly fileIndexes = new Map<string, number>();

  constructor(private readonly source: CoverageSource) {}

  /** The file with its index in the model's `files`, given on first sight. */
  private numbered(file: CoverageFile): FileAt {
    let index = this.fileIndexes.get(file.uri);
    if (index === undefined) {
      this.fileIndexes.set(file.uri, (index = this.files.length));
      this.files.push(file.uri);
    }
    return { file, index };
  }

  /**
   * Builds the parts of the files that changed since the last answer (the bulk of the work after indexing), until
   * `budgetMs` have passed; true once none is left. The language server calls it between requests, so that a first
   * answer over a large workspace does not hold up hover and completion; a file changed meanwhile is built again.
   */
  prepare(budgetMs: number, now: () => number = Date.now): boolean {
    const startedAt = now();
    const { dataClasses, todayDate: today, revision } = this.source;
    if (this.preparedAt?.revision === revision && this.preparedAt.today === today) return true;
    let built = 0;
    for (const uri of this.source.uris) {
      const file = this.source.file(uri)!;
      const current = this.parts.get(uri) ?? this.prepared.get(uri);
      if (current && isPartOf(current, file, dataClasses, today)) continue;
      // At least one file per call, so that a call always makes progress.
      if (built++ > 0 && now() - startedAt >= budgetMs) return false;
      this.prepared.set(uri, partOf(this.numbered(file), dataClasses, today));
    }
    this.preparedAt = { revision, today };
    return true;
  }

  /** The summary and the gate, as the status bar shows them; equal to the model's. */
  status(): CoverageStatus {
    this.refresh();
    const { summary, gate, baselineGaps } = (this.lastStatus ??= this.evaluateStatus());
    return { summary, gate, baselineGaps };
  }

  /**
   * Answers about a model this index returned, from the indexes while it is the current one; about an older model
   * (the workspace changed since), by walks of that model.
   */
  lookup(model: CoverageModel): CoverageLookup {
    let walked: CoverageLookup | undefined;
    const older = () => (this.lastModel === model ? undefined : (walked ??= lookupOf(model)));
    let useCases: UseCaseNode[] | undefined;
    return {
      useCases: () => {
        const answer = older()?.useCases();
        if (answer) return answer;
        if (!useCases) {
          useCases = [];
          for (const part of this.sorted)
            for (const useCase of (part.distinct ??= distinctIn(part))) useCases.push(useCase);
        }
        return useCases;
      },
      inFile: (uri) => {
        const answer = older()?.inFile(uri);
        if (answer) return answer;
        const part = this.parts.get(uri);
        if (!part) return { useCases: [], items: [] };
        const items = part.items.flatMap(({ item }) => {
          const node = this.nodes.get(item.id!.value);
          return node && this.itemDefinitions.first(item.id!.value)?.item === item ? [node] : [];
        });
        return { useCases: part.useCases, items };
      },
      item: (id) => (older() ? walked!.item(id) : this.nodes.get(id)),
      epicOf: (id) => (older() ? walked!.epicOf(id) : this.structure!.attachedTo.get(id)),
    };
  }

  /**
   * One release judged on its slice of the current model (see release.ts), once per model and release; a release
   * whose items an edit did not reach keeps the verdict of the model before.
   */
  releaseVerdict(release: string): ReleaseVerdict {
    const slices = this.releaseSlicesOf(this.model());
    let verdict = slices.verdicts.get(release);
    if (!verdict) {
      const before = slices.before?.verdicts.get(release);
      verdict = releaseVerdict(
        slices.model,
        release,
        slices.thresholds,
        slices.errors,
        before && slices.before && { ...slices.before, verdict: before },
      );
      slices.verdicts.set(release, verdict);
    }
    return verdict;
  }

  /** One release's slice of the current model, cut to its items, once per model and release. */
  release(release: string): CoverageModel {
    const verdict = this.releaseVerdict(release);
    const slices = this.releaseSlices!;
    let slice = slices.models.get(release);
    if (!slice)
      slices.models.set(
        release,
        (slice = releaseModel(slices.model, release, slices.thresholds, slices.errors, verdict)),
      );
    return slice;
  }

  private releaseSlicesOf(model: CoverageModel): ReleaseSlices {
    const last = this.releaseSlices;
    if (last?.model !== model)
      this.releaseSlices = {
        model,
        thresholds: this.inputs!.config.gate,
        errors: this.errors,
        verdicts: new Map(),
        models: new Map(),
        before: last && {
          model: last.model,
          thresholds: last.thresholds,
          errors: last.errors,
          verdicts: last.verdicts,
        },
      };
    return this.releaseSlices!;
  }

  /** The current model; the same object as long as nothing it shows has changed. */
  model(): CoverageModel {
    this.refresh();
    if (this.lastModel) return this.lastModel;
    const status = (this.lastStatus ??= this.evaluateStatus());
    const reshaped = this.shapeChanged || !this.structure;
    const structure = reshaped ? this.restructure() : this.reentered(this.structure!);
    const rebuilt = this.rebuildTouchedNodes(structure);
    const unplanned: UseCaseNode[] = [];
    for (const part of this.sorted)
      for (const useCase of (part.unplanned ??= part.useCases.filter(
        (useCase) => !useCase.backlog.some((id) => structure.items.has(id)),
      )))
        unplanned.push(useCase);
    let backlog: BacklogNode[];
    if (reshaped || !this.lastBacklog) backlog = structure.rootIds.map((id) => this.nodes.get(id)!);
    else {
      // The same roots in the same order: the last model's list with the rebuilt roots put in place.
      backlog = this.lastBacklog.slice();
      for (const node of rebuilt) {
        const at = structure.rootIndex.get(node.id);
        if (at !== undefined) backlog[at] = node;
      }
      carryItemsByRelease(this.lastBacklog, backlog, rebuilt);
    }
    this.lastBacklog = backlog;
    return (this.lastModel = {
      files: [...this.files],
      backlog,
      unplanned,
      summary: status.summary,
      sprints: status.sprints,
      securityCapacityTarget: this.inputs!.target,
      gate: status.gate,
      // The baseline's nodes, with the locations of what answers each question, only for the model.
      baseline: baselineNodesOf(this.source.baseline({ answerLimit: BASELINE_ANSWERS_LISTED }), (uri) => {
        const file = this.source.file(uri);
        return file && this.numbered(file);
      }),
      expiring: this.expiring(),
      expiringWithinDays: this.inputs!.config.expiringWithinDays,
      vendors: this.sorted.flatMap((part) => part.vendors),
    });
  }

  /** The dated evidence that has lapsed or lapses within the configured days, soonest first (then by file). */
  private expiring(): ExpiringNode[] {
    const { today, config } = this.inputs!;
    const horizon = after(today, `${config.expiringWithinDays}d`);
    const expiring: ExpiringNode[] = [];
    for (const part of this.sorted)
      for (const dated of part.dated)
        if (dated.due <= horizon)
          expiring.push({
            kind: dated.kind,
            label: dated.label,
            due: dated.due,
            overdue: dated.due < today,
            when: relativeDay(dated.due, today),
            location: locate(part.at, dated.range, dated.range),
          });
    return expiring.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  }

  /** Brings the parts and the indexes up to the source; forgets the answers when anything they read changed. */
  private refresh(): void {
    const source = this.source;
    const today = source.todayDate;
    // Nothing changed since the last question: every request of the sidebar asks, most after the same edit.
    if (this.refreshedAt?.revision === source.revision && this.refreshedAt.today === today) return;
    this.refreshedAt = { revision: source.revision, today };
    const dataClasses = source.dataClasses;
    const config = source.config;
    const target = source.securityCapacityTarget;
    const uris = source.uris;
    const files = uris.map((uri) => source.file(uri)!);
    const errors = uris.map((uri) => this.errorsIn(source.diagnostics(uri)));
    const last = this.inputs;
    if (
      last &&
      last.config === config &&
      last.target === target &&
      last.dataClasses === dataClasses &&
      last.today === today &&
      sameItems(last.files, files) &&
      sameItems(last.errors, errors)
    ) {
      return;
    }
    this.inputs = { files, errors, config, target, dataClasses, today };
    this.errors = errors.reduce((sum, count) => sum + count, 0);
    this.lastStatus = undefined;
    this.lastModel = undefined;

    let filesChanged = false;
    const present = new Set(uris);
    for (const uri of [...this.parts.keys()])
      if (!present.has(uri)) {
        this.replacePart(uri, undefined);
        filesChanged = true;
      }
    for (const file of files) {
      const before = this.parts.get(file.uri);
      if (before && isPartOf(before, file, dataClasses, today)) continue;
      const prepared = this.prepared.get(file.uri);
      const fresh = prepared && isPartOf(prepared, file, dataClasses, today) ? prepared : undefined;
      this.replacePart(file.uri, fresh ?? partOf(this.numbered(file), dataClasses, today));
      filesChanged = true;
    }
    this.prepared.clear();
    if (filesChanged) this.sorted = [...this.parts.values()].sort((a, b) => compareUris(a.at.file.uri, b.at.file.uri));
  }

  private replacePart(uri: string, part: FilePart | undefined): void {
    const before = this.parts.get(uri);
    if (!before || !part || !sameShape(before.items, part.items)) this.shapeChanged = true;
    const backlogIds = new Set<string>();
    const useCaseIds = new Set<string>();
    // The items an edit left as they were keep their entries, and their nodes: only the others are built again.
    const kept = before && part && !this.shapeChanged ? keepUnchangedItems(before, part) : undefined;
    for (const old of [before, part]) {
      if (!old) continue;
      for (const { item } of old.items) if (!kept?.has(item.id!.value)) backlogIds.add(item.id!.value);
      for (const useCase of old.useCases) useCaseIds.add(useCase.id);
    }
    // What the file says under a backlog id it names (its use cases, its mitigations) touches that item only when it
    // changed: an item that every file names is not rolled up again over all its mitigations after each edit.
    for (const id of changedEntries(before, part, (p) => [...p.builders, ...p.built])) backlogIds.add(id);
    const changedUseCases = new Set(changedEntries(before, part, (p) => p.useCases.map((node) => [node.id, node])));
    if (before) {
      this.builders.remove(
        uri,
        before.builders.map(([key]) => key),
      );
      this.built.remove(
        uri,
        before.built.map(([key]) => key),
      );
      this.useCaseDefinitions.remove(uri, useCaseIds);
      this.itemDefinitions.remove(
        uri,
        before.items.map(({ item }) => item.id!.value),
      );
      this.parts.delete(uri);
    }
    if (part) {
      this.builders.add(uri, part.builders);
      this.built.add(uri, part.built);
      this.useCaseDefinitions.add(
        uri,
        part.useCases.map((useCase) => [useCase.id, useCase] as const),
      );
      this.itemDefinitions.add(
        uri,
        part.items.map((entry) => [entry.item.id!.value, entry] as const),
      );
      this.parts.set(uri, part);
    }
    // A backlog item's badge reads the use case its mitigations answer (the first definition of that id): when the
    // definitions of an id change, so may the items that mitigations in any file defining it name.
    for (const id of changedUseCases)
      for (const other of this.useCaseDefinitions.urisOf(id))
        for (const [backlogId, mitigation] of this.parts.get(other)!.built)
          if (mitigation.useCase === id) backlogIds.add(backlogId);
    for (const id of backlogIds) {
      this.touched.add(id);
      this.touchedForStatus.items.add(id);
    }
    for (const id of useCaseIds) this.touchedForStatus.useCases.add(id);
  }

  /**
   * The summary, the sprints and the gate, from the parts: a file whose own facts or whose ids' standing in other
   * files (first definition, what names its items) changed works out its share again; the others keep theirs.
   */
  private evaluateStatus(): CoverageStatus & { sprints: SprintCapacity[] } {
    const { items, useCases } = this.touchedForStatus;
    for (const id of items) for (const uri of this.itemDefinitions.urisOf(id)) this.parts.get(uri)!.status = undefined;
    for (const id of useCases)
      for (const uri of this.useCaseDefinitions.urisOf(id)) this.parts.get(uri)!.status = undefined;
    items.clear();
    useCases.clear();

    // The files' shares are added up a chunk of files at a time, and a chunk none of whose files changed keeps its sum.
    const total = emptyShares();
    for (const part of this.sorted) part.status ??= this.statusOf(part);
    const chunks = CHUNK_SHARES.sums(
      this.sorted,
      (chunk) => [...chunk, ...chunk.map((part) => part.status)],
      (chunk) => {
        const shares = emptyShares();
        for (const part of chunk) {
          const { openHighRisks, gaps, doneWithOpenRisks, sprints } = part.status!;
          const { summary, overdue } = part;
          addShares(shares, { summary, openHighRisks, gaps, doneWithOpenRisks, overdue, bySprint: sprints });
        }
        return shares;
      },
    );
    for (const chunk of chunks) addShares(total, chunk);
    const { summary, openHighRisks, gaps, doneWithOpenRisks, overdue, bySprint } = total;
    const sprints = [...bySprint]
      .sort(([a], [b]) => compareSprints(a, b))
      .map(([sprint, { total, security }]) => sprintCapacity(sprint, total, security));
    // The baseline is worked out from the workspace's per-file facts each time: a walk of the files, not of their YAML.
    const questions = baselineQuestionsOf(this.source.baseline({ answers: false }));
    const gate: GateResult = evaluateGate(
      {
        openHighRisks,
        gaps,
        doneWithOpenRisks,
        summary,
        sprints,
        errors: this.errors,
        baselineGaps: baselineGapsOf(questions),
        overdue,
        // A walk of every item: only when a threshold reads it.
        items: this.inputs!.config.gate.requireSource ? this.tracedItems() : undefined,
      },
      this.inputs!.config.gate,
    );
    return { summary, gate, sprints, baselineGaps: baselineGapNames(questions) };
  }

  /** Each backlog item but epics once (the first definition stands), with its source and whether it is security work. */
  private tracedItems(): TracedItem[] {
    const items: TracedItem[] = [];
    for (const part of this.sorted)
      for (const entry of part.items) {
        const id = entry.item.id!.value;
        // An epic holds its children, which say where they came from.
        if (this.itemDefinitions.first(id) !== entry || entry.item.type === 'epic') continue;
        const sourceKind = entry.item.source?.kind?.value;
        items.push({ id, ...(sourceKind ? { sourceKind } : {}), security: entry.item.security || this.built.has(id) });
      }
    return items;
  }

  /** One file's share of the status. Each use case and item counts once: the first definition of an id stands. */
  private statusOf(part: FilePart): PartStatus {
    const first = (useCase: UseCaseNode) => this.useCaseDefinitions.first(useCase.id) === useCase;
    const share: PartStatus = { openHighRisks: [], gaps: [], doneWithOpenRisks: [], sprints: new Map() };
    for (const [useCase, risks] of part.openHighRisks) if (first(useCase)) share.openHighRisks.push(...risks);
    for (const [useCase, missing] of part.gaps) if (first(useCase)) share.gaps.push(...missing);
    for (const entry of part.done) {
      const id = entry.item.id!.value;
      if (this.itemDefinitions.first(id) !== entry) continue;
      const open = openRisksOfDone(this.builders.get(id));
      if (open.length) share.doneWithOpenRisks.push({ id, open });
    }
    for (const [sprint, points] of part.sprints)
      share.sprints.set(sprint, {
        total: points.total,
        security: securityPointsOf(points, (backlogId) => this.built.has(backlogId)),
      });
    return share;
  }

  /** The backlog's shape, from the first definition of each id; the ids whose children changed are touched. */
  private restructure(): Structure {
    const items = new Map<string, ItemEntry>();
    for (const part of this.sorted)
      for (const entry of part.items) {
        const id = entry.item.id!.value;
        if (this.itemDefinitions.first(id) === entry) items.set(id, entry);
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
    this.shapeChanged = false;
    for (const part of this.sorted) part.unplanned = undefined;
    const before = this.structure;
    if (before) {
      for (const [id, children] of childIds)
        if (!sameItems(before.childIds.get(id) ?? NONE, children)) this.touched.add(id);
      for (const id of before.childIds.keys()) if (!childIds.has(id)) this.touched.add(id);
    }
    const rootIndex = new Map(rootIds.map((id, index) => [id, index]));
    return (this.structure = { items, rootIds, rootIndex, childIds, attachedTo });
  }

  /** The same shape with the touched items' current entries (their files were parsed again). */
  private reentered(structure: Structure): Structure {
    for (const id of this.touched) {
      const entry = this.itemDefinitions.first(id);
      if (entry) structure.items.set(id, entry);
    }
    return structure;
  }

  /**
   * Builds the touched items' nodes and their epics' again, children before parents; drops the nodes of items gone.
   * Returns the new nodes.
   */
  private rebuildTouchedNodes({ items, childIds, attachedTo }: Structure): BacklogNode[] {
    const dirty = new Map<string, number>(); // id → depth
    for (const id of this.touched) {
      if (!items.has(id)) {
        this.nodes.delete(id);
        continue;
      }
      for (let at: string | undefined = id; at !== undefined && !dirty.has(at); at = attachedTo.get(at))
        dirty.set(at, 0);
    }
    this.touched.clear();
    for (const id of dirty.keys()) {
      let depth = 0;
      for (let at = attachedTo.get(id); at !== undefined; at = attachedTo.get(at)) depth++;
      dirty.set(id, depth);
    }
    const useCaseOf = { get: (id: string) => this.useCaseDefinitions.first(id) };
    const rebuilt: BacklogNode[] = [];
    for (const [id] of [...dirty].sort((a, b) => b[1] - a[1])) {
      const { item, location } = items.get(id)!;
      const node = backlogNode(item, [...this.builders.get(id)], [...this.built.get(id)], location);
      node.children = (childIds.get(id) ?? []).map((child) => this.nodes.get(child)!);
      rollUp(node, useCaseOf);
      this.nodes.set(id, node);
      rebuilt.push(node);
    }
    return rebuilt;
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
}

function isPartOf(
  part: FilePart,
  file: CoverageFile,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): boolean {
  return part.at.file === file && part.dataClasses === dataClasses && part.today === today;
}

function partOf(at: FileAt, dataClasses: ReadonlyMap<string, DataClass>, today: string): FilePart {
  const { file } = at;
  const part: FilePart = {
    at,
    dataClasses,
    today,
    useCases: file.model.useCases.map((useCase) => useCaseNode(at, useCase, dataClasses, today)),
    items: file.model.backlog
      .filter((item) => item.id)
      .map((item) => ({ item, location: locate(at, item.range, item.anchor) })),
    sprints: new Map(),
    summary: summarizeCoverage([file], dataClasses, today),
    openHighRisks: [],
    gaps: [],
    done: [],
    overdue: [],
    dated: datedEvidenceOf(file.model),
    vendors: file.model.vendors.map((vendor) => vendorNode(at, vendor, dataClasses, today)),
    builders: [],
    built: [],
  };
  for (const item of file.model.backlog) {
    if (item.sprint === undefined) continue;
    let points = part.sprints.get(item.sprint);
    // A sprint without points is listed (as "no points"), and not measured.
    if (!points) part.sprints.set(item.sprint, (points = emptySprintPoints()));
    addSprintPoints(points, item);
  }
  part.overdue = overdueEvidenceOf(part.dated, today);
  part.done = doneIn(part.items);
  for (const useCase of part.useCases) {
    const risks = openHighRisksOf(useCase);
    if (risks.length) part.openHighRisks.push([useCase, risks]);
    const gaps = gapsOf(useCase);
    if (gaps.length) part.gaps.push([useCase, gaps]);
    for (const backlogId of new Set(useCase.backlog)) part.builders.push([backlogId, useCase]);
    for (const abuseCase of useCase.abuseCases) {
      for (const mitigation of abuseCase.mitigations) {
        for (const ref of mitigation.backlog) part.built.push([ref, builtMitigationOf(useCase, abuseCase, mitigation)]);
      }
    }
  }
  return part;
}

/** A mitigation as the backlog item it names shows it: one object per mitigation node (see `useCaseNode`). */
const BUILT = new WeakMap<MitigationNode, BuiltMitigation>();
function builtMitigationOf(
  useCase: UseCaseNode,
  abuseCase: AbuseCaseNode,
  mitigation: MitigationNode,
): BuiltMitigation {
  let built = BUILT.get(mitigation);
  if (built === undefined) {
    built = {
      ...mitigation,
      abuseCase: abuseCase.id,
      useCase: useCase.id,
      threatens: abuseCase.threatens,
      abuseCaseState: abuseCase.state,
    };
    BUILT.set(mitigation, built);
  }
  return built;
}

/** The shares of some files of the status, added up. */
interface Shares {
  summary: CoverageSummary;
  openHighRisks: string[];
  gaps: string[];
  doneWithOpenRisks: { id: string; open: string[] }[];
  overdue: string[];
  bySprint: Map<string, { total: number; security: number }>;
}

function emptyShares(): Shares {
  return {
    summary: emptySummary(),
    openHighRisks: [],
    gaps: [],
    doneWithOpenRisks: [],
    overdue: [],
    bySprint: new Map(),
  };
}

/** The shares of chunks of files, added up: a chunk none of whose files changed keeps its sum. */
const CHUNK_SHARES = new ChunkedSums<FilePart, Shares>();

function addShares(into: Shares, from: Shares): void {
  addSummary(into.summary, from.summary);
  for (const risk of from.openHighRisks) into.openHighRisks.push(risk);
  for (const gap of from.gaps) into.gaps.push(gap);
  for (const done of from.doneWithOpenRisks) into.doneWithOpenRisks.push(done);
  for (const lapsed of from.overdue) into.overdue.push(lapsed);
  for (const [sprint, points] of from.bySprint) {
    const sum = into.bySprint.get(sprint);
    if (sum) {
      sum.total += points.total;
      sum.security += points.security;
    } else into.bySprint.set(sprint, { ...points });
  }
}

/**
 * Puts back into a file's new part the entries of the items that are as they were (the same item, which an edit that
 * did not reach it leaves as the same object, at the same place); returns their ids. The parts have the same shape.
 */
function keepUnchangedItems(before: FilePart, part: FilePart): Set<string> {
  const kept = new Set<string>();
  part.items.forEach((entry, index) => {
    const old = before.items[index];
    if (old.item === entry.item && sameItems(old.location, entry.location)) {
      part.items[index] = old;
      kept.add(entry.item.id!.value);
    }
  });
  // The done items are the same entries (the status reads them as the definitions of their ids).
  if (kept.size) part.done = doneIn(part.items);
  return kept;
}

function doneIn(items: readonly ItemEntry[]): ItemEntry[] {
  return items.filter((entry) => entry.item.status === 'done');
}

/**
 * The keys under which two parts of a file list other entries: all keys when one part is missing. Entries are
 * compared by identity: a use case the edit did not touch keeps its node, and its mitigations their entries.
 */
function changedEntries(
  before: FilePart | undefined,
  after: FilePart | undefined,
  entriesOf: (part: FilePart) => (readonly [string, unknown])[],
): string[] {
  const written = (part: FilePart | undefined) => {
    const byKey = new Map<string, unknown[]>();
    if (part) for (const [key, entry] of entriesOf(part)) pushTo(byKey, key, entry);
    return byKey;
  };
  const [old, fresh] = [written(before), written(after)];
  const changed: string[] = [];
  for (const key of new Set([...old.keys(), ...fresh.keys()]))
    if (!sameItems(old.get(key) ?? NONE, fresh.get(key) ?? NONE)) changed.push(key);
  return changed;
}

function distinctIn(part: FilePart): UseCaseNode[] {
  const seen = new Set<string>();
  return part.useCases.filter((useCase) => !seen.has(useCase.id) && seen.add(useCase.id));
}

/** The same backlog ids with the same parents, in the same order. */
function sameShape(a: readonly ItemEntry[], b: readonly ItemEntry[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++)
    if (
      a[index].item.id!.value !== b[index].item.id!.value ||
      a[index].item.parent?.value !== b[index].item.parent?.value
    )
      return false;
  return true;
}

function pushTo<T>(index: Map<string, T[]>, key: string, value: T): void {
  const entries = index.get(key);
  if (entries) entries.push(value);
  else index.set(key, [value]);
}

/** Guards against parent cycles (A's parent B, B's parent A): such items stay roots. Walks up from `of`, not down the tree. */
function isAncestor(candidate: string, of: string, attachedTo: ReadonlyMap<string, string>): boolean {
  for (let id: string | undefined = of; id !== undefined; id = attachedTo.get(id)) if (id === candidate) return true;
  return false;
}
