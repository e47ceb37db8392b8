/*
 * The coverage model's nodes, built from one file's model: use cases with their CIA marks and states, abuse cases,
 * mitigations, and a backlog item's node rolled up from what it builds. Pure functions; the index that keeps the
 * workspace's model up to date (coverageTree.ts) decides when each is built again.
 */
import { coverageOf, isRiskClosed, needsAbuseCase } from './cia';
import { confidentialDataOf, effectiveStatus, reviewStateOf, verificationDue } from './evidence';
import { Answer, baselineSentence, ProductBaseline } from './baselineState';
import type {
  AbuseCaseNode,
  BacklogNode,
  BaselineAnswerNode,
  BaselineNode,
  BuiltMitigation,
  CiaMark,
  DimensionMark,
  MitigationNode,
  NodeLocation,
  UseCaseNode,
  VendorNode,
} from './coverageModel';
import { CoverageState, RiskState, stateBadge, worstState } from './coverageStates';
import { DataClass, LEVEL_RANK } from './dataClasses';
import { Dimension, DIMENSIONS } from './format';
import { AbuseCase, BacklogItem, FileModel, Mitigation, UseCase, Vendor } from './model';
import { LineIndex, OffsetRange } from './text';

/** One file as the coverage model reads it: a `ParsedFile` of the workspace. */
export interface CoverageFile {
  readonly uri: string;
  readonly model: FileModel;
  readonly lineIndex: LineIndex;
}

/** How far a mitigation (or an answer of the baseline) has come, as a state: built as done, proposed or planned as open. */
export const MITIGATION_STATE: Record<string, MitigationNode['state']> = {
  proposed: 'open',
  planned: 'open',
  implemented: 'mitigated',
  verified: 'verified',
};

/** A file as its nodes are located: its parse (for the line numbers), and its index in the model's `files`. */
export interface FileAt {
  readonly file: CoverageFile;
  readonly index: number;
}

export function locate({ file, index }: FileAt, range: OffsetRange, selection: OffsetRange): NodeLocation {
  const whole = file.lineIndex.rangeOf(range);
  const name = file.lineIndex.rangeOf(selection);
  return [
    index,
    whole.start.line,
    whole.start.character,
    whole.end.line,
    whole.end.character,
    name.start.line,
    name.start.character,
    name.end.line,
    name.end.character,
  ];
}

/** A mitigation as of `today`: a verification past its due day counts as implemented, and says since when. */
function mitigationNode(file: FileAt, mitigation: Mitigation, today: string): MitigationNode {
  const status = effectiveStatus(mitigation, today);
  const lapsed = status !== mitigation.status ? verificationDue(mitigation) : undefined;
  return {
    kind: 'mitigation',
    title: mitigation.title?.value ?? '(untitled mitigation)',
    status,
    ...(lapsed ? { verificationDue: lapsed } : {}),
    backlog: mitigation.backlog.map((ref) => ref.value),
    state: MITIGATION_STATE[status] ?? 'open',
    location: locate(file, mitigation.range, mitigation.anchor),
  };
}

function abuseCaseNode(file: FileAt, abuseCase: AbuseCase, today: string): AbuseCaseNode {
  const mitigations = abuseCase.mitigations.map((mitigation) => mitigationNode(file, mitigation, today));
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

/** What a use case's marks read of each of its abuse cases: its node, or only its state (abuseCaseStatesOf). */
export type AbuseCaseState = Pick<AbuseCaseNode, 'id' | 'threatens' | 'state'>;

/** The states of a use case's abuse cases as of `today`, without building their nodes (what a code lens needs). */
export function abuseCaseStatesOf(useCase: UseCase, today: string): AbuseCaseState[] {
  return useCase.abuseCases.map((abuseCase) => ({
    id: abuseCase.id?.value ?? '(no id)',
    threatens: abuseCase.threatens.map((threat) => threat.value),
    state: stateOfAbuseCase(abuseCase, today),
  }));
}

/** A use case's mark and state per CIA dimension, from its abuse cases' states: the sidebar's badge, the lens's. */
export function ciaMarksOf(
  useCase: UseCase,
  abuseCases: readonly AbuseCaseState[],
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): Record<Dimension, CiaMark> {
  const coverage = coverageOf(useCase, dataClasses, today);
  return Object.fromEntries(
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
}

/** The node made of each use case, with what it was made under: see `useCaseNode`. */
const USE_CASE_NODES = new WeakMap<
  UseCase,
  { node: UseCaseNode; dataClasses: ReadonlyMap<string, DataClass>; today: string }
>();

/**
 * A use case's node. An edit re-parses only the list items it touches and keeps the others' objects, their offsets
 * moved: a use case object met again, under the same data classes and day and at the same line and column, would
 * make the same node, locations included (its content is the same and starts at the same place), so the node made
 * before is given again. An edit of one use case then makes one node, not the file's hundreds, and the coverage
 * index tells what changed by identity.
 */
export function useCaseNode(
  file: FileAt,
  useCase: UseCase,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): UseCaseNode {
  const location = locate(file, useCase.range, useCase.anchor);
  const made = USE_CASE_NODES.get(useCase);
  if (
    made &&
    made.dataClasses === dataClasses &&
    made.today === today &&
    made.node.location.every((value, at) => value === location[at])
  )
    return made.node;
  const node = makeUseCaseNode(file, useCase, dataClasses, today, location);
  USE_CASE_NODES.set(useCase, { node, dataClasses, today });
  return node;
}

function makeUseCaseNode(
  file: FileAt,
  useCase: UseCase,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
  location: NodeLocation,
): UseCaseNode {
  const abuseCases = useCase.abuseCases.map((abuseCase) => abuseCaseNode(file, abuseCase, today));
  const cia = ciaMarksOf(useCase, abuseCases, dataClasses, today);
  return {
    kind: 'use-case',
    id: useCase.id?.value ?? '(no id)',
    title: useCase.title ?? '(untitled use case)',
    actor: useCase.actor,
    backlog: useCase.backlog.map((ref) => ref.value),
    data: useCase.data.map((item) => item.value),
    vendors: useCase.vendors.map((ref) => ref.value),
    privacy: {
      personalData: useCase.data.filter((ref) => dataClasses.get(ref.value)?.personal).map((ref) => ref.value),
      ...(useCase.lawfulBasis ? { lawfulBasis: useCase.lawfulBasis.value } : {}),
      ...(useCase.retention ? { retention: useCase.retention.value } : {}),
      ...(useCase.specialCategoryCondition ? { specialCategoryCondition: useCase.specialCategoryCondition.value } : {}),
    },
    cia,
    state: worstState([
      ...DIMENSIONS.map((dimension) => cia[dimension].state),
      ...abuseCases.map((node) => node.state),
    ]),
    abuseCases,
    location,
  };
}

/** The use cases that handle personal data or say something of it: the reports' Personal data rows. */
export function privacyRowsOf<T extends Pick<UseCaseNode, 'privacy'>>(useCases: readonly T[]): T[] {
  return useCases.filter(
    ({ privacy }) =>
      privacy.personalData.length > 0 ||
      privacy.lawfulBasis !== undefined ||
      privacy.retention !== undefined ||
      privacy.specialCategoryCondition !== undefined,
  );
}

/** A vendor as the sidebar and the reports show it, with its review's standing as of `today`. */
export function vendorNode(
  file: FileAt,
  vendor: Vendor,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): VendorNode {
  const review = vendor.review;
  return {
    kind: 'vendor',
    id: vendor.id?.value ?? '(no id)',
    name: vendor.name ?? vendor.id?.value ?? '(unnamed vendor)',
    ...(vendor.purpose ? { purpose: vendor.purpose } : {}),
    receives: vendor.receives.map((ref) => ref.value),
    needsReview: confidentialDataOf(vendor, dataClasses).length > 0,
    review: {
      status: reviewStateOf(vendor, today).status,
      ...(review?.by ? { by: review.by } : {}),
      ...(review?.on ? { on: review.on.value } : {}),
      ...(review?.until ? { until: review.until.value } : {}),
      evidence: review?.evidence.map((ref) => ref.value) ?? [],
    },
    location: locate(file, vendor.range, vendor.anchor),
  };
}

function stateOfAbuseCase(abuseCase: AbuseCase, today: string): RiskState {
  const statuses = abuseCase.mitigations.map((m) => effectiveStatus(m, today));
  if (statuses.includes('verified')) return 'verified';
  if (statuses.includes('implemented')) return 'mitigated';
  return isRiskClosed(abuseCase, today) ? 'accepted' : 'open';
}

export function backlogNode(
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
    ...(item.release ? { release: item.release.value } : {}),
    ...(item.source
      ? {
          source: {
            ...(item.source.kind ? { kind: item.source.kind.value } : {}),
            ...(item.source.ref ? { ref: item.source.ref.value } : {}),
          },
        }
      : {}),
    state: 'not-required',
    cia: combinedCia(combiningCia()),
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
export function rollUp(node: BacklogNode, useCases: { get(id: string): UseCaseNode | undefined }): void {
  // One pass, in the order the parts are listed (use cases, mitigations, children): an item that many mitigations
  // name (a shared security story) is rolled up again after edits of any file that names it.
  const combining = combiningCia();
  for (const useCase of node.useCases)
    for (const dimension of DIMENSIONS) combine(combining[dimension], useCase.cia[dimension]);
  let state = worstOf(node.useCases, 'not-required');
  for (const mitigation of node.mitigations) {
    const cia = mitigation.threatens.length ? useCases.get(mitigation.useCase)?.cia : undefined;
    for (const dimension of DIMENSIONS) {
      if (!mitigation.threatens.includes(dimension)) {
        combine(combining[dimension], NOTHING);
        continue;
      }
      const requirement = cia?.[dimension];
      combine(
        combining[dimension],
        {
          state: mitigation.abuseCaseState,
          mark: requirement?.mark ?? 'not-required',
          level: requirement?.level ?? 'none',
          requiredBy: requirement?.requiredBy,
        },
        mitigation.abuseCase,
      );
    }
    state = worstState([state, mitigation.abuseCaseState]);
  }
  for (const child of node.children)
    for (const dimension of DIMENSIONS) combine(combining[dimension], child.cia[dimension]);
  state = worstOf(node.children, state);
  node.cia = combinedCia(combining);
  for (const dimension of DIMENSIONS) state = worstState([state, node.cia[dimension].state]);
  node.state = state;
}

function worstOf(nodes: readonly { state: CoverageState }[], from: CoverageState): CoverageState {
  let worst = from;
  for (const node of nodes) worst = worstState([worst, node.state]);
  return worst;
}

/** `C ✓ I ✗ A –`: each dimension's mark (see STATE_LEGEND), as the sidebar's rows and the code lenses show it. */
export function ciaBadge(cia: Record<Dimension, CiaMark>): string {
  return stateBadge(DIMENSIONS.map((dimension) => [dimension, cia[dimension].state] as const));
}

const NOTHING: CiaMark = { state: 'not-required', mark: 'not-required', level: 'none', abuseCases: [] };

/** One dimension's marks as they are combined: how many, the worst state and mark, the first highest level, the abuse cases. */
interface Combining {
  count: number;
  state: CoverageState;
  mark: DimensionMark;
  level: CiaMark['level'];
  requiredBy?: string;
  abuseCases: Set<string>;
}

const MARK_ORDER: readonly DimensionMark[] = ['uncovered', 'covered', 'not-required'];

function combiningCia(): Record<Dimension, Combining> {
  return Object.fromEntries(
    DIMENSIONS.map((dimension) => [
      dimension,
      { count: 0, state: 'not-required', mark: 'not-required', level: 'none', abuseCases: new Set() },
    ]),
  ) as Record<Dimension, Combining>;
}

/** Adds one part's mark of a dimension (and the abuse cases behind it), after those added before. */
function combine(
  into: Combining,
  mark: Pick<CiaMark, 'state' | 'mark' | 'level' | 'requiredBy'> & { abuseCases?: readonly string[] },
  abuseCase?: string,
): void {
  if (into.count === 0 || LEVEL_RANK[mark.level] > LEVEL_RANK[into.level]) {
    into.level = mark.level;
    into.requiredBy = mark.requiredBy;
  }
  into.state = worstState([into.state, mark.state]);
  if (MARK_ORDER.indexOf(mark.mark) < MARK_ORDER.indexOf(into.mark)) into.mark = mark.mark;
  for (const id of mark.abuseCases ?? []) into.abuseCases.add(id);
  if (abuseCase !== undefined) into.abuseCases.add(abuseCase);
  into.count++;
}

/** Per dimension: the worst state, the worst mark, the highest level (and what requires it), every abuse case once. */
function combinedCia(combining: Record<Dimension, Combining>): Record<Dimension, CiaMark> {
  const result = {} as Record<Dimension, CiaMark>;
  for (const dimension of DIMENSIONS) {
    const { count, state, mark, level, requiredBy, abuseCases } = combining[dimension];
    result[dimension] =
      count === 0 ? { ...NOTHING, abuseCases: [] } : { state, mark, level, requiredBy, abuseCases: [...abuseCases] };
  }
  return result;
}

/** How many answers of a question the model lists (the furthest first); `answerCount` says how many there are. */
export const BASELINE_ANSWERS_LISTED = 100;

/**
 * The node of an answer, by the model entry that answers (a mitigation, an item, an abuse case, a vendor), with the
 * line index and offsets it was located with: the same entry at the same place in the same text makes the same node.
 */
const ANSWER_NODES = new WeakMap<
  object,
  { lineIndex: LineIndex; start: number; end: number; node: BaselineAnswerNode }
>();

/** The questions of the baseline, one node per product and capability, located in their files. */
export function baselineNodesOf(
  products: readonly ProductBaseline[],
  fileOf: (uri: string) => FileAt | undefined,
): BaselineNode[] {
  const located = (uri: string, range: OffsetRange): NodeLocation | undefined => {
    const file = fileOf(uri);
    return file && locate(file, range, range);
  };
  const answerNode = (answer: Answer): BaselineAnswerNode[] => {
    const { kind, label, route, via, status, entry } = answer;
    const file = fileOf(answer.uri);
    if (!file) return [];
    // Most answers are in files an edit did not touch: their node is the one made before (see ANSWER_NODES).
    const made = ANSWER_NODES.get(entry);
    const { anchor } = entry;
    if (
      made?.lineIndex === file.file.lineIndex &&
      made.start === anchor.start &&
      made.end === anchor.end &&
      made.node.location[0] === file.index &&
      made.node.label === label &&
      made.node.status === status &&
      made.node.route === route &&
      made.node.via === via &&
      made.node.kind === kind
    )
      return [made.node];
    const node: BaselineAnswerNode = {
      kind,
      label,
      route,
      ...(via ? { via } : {}),
      status,
      location: locate(file, anchor, anchor),
    };
    ANSWER_NODES.set(entry, { lineIndex: file.file.lineIndex, start: anchor.start, end: anchor.end, node });
    return [node];
  };
  return products.flatMap((product) =>
    product.capabilities.map((state): BaselineNode => {
      const { capability } = state;
      return {
        kind: 'baseline-question',
        capability: capability.id,
        name: capability.name,
        question: capability.question,
        product: product.name,
        status: state.status,
        progress: state.progress,
        why: state.status === 'turned-off' ? capability.turnedOff : state.why?.text,
        sentence: baselineSentence(product.name, state),
        answerCount: state.answerCount,
        answeredBy: state.answeredBy.flatMap(answerNode),
        heldOpenBy: state.heldOpenBy.flatMap(answerNode),
        location: product.anchor && located(product.anchor.uri, product.anchor.range),
      };
    }),
  );
}

/** The gaps of the baseline as the gate lists them: `Roadmaps: incident-readiness`. */
export function baselineGapsOf(nodes: readonly Pick<BaselineNode, 'product' | 'capability' | 'status'>[]): string[] {
  return nodes.filter((node) => node.status === 'gap').map((node) => `${node.product}: ${node.capability}`);
}

/** What answers a question, in a report: `RM-212 (backlog item, planned)`, `Daily backups (nist-800-53:CP-9, verified)`. */
export function answerText(answer: BaselineNode['answeredBy'][number]): string {
  return `${answer.label} (${answer.via ?? answer.kind}, ${answer.status})`;
}

/** The answers a report lists (the model's are the furthest first): at most `max`, and how many more there are. */
export function listedAnswers(
  node: Pick<BaselineNode, 'answeredBy' | 'answerCount'>,
  max = 3,
): { shown: string[]; more: number } {
  const shown = node.answeredBy.slice(0, max).map(answerText);
  return { shown, more: Math.max(0, node.answerCount - shown.length) };
}
