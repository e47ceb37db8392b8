import { AnswerStatus, Applicability, BaselineCapability, capabilitiesOfControl } from './baseline';
import { requirementsOf } from './cia';
import { DataClass, LEVEL_RANK } from './dataClasses';
import { confidentialDataOf, effectiveStatus, reviewStateOf } from './evidence';
import { BacklogItem, FileModel, Mitigation, UseCase } from './model';
import { excerpt, quoted } from './quote';
import { ChunkedSums } from './arrays';
import { OffsetRange } from './text';

/**
 * Where a product stands on each capability of the baseline: whether it applies (and why), what answers
 * it, and how far the furthest answer has come. Worked out per file, then per product over its files.
 */
export type CapabilityStatus = 'answered' | 'gap' | 'not-applicable' | 'turned-off';

export type AnswerRoute = 'answers' | 'control' | 'template' | 'review';

/** Something of the workspace that answers a capability (or, a vendor without a current review, holds it open). */
export interface Answer {
  kind: 'mitigation' | 'backlog item' | 'abuse case' | 'vendor';
  /** The id, or a mitigation's title. */
  label: string;
  route: AnswerRoute;
  /** The control tag or the template id the answer goes by. */
  via?: string;
  status: AnswerStatus;
  uri: string;
  /** The model entry; its range is read when shown, as entries move in place with edits. */
  entry: { anchor: OffsetRange };
}

/** Why a capability applies: what the first use case that makes it apply handles or says. */
export interface Reason {
  /** "handles health data (UC-records)", "like every product". */
  text: string;
  always?: boolean;
  /** The use case that makes it apply (the first of the product, for what every product needs), and its file. */
  useCase: UseCase;
  uri: string;
}

export interface CapabilityState {
  capability: BaselineCapability;
  status: CapabilityStatus;
  /** The status of the furthest answer, when there is one. */
  progress?: AnswerStatus;
  why?: Reason;
  /** What answers it, the furthest first (at most the `answerLimit` asked for). */
  answeredBy: Answer[];
  /** How many things answer it, listed or not. */
  answerCount: number;
  /** What holds it open whatever answers it: the vendors that receive confidential data without a current review. */
  heldOpenBy: Answer[];
}

/** A product's baseline: where its findings go (when it has a line for them), and where it stands on each capability. */
export interface ProductBaseline {
  product: string | undefined;
  name: string;
  anchor?: { uri: string; range: OffsetRange };
  capabilities: CapabilityState[];
}

/** Answers by how far they have come: verified, implemented, planned, proposed (the furthest first). */
export type ByStatus = readonly (readonly AnswerEntry[])[];

/** What one file tells its product's baseline. */
export interface FileBaseline {
  uri: string;
  /** Capability id → why the file makes it apply (its first use case that does). */
  applies: ReadonlyMap<string, Reason>;
  /** Capability id → what in the file answers it by status, besides abuse cases that follow a template. */
  answers: ReadonlyMap<string, ByStatus>;
  /** Template id → the abuse cases that follow it, by status: they answer the template's family, as the catalog says. */
  templated: ReadonlyMap<string, ByStatus>;
  /** Capability id → what in the file holds it open (vendors without a current review). */
  heldOpen: ReadonlyMap<string, readonly AnswerEntry[]>;
  /** Exactly what the product's findings read of this file, to tell when they must be checked again. */
  fingerprint: string;
  /** Both kinds of answer by capability, the families resolved under one catalog (`catalog` is its token). */
  merged?: { catalog: object; byCapability: ReadonlyMap<string, ByStatus> };
}

/** The capability vendors' reviews answer, or hold open. */
export const VENDOR_CAPABILITY = 'third-parties';

const STATUS_RANK: Record<AnswerStatus, number> = { proposed: 0, planned: 1, implemented: 2, verified: 3 };

/** How far a backlog item has come, as an answer: done is implemented; in a sprint or in progress, planned. */
function backlogStatus(item: BacklogItem): AnswerStatus {
  if (item.status === 'done') return 'implemented';
  return item.status === 'in-progress' || item.sprint !== undefined ? 'planned' : 'proposed';
}

/** An answer as a file keeps it: its uri is the file's. */
export type AnswerEntry = Omit<Answer, 'uri'>;
/** What a use case tells the baseline, kept as long as the use case object lives: small, as there are thousands. */
interface UseCaseBaseline {
  /** The capabilities it makes apply (why is worked out again for the first use case of a file only). */
  applies: readonly string[];
  answers: [string, AnswerEntry][];
  templated: { template: string; answer: AnswerEntry }[];
}

/**
 * Reads the baseline facts of files under one configuration (capabilities and data classes). A use case's facts are
 * kept for as long as the use case object lives: an edit re-reads the use cases it replaced, not the file.
 */
export class BaselineReader {
  private readonly useCases = new WeakMap<UseCase, UseCaseBaseline>();
  private readonly words: Map<string, RegExp>;
  private readonly byId: ReadonlyMap<string, BaselineCapability>;

  constructor(
    readonly capabilities: readonly BaselineCapability[],
    private readonly dataClasses: ReadonlyMap<string, DataClass>,
    /** The day the answers' progress is read on: a verification past its due day counts as implemented. */
    readonly today: string,
  ) {
    this.byId = new Map(capabilities.map((capability) => [capability.id, capability]));
    this.words = new Map(
      capabilities.flatMap((capability) => {
        const words = capability.applies.words ?? [];
        if (words.length === 0) return [];
        const alternatives = words.map((word) => word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        return [
          [capability.id, new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})s?(?![\\p{L}\\p{N}])`, 'iu')],
        ];
      }),
    );
  }

  fileBaseline(uri: string, model: FileModel): FileBaseline {
    const applies = new Map<string, Reason>();
    const answers = new Map<string, AnswerEntry[][]>();
    const templated = new Map<string, AnswerEntry[][]>();
    for (const useCase of model.useCases) {
      const facts = this.useCaseBaseline(useCase);
      for (const capability of facts.applies) {
        if (applies.has(capability)) continue;
        const reason = this.reasonOf(this.byId.get(capability)!, useCase);
        if (reason) applies.set(capability, { ...reason, uri });
      }
      for (const [capability, entry] of facts.answers) file(answers, capability, entry);
      for (const { template, answer } of facts.templated) file(templated, template, answer);
    }
    for (const item of model.backlog) {
      for (const ref of item.answers) {
        file(answers, ref.value, {
          kind: 'backlog item',
          label: item.id?.value ?? item.title ?? 'backlog item',
          route: 'answers',
          status: backlogStatus(item),
          entry: item,
        });
      }
    }
    // A vendor with a current review answers the third-party question; one that receives confidential data without
    // one holds it open, whatever else answers it.
    const heldOpen = new Map<string, AnswerEntry[]>();
    if (this.byId.has(VENDOR_CAPABILITY))
      for (const vendor of model.vendors) {
        const review = reviewStateOf(vendor, this.today);
        const label = vendor.id?.value ?? vendor.name ?? 'vendor';
        if (review.status === 'current')
          file(answers, VENDOR_CAPABILITY, {
            kind: 'vendor',
            label,
            route: 'review',
            status: 'verified',
            entry: vendor,
          });
        else if (confidentialDataOf(vendor, this.dataClasses).length > 0) {
          const entries = heldOpen.get(VENDOR_CAPABILITY) ?? [];
          entries.push({
            kind: 'vendor',
            label,
            route: 'review',
            via: review.status,
            status: 'proposed',
            entry: vendor,
          });
          heldOpen.set(VENDOR_CAPABILITY, entries);
        }
      }
    const fingerprint = [
      [...applies].map(([capability, reason]) => `${capability}=${reason.text}`).join(';'),
      [...answers.keys()].join(','),
      [...templated.keys()].sort().join(','),
      [...heldOpen].map(([capability, entries]) => `${capability}=${entries.map((e) => e.label).join(',')}`).join(';'),
    ].join('|');
    return { uri, applies, answers, templated, heldOpen, fingerprint };
  }

  private useCaseBaseline(useCase: UseCase): UseCaseBaseline {
    let facts = this.useCases.get(useCase);
    if (!facts) this.useCases.set(useCase, (facts = this.readUseCase(useCase)));
    return facts;
  }

  private readUseCase(useCase: UseCase): UseCaseBaseline {
    const applies: string[] = [];
    for (const capability of this.capabilities) if (this.reasonTextOf(capability, useCase)) applies.push(capability.id);
    const answers: UseCaseBaseline['answers'] = [];
    const templated: UseCaseBaseline['templated'] = [];
    for (const abuseCase of useCase.abuseCases) {
      for (const mitigation of abuseCase.mitigations) {
        const label = mitigation.title?.value ?? 'mitigation';
        const status = effectiveStatus(mitigation, this.today);
        const entry = (route: AnswerRoute, via?: string): AnswerEntry => ({
          kind: 'mitigation',
          label,
          route,
          via,
          status,
          entry: mitigation,
        });
        for (const ref of mitigation.answers) answers.push([ref.value, entry('answers')]);
        for (const [capability, tag] of this.controlAnswers(mitigation))
          answers.push([capability, entry('control', tag)]);
      }
      if (abuseCase.template) {
        const furthest = abuseCase.mitigations.reduce<AnswerStatus>((best, m) => {
          const status = effectiveStatus(m, this.today);
          return STATUS_RANK[status] > STATUS_RANK[best] ? status : best;
        }, 'proposed');
        templated.push({
          template: abuseCase.template.value,
          answer: {
            kind: 'abuse case',
            label: abuseCase.id?.value ?? abuseCase.title ?? 'abuse case',
            route: 'template',
            via: abuseCase.template.value,
            status: furthest,
            entry: abuseCase,
          },
        });
      }
    }
    return { applies, answers, templated };
  }

  /** The capabilities a mitigation's control tags answer, each once, with the first tag that does. */
  private controlAnswers(mitigation: Mitigation): Map<string, string> {
    const found = new Map<string, string>();
    for (const tag of mitigation.controls)
      for (const capability of capabilitiesOfControl(tag, this.capabilities))
        if (!found.has(capability.id)) found.set(capability.id, tag);
    return found;
  }

  /** Why a capability applies to a use case, or undefined: the most telling condition first. */
  private reasonOf(capability: BaselineCapability, useCase: UseCase): Omit<Reason, 'uri'> | undefined {
    const text = this.reasonTextOf(capability, useCase);
    return text && { ...text, useCase };
  }

  private reasonTextOf(capability: BaselineCapability, useCase: UseCase): Pick<Reason, 'text' | 'always'> | undefined {
    const applies: Applicability = capability.applies;
    // The use case's id as messages show it: short, with control and bidirectional characters escaped.
    const name = useCase.id ? excerpt(useCase.id.value) : quoted(useCase.title ?? 'a use case');
    const classes = useCase.data.flatMap((ref) => {
      const dataClass = this.dataClasses.get(ref.value);
      return dataClass ? [dataClass] : [];
    });
    const named = classes.find((dataClass) => applies.data?.includes(dataClass.name));
    if (named) return { text: `handles ${named.name} data (${name})` };
    const special = applies.specialCategory && classes.find((dataClass) => dataClass.specialCategory);
    if (special) return { text: `handles special-category data (${special.name} in ${name})` };
    const personal = applies.personal && classes.find((dataClass) => dataClass.personal);
    if (personal) return { text: `handles personal data (${personal.name} in ${name})` };
    if (applies.atLeast) {
      for (const requirement of requirementsOf(useCase, this.dataClasses)) {
        const threshold = applies.atLeast[requirement.dimension];
        if (threshold && LEVEL_RANK[requirement.level] >= LEVEL_RANK[threshold] && LEVEL_RANK[threshold] > 0)
          return { text: `requires ${requirement.level} ${requirement.dimension} (${name})` };
      }
    }
    const vendor = applies.vendors && useCase.vendors[0];
    if (vendor) return { text: `hands data to ${quoted(vendor.value)} (${name})` };
    const basis = useCase.lawfulBasis && applies.lawfulBasis?.includes(useCase.lawfulBasis.value);
    if (basis && useCase.lawfulBasis)
      return { text: `processes personal data on ${useCase.lawfulBasis.value} (${name})` };
    const words = this.words.get(capability.id);
    if (words) {
      const text = [useCase.title, useCase.description, useCase.actor, ...useCase.steps].join('\n');
      const said = words.exec(text)?.[0];
      if (said) return { text: `mentions ${quoted(said.toLowerCase())} (${name})` };
    }
    if (applies.always) return { text: 'like every product', always: true };
    return undefined;
  }
}

/**
 * The bucket of a status nothing has that status in: shared, as most keys have answers of one or two statuses (a
 * bucket of its own for each would be most of what a large workspace's baseline facts take).
 */
const NO_ANSWERS: AnswerEntry[] = Object.freeze([]) as unknown as AnswerEntry[];

function noBuckets(): AnswerEntry[][] {
  return [NO_ANSWERS, NO_ANSWERS, NO_ANSWERS, NO_ANSWERS];
}

/** Adds answers to a bucket, made for them (of their size) when it was the shared empty one. */
function addToBucket(buckets: AnswerEntry[][], rank: number, answers: readonly AnswerEntry[]): void {
  if (answers.length === 0) return;
  if (buckets[rank] === NO_ANSWERS) buckets[rank] = answers.slice();
  else for (const answer of answers) buckets[rank].push(answer);
}

/** Files an answer under a key, in the bucket of its status. */
function file(byKey: Map<string, AnswerEntry[][]>, key: string, answer: AnswerEntry): void {
  let buckets = byKey.get(key);
  if (!buckets) byKey.set(key, (buckets = noBuckets()));
  addToBucket(buckets, 3 - STATUS_RANK[answer.status], [answer]);
}

/**
 * The baseline of a product from the facts of its files (in uri order), resolving template families. It reads each
 * file's few buckets per capability, never every answer: `answerLimit` lists at most that many answers of a question
 * (the furthest first, in file order), and `answers: false` none (what the findings, the status bar and the gate read).
 */
export function productBaseline(
  files: readonly FileBaseline[],
  capabilities: readonly BaselineCapability[],
  catalog: { token: object; familyOf: (template: string) => string | undefined },
  { answers = true, answerLimit = Infinity }: { answers?: boolean; answerLimit?: number } = {},
): CapabilityState[] {
  const limit = answers ? answerLimit : 0;
  const total = emptyTally();
  const { why, heldOpen, tallies } = total;
  const chunks = CHUNK_TALLIES.sums(
    files,
    (chunk) => [...chunk, catalog.token, limit],
    (chunk) => {
      const tally = emptyTally();
      for (const file of chunk) addFile(tally, file, catalog, limit);
      return tally;
    },
  );
  for (const chunk of chunks) addTally(total, chunk, limit);
  const listedOf = (tally: { entries: AnswerEntry[][]; uris: string[][] }): Answer[] => {
    const listed: Answer[] = [];
    for (let rank = 0; rank < 4 && listed.length < limit; rank++)
      for (let index = 0; index < tally.entries[rank].length && listed.length < limit; index++) {
        const { kind, label, route, via, status, entry } = tally.entries[rank][index];
        listed.push({ kind, label, route, via, status, entry, uri: tally.uris[rank][index] });
      }
    return listed;
  };
  return capabilities.map((capability) => {
    const tally = tallies.get(capability.id);
    const furthest = tally?.counts.findIndex((count) => count > 0) ?? -1;
    const progress = furthest < 0 ? undefined : STATUSES_FURTHEST_FIRST[furthest];
    const reason = why.get(capability.id);
    const held = heldOpen.get(capability.id) ?? [];
    const status: CapabilityStatus = capability.turnedOff
      ? 'turned-off'
      : !reason
        ? 'not-applicable'
        : progress !== undefined && held.length === 0
          ? 'answered'
          : 'gap';
    return {
      capability,
      status,
      progress,
      why: reason,
      answeredBy: tally ? listedOf(tally) : [],
      answerCount: tally ? tally.counts.reduce((sum, count) => sum + count, 0) : 0,
      heldOpenBy: held,
    };
  });
}

/** What some files tell a product's baseline: why each capability applies, what holds it open, what answers it. */
interface Tally {
  why: Map<string, Reason>;
  heldOpen: Map<string, Answer[]>;
  /** Per capability and status: how many answers, and the first `limit` of them with their files. */
  tallies: Map<string, { counts: number[]; entries: AnswerEntry[][]; uris: string[][] }>;
}

function emptyTally(): Tally {
  return { why: new Map(), heldOpen: new Map(), tallies: new Map() };
}

/**
 * The tallies of chunks of files: an edit tallies its file's chunk again, and a product's baseline adds up the chunks
 * (a few dozen for a large product) instead of walking every file. One per answer limit asked (the findings', the
 * status bar's, the sidebar's).
 */
const CHUNK_TALLIES = new ChunkedSums<FileBaseline, Tally>(3);

function addFile(
  into: Tally,
  file: FileBaseline,
  catalog: { token: object; familyOf: (template: string) => string | undefined },
  limit: number,
): void {
  for (const [capability, reason] of file.applies) if (!into.why.has(capability)) into.why.set(capability, reason);
  for (const [capability, entries] of file.heldOpen) {
    const held = into.heldOpen.get(capability) ?? [];
    for (const entry of entries) held.push({ ...entry, uri: file.uri });
    into.heldOpen.set(capability, held);
  }
  for (const [capability, buckets] of mergedAnswersOf(file, catalog))
    for (let rank = 0; rank < 4; rank++) {
      const bucket = buckets[rank];
      addToTally(into, capability, rank, bucket.length, bucket, () => file.uri, limit);
    }
}

/** Adds a chunk's tally after what `into` holds (the files before it). */
function addTally(into: Tally, from: Tally, limit: number): void {
  for (const [capability, reason] of from.why) if (!into.why.has(capability)) into.why.set(capability, reason);
  for (const [capability, answers] of from.heldOpen) {
    const held = into.heldOpen.get(capability) ?? [];
    for (const answer of answers) held.push(answer);
    into.heldOpen.set(capability, held);
  }
  for (const [capability, { counts, entries, uris }] of from.tallies)
    for (let rank = 0; rank < 4; rank++)
      addToTally(into, capability, rank, counts[rank], entries[rank], (index) => uris[rank][index], limit);
}

function addToTally(
  into: Tally,
  capability: string,
  rank: number,
  count: number,
  entries: readonly AnswerEntry[],
  uriAt: (index: number) => string,
  limit: number,
): void {
  let tally = into.tallies.get(capability);
  if (!tally)
    into.tallies.set(capability, (tally = { counts: [0, 0, 0, 0], entries: [[], [], [], []], uris: [[], [], [], []] }));
  tally.counts[rank] += count;
  const listed = tally.entries[rank];
  for (let index = 0; index < entries.length && listed.length < limit; index++) {
    listed.push(entries[index]);
    tally.uris[rank].push(uriAt(index));
  }
}

/**
 * A file's answers by capability, those that say so before the abuse cases of a family, worked out once per catalog:
 * a product's baseline then reads a few buckets per file, not every answer.
 */
function mergedAnswersOf(
  file: FileBaseline,
  catalog: { token: object; familyOf: (template: string) => string | undefined },
): ReadonlyMap<string, ByStatus> {
  if (file.merged?.catalog === catalog.token) return file.merged.byCapability;
  const byCapability = new Map<string, AnswerEntry[][]>();
  const add = (capability: string, buckets: ByStatus) => {
    let merged = byCapability.get(capability);
    if (!merged) byCapability.set(capability, (merged = noBuckets()));
    for (let rank = 0; rank < 4; rank++) addToBucket(merged, rank, buckets[rank]);
  };
  for (const [capability, buckets] of file.answers) add(capability, buckets);
  for (const [template, buckets] of file.templated) {
    const capability = catalog.familyOf(template);
    if (capability) add(capability, buckets);
  }
  file.merged = { catalog: catalog.token, byCapability };
  return byCapability;
}

const STATUSES_FURTHEST_FIRST: readonly AnswerStatus[] = ['verified', 'implemented', 'planned', 'proposed'];

/** "Acme Clinic handles health data (UC-records): can its data be restored from a backup, and has a restore been tried?" */
export function baselineSentence(
  product: string,
  state: Pick<CapabilityState, 'capability' | 'why'> & { heldOpenBy?: readonly Pick<Answer, 'label' | 'via'>[] },
): string {
  const why = state.why;
  const subject = !why ? product : why.always ? `${product}, ${why.text}` : `${product} ${why.text}`;
  const held = state.heldOpenBy ?? [];
  const open = held.length
    ? ` Not while ${held
        .slice(0, 3)
        .map((vendor) => `${quoted(vendor.label)} (${REVIEW_WORDS[vendor.via ?? 'none'] ?? 'not reviewed'})`)
        .join(
          ', ',
        )}${held.length > 3 ? ` and ${held.length - 3} more` : ''} ${held.length === 1 ? 'receives' : 'receive'} confidential data.`
    : '';
  return `${subject}: ${state.capability.question}${open}`;
}

/** What a vendor's review state is called where it holds the third-party question open. */
const REVIEW_WORDS: Record<string, string> = {
  none: 'no review',
  lapsed: 'review lapsed',
  incomplete: 'review incomplete',
};
