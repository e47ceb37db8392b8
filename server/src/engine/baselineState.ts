import { AnswerStatus, Applicability, BaselineCapability, capabilitiesOfControl } from './baseline';
import { requirementsOf } from './cia';
import { DataClass, LEVEL_RANK } from './dataClasses';
import { BacklogItem, FileModel, Mitigation, UseCase } from './model';
import { excerpt, quoted } from './quote';
import { OffsetRange } from './text';

/**
 * Where a product stands on each capability of the baseline: whether it applies (and why), what answers
 * it, and how far the furthest answer has come. Worked out per file, then per product over its files.
 */
export type CapabilityStatus = 'answered' | 'gap' | 'not-applicable' | 'turned-off';

export type AnswerRoute = 'answers' | 'control' | 'template';

/** Something of the workspace that answers a capability. */
export interface Answer {
  kind: 'mitigation' | 'backlog item' | 'abuse case';
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
}

/** A product's baseline: where its findings go (when it has a line for them), and where it stands on each capability. */
export interface ProductBaseline {
  product: string | undefined;
  name: string;
  anchor?: { uri: string; range: OffsetRange };
  capabilities: CapabilityState[];
}

/** What one file tells its product's baseline. */
export interface FileBaseline {
  /** Capability id → why the file makes it apply (its first use case that does). */
  applies: ReadonlyMap<string, Reason>;
  /** Capability id → what in the file answers it, besides abuse cases that follow a template. */
  answers: ReadonlyMap<string, Answer[]>;
  /** Abuse cases that follow a template: they answer the template's family, which the catalog says. */
  templated: readonly { template: string; answer: Answer }[];
  /** The furthest answer per capability, and per template its abuse cases follow: what a product's states need. */
  furthest: ReadonlyMap<string, AnswerStatus>;
  furthestByTemplate: ReadonlyMap<string, { status: AnswerStatus; count: number }>;
  /** Exactly what the product's findings read of this file, to tell when they must be checked again. */
  fingerprint: string;
}

const STATUS_RANK: Record<AnswerStatus, number> = { proposed: 0, planned: 1, implemented: 2, verified: 3 };

/** How far a backlog item has come, as an answer: done is implemented; in a sprint or in progress, planned. */
function backlogStatus(item: BacklogItem): AnswerStatus {
  if (item.status === 'done') return 'implemented';
  return item.status === 'in-progress' || item.sprint !== undefined ? 'planned' : 'proposed';
}

type Entry = Omit<Answer, 'uri'>;
interface UseCaseBaseline {
  applies: [string, Omit<Reason, 'uri'>][];
  answers: [string, Entry][];
  templated: { template: string; answer: Entry }[];
}

/**
 * Reads the baseline facts of files under one configuration (capabilities and data classes). A use case's facts are
 * kept for as long as the use case object lives: an edit re-reads the use cases it replaced, not the file.
 */
export class BaselineReader {
  private readonly useCases = new WeakMap<UseCase, UseCaseBaseline>();
  private readonly words: Map<string, RegExp>;

  constructor(
    readonly capabilities: readonly BaselineCapability[],
    private readonly dataClasses: ReadonlyMap<string, DataClass>,
  ) {
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
    const answers = new Map<string, Answer[]>();
    const templated: FileBaseline['templated'][number][] = [];
    const add = (capability: string, entry: Entry) => {
      const list = answers.get(capability);
      const answer = { ...entry, uri };
      if (list) list.push(answer);
      else answers.set(capability, [answer]);
    };
    for (const useCase of model.useCases) {
      const facts = this.useCaseBaseline(useCase);
      for (const [capability, reason] of facts.applies)
        if (!applies.has(capability)) applies.set(capability, { ...reason, uri });
      for (const [capability, entry] of facts.answers) add(capability, entry);
      for (const { template, answer } of facts.templated) templated.push({ template, answer: { ...answer, uri } });
    }
    for (const item of model.backlog) {
      for (const ref of item.answers) {
        add(ref.value, {
          kind: 'backlog item',
          label: item.id?.value ?? item.title ?? 'backlog item',
          route: 'answers',
          status: backlogStatus(item),
          entry: item,
        });
      }
    }
    const fingerprint = [
      [...applies].map(([capability, reason]) => `${capability}=${reason.text}`).join(';'),
      [...answers.keys()].join(','),
      [...new Set(templated.map((entry) => entry.template))].sort().join(','),
    ].join('|');
    const furthest = new Map<string, AnswerStatus>();
    for (const [capability, list] of answers) for (const answer of list) raise(furthest, capability, answer.status);
    const furthestByTemplate = new Map<string, { status: AnswerStatus; count: number }>();
    for (const { template, answer } of templated) {
      const known = furthestByTemplate.get(template);
      if (!known) furthestByTemplate.set(template, { status: answer.status, count: 1 });
      else {
        known.count++;
        if (STATUS_RANK[answer.status] > STATUS_RANK[known.status]) known.status = answer.status;
      }
    }
    return { applies, answers, templated, furthest, furthestByTemplate, fingerprint };
  }

  private useCaseBaseline(useCase: UseCase): UseCaseBaseline {
    let facts = this.useCases.get(useCase);
    if (!facts) this.useCases.set(useCase, (facts = this.readUseCase(useCase)));
    return facts;
  }

  private readUseCase(useCase: UseCase): UseCaseBaseline {
    const applies: UseCaseBaseline['applies'] = [];
    for (const capability of this.capabilities) {
      const reason = this.reasonOf(capability, useCase);
      if (reason) applies.push([capability.id, reason]);
    }
    const answers: UseCaseBaseline['answers'] = [];
    const templated: UseCaseBaseline['templated'] = [];
    for (const abuseCase of useCase.abuseCases) {
      for (const mitigation of abuseCase.mitigations) {
        const label = mitigation.title?.value ?? 'mitigation';
        const entry = (route: AnswerRoute, via?: string): Entry => ({
          kind: 'mitigation',
          label,
          route,
          via,
          status: mitigation.status,
          entry: mitigation,
        });
        for (const ref of mitigation.answers) answers.push([ref.value, entry('answers')]);
        for (const [capability, tag] of this.controlAnswers(mitigation))
          answers.push([capability, entry('control', tag)]);
      }
      if (abuseCase.template) {
        const furthest = abuseCase.mitigations.reduce<AnswerStatus>(
          (best, m) => (STATUS_RANK[m.status] > STATUS_RANK[best] ? m.status : best),
          'proposed',
        );
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

/** Raises a key's furthest status to `status` when that is further. */
function raise(furthest: Map<string, AnswerStatus>, key: string, status: AnswerStatus): void {
  const known = furthest.get(key);
  if (known === undefined || STATUS_RANK[status] > STATUS_RANK[known]) furthest.set(key, status);
}

/**
 * The baseline of a product from the facts of its files (in uri order), resolving template families. Without
 * `answers`, the states only (what the findings, the status bar and the gate read): a walk of each file's few
 * per-capability figures, not of every answer.
 */
export function productBaseline(
  files: readonly FileBaseline[],
  capabilities: readonly BaselineCapability[],
  familyOf: (template: string) => string | undefined,
  { answers = true, answerLimit = Infinity }: { answers?: boolean; answerLimit?: number } = {},
): CapabilityState[] {
  const families = new Map<string, string | undefined>();
  const family = (template: string) => {
    if (!families.has(template)) families.set(template, familyOf(template));
    return families.get(template);
  };
  const furthest = new Map<string, AnswerStatus>();
  const counts = new Map<string, number>();
  const why = new Map<string, Reason>();
  // Per capability, the answers by status (verified first), each kept to the limit: a product may have thousands.
  const listed = new Map<string, Answer[][]>();
  const add = (capability: string, answer: Answer) => {
    let byStatus = listed.get(capability);
    if (!byStatus) listed.set(capability, (byStatus = [[], [], [], []]));
    const bucket = byStatus[3 - STATUS_RANK[answer.status]];
    if (bucket.length < answerLimit) bucket.push(answer);
  };
  for (const file of files) {
    for (const [capability, reason] of file.applies) if (!why.has(capability)) why.set(capability, reason);
    for (const [capability, status] of file.furthest) raise(furthest, capability, status);
    for (const [template, { status, count }] of file.furthestByTemplate) {
      const capability = family(template);
      if (!capability) continue;
      raise(furthest, capability, status);
      counts.set(capability, (counts.get(capability) ?? 0) + count);
    }
    for (const [capability, list] of file.answers) {
      counts.set(capability, (counts.get(capability) ?? 0) + list.length);
      if (answers) for (const answer of list) add(capability, answer);
    }
  }
  // Abuse cases that follow a template come after the answers that say so, file by file as they stand.
  if (answers)
    for (const file of files)
      for (const { template, answer } of file.templated) {
        const capability = family(template);
        if (capability) add(capability, answer);
      }
  return capabilities.map((capability) => {
    const progress = furthest.get(capability.id);
    const reason = why.get(capability.id);
    const status: CapabilityStatus = capability.turnedOff
      ? 'turned-off'
      : !reason
        ? 'not-applicable'
        : progress !== undefined
          ? 'answered'
          : 'gap';
    const answeredBy = (listed.get(capability.id) ?? []).flat().slice(0, answerLimit);
    return { capability, status, progress, why: reason, answeredBy, answerCount: counts.get(capability.id) ?? 0 };
  });
}

/** "Acme Clinic handles health data (UC-records): can its data be restored from a backup, and has a restore been tried?" */
export function baselineSentence(product: string, state: Pick<CapabilityState, 'capability' | 'why'>): string {
  const why = state.why;
  const subject = !why ? product : why.always ? `${product}, ${why.text}` : `${product} ${why.text}`;
  return `${subject}: ${state.capability.question}`;
}
