import { isMap, isScalar, isSeq, Node, YAMLMap } from 'yaml';
import {
  BACKLOG_STATUSES,
  BacklogStatus,
  Dimension,
  DIMENSIONS,
  IMPACTS,
  INTENTS,
  Level,
  LEVELS,
  LAWFUL_BASES,
  LawfulBasis,
  LIKELIHOODS,
  MITIGATION_STATUSES,
  SPECIAL_CATEGORY_CONDITIONS,
  MitigationStatus,
  RETENTION_PATTERN,
  SOURCE_KINDS,
  SourceKind,
  STRIDE,
} from './format';
import type { Template } from './catalog';
import { isValidDate, isValidDuration, Recurrence, RECURRENCES } from './dates';
import { containsOffset, OffsetRange } from './text';

// The date helpers live in dates.ts; these are kept here for the modules that read them with the model.
export { isValidDate, monthsAfter } from './dates';
import { isEmptyValue, LocatedObject, nodeRange, scalarText, YamlTree } from './yamlTree';

/** A value with the range of the YAML node it came from. */
export interface Located<T> {
  value: T;
  range: OffsetRange;
}

export interface BacklogItem {
  /** Where findings about the whole object point: its id (or title) value, else its first key. */
  anchor: OffsetRange;
  id?: Located<string>;
  title?: string;
  type: string;
  status: BacklogStatus;
  /** Present when the status is written down (absent means the default, todo). */
  statusRange?: OffsetRange;
  sprint?: string;
  /** The `sprint:` value node, for findings about the sprint. */
  sprintRange?: OffsetRange;
  points?: number;
  security: boolean;
  parent?: Located<string>;
  /** The security-baseline capabilities it says it answers. */
  answers: Located<string>[];
  /** How often the work comes round, and when it was last done (as written: evidence.ts reads only a valid date). */
  recurs?: Located<Recurrence>;
  lastDone?: Located<string>;
  /** Why it exists: where it came from and what. */
  source?: Source;
  /** The release it ships in. */
  release?: Located<string>;
  range: OffsetRange;
}

export interface Source {
  /** Only a known kind; an unknown one is an invalid-value. */
  kind?: Located<SourceKind>;
  ref?: Located<string>;
  range: OffsetRange;
}

/** Something users asked for, kept in the workspace so that backlog items can trace to it. */
export interface Feedback {
  /** Where findings about the whole object point: its id value, else its first key. */
  anchor: OffsetRange;
  id?: Located<string>;
  summary?: string;
  from?: string;
  date?: Located<string>;
  range: OffsetRange;
}

export interface Acceptance {
  /** Where findings about the whole object point: its id (or title) value, else its first key. */
  anchor: OffsetRange;
  by?: string;
  reason?: string;
  /** Only a well-formed date; a malformed one is an invalid-value, not an expiry. */
  until?: Located<string>;
  range: OffsetRange;
}

export interface Mitigation {
  /** Where findings about the whole object point: its id (or title) value, else its first key. */
  anchor: OffsetRange;
  title?: Located<string>;
  backlog: Located<string>[];
  status: MitigationStatus;
  controls: string[];
  /** The security-baseline capabilities it says it answers. */
  answers: Located<string>[];
  /** When it was last verified, and how often it must be again: valid values only (a malformed one is an invalid-value). */
  verifiedOn?: Located<string>;
  reverifyEvery?: Located<string>;
  range: OffsetRange;
}

export interface AbuseCase {
  /** Where findings about the whole object point: its id (or title) value, else its first key. */
  anchor: OffsetRange;
  id?: Located<string>;
  title?: string;
  actor?: string;
  intent: string;
  threatens: Located<Dimension>[];
  template?: Located<string>;
  likelihood?: string;
  impact?: string;
  /** The keys written in the file, valid or not, to tell "absent" from "misspelt". */
  writtenKeys: readonly string[];
  mitigations: Mitigation[];
  accepted?: Acceptance;
  range: OffsetRange;
}

export interface UseCase {
  /** Where findings about the whole object point: its id (or title) value, else its first key. */
  anchor: OffsetRange;
  id?: Located<string>;
  title?: string;
  actor?: string;
  description?: string;
  steps: string[];
  backlog: Located<string>[];
  data: Located<string>[];
  /** The dimensions the author set explicitly under `cia:`. */
  cia: Partial<Record<Dimension, Located<Level>>>;
  abuseCases: AbuseCase[];
  /** The `abuse_cases` key, when present, so that an empty list can be pointed at. */
  abuseCasesKey?: OffsetRange;
  /** The vendors it hands data to. */
  vendors: Located<string>[];
  /** What it says of the personal data it processes: valid values only (a malformed one is an invalid-value). */
  lawfulBasis?: Located<LawfulBasis>;
  retention?: Located<string>;
  specialCategoryCondition?: Located<string>;
  range: OffsetRange;
}

export interface VendorReview {
  anchor: OffsetRange;
  by?: string;
  /** Only well-formed dates: a malformed one is an invalid-value, and the review then holds nothing. */
  on?: Located<string>;
  until?: Located<string>;
  evidence: Located<string>[];
  range: OffsetRange;
}

/** A third-party platform or service the product hands data to. */
export interface Vendor {
  /** Where findings about the whole object point: its id (or name) value, else its first key. */
  anchor: OffsetRange;
  id?: Located<string>;
  name?: string;
  purpose?: string;
  receives: Located<string>[];
  review?: VendorReview;
  range: OffsetRange;
}

/** A template written in a team catalog file, with where its id is. */
export interface TemplateDefinition {
  id?: Located<string>;
  anchor: OffsetRange;
  /** Its title, even while the template is too incomplete to use (for the outline). */
  title?: string;
  template?: Template;
  /** The data classes it names, for unknown-data-class. */
  data: Located<string>[];
  /** Its `family:`, for unknown-capability. */
  family?: Located<string>;
  range: OffsetRange;
}

export interface FileModel {
  product?: Located<string>;
  /** The first top-level key: where findings about the whole file go when it has no `product:` line. */
  firstKey?: OffsetRange;
  /** The capabilities a configuration's `baseline.turned-off` names (use-case files name theirs in `answers:`). */
  turnedOff: Located<string>[];
  backlog: BacklogItem[];
  useCases: UseCase[];
  templates: TemplateDefinition[];
  vendors: Vendor[];
  feedback: Feedback[];
}

/** Reads the typed model from the schema-walked tree, skipping whatever is ill-typed (rules report that). */
export function buildModel(tree: YamlTree): FileModel {
  const file = tree.objects[0];
  if (!file || file.node !== tree.root) return { ...emptyLists(), turnedOff: [] };
  const reader = new ModelReader(tree);
  return {
    ...topLevelOf(reader, file),
    turnedOff: reader
      .children(reader.child(file, 'baseline'), 'turned-off')
      .flatMap((entry) => reader.text(entry, 'capability') ?? []),
    backlog: reader.children(file, 'backlog').map((item) => reader.backlogItem(item)),
    useCases: reader.children(file, 'use_cases').map((item) => reader.useCase(item)),
    templates: reader.children(file, 'templates').map((item) => reader.template(item)),
    vendors: reader.children(file, 'vendors').map((item) => reader.vendor(item)),
    feedback: reader.children(file, 'feedback').map((item) => reader.feedback(item)),
  };
}

/**
 * The use case whose item holds `offset`, as `buildModel` reads it, without reading the rest of the file: completion
 * asks for the one at the cursor, and in a large file reading every entry was a third of a catalog completion's time.
 */
export function useCaseAt(tree: YamlTree, offset: number): UseCase | undefined {
  const file = tree.objects[0];
  if (!file || file.node !== tree.root) return undefined;
  // An aliased node is read wherever it is named: only the whole reading knows which objects a use case reaches.
  if (tree.sharesNodes) return buildModel(tree).useCases.find((useCase) => containsOffset(useCase.range, offset));
  const list = file.pairs.get('use_cases')?.value;
  if (!isSeq(list)) return undefined;
  const item = (list.items as Node[]).find((node) => isMap(node) && containsOffset(rangeOf(node), offset));
  const first = item ? tree.objects.findIndex((object) => object.node === item) : -1;
  if (first < 0) return undefined;
  // Without aliases, the objects inside an item follow it in the list of objects, and end where the item ends.
  const end = rangeOf(item!).end;
  let after = first + 1;
  while (after < tree.objects.length && rangeOf(tree.objects[after].node).start < end) after++;
  const objects = tree.objects.slice(first, after);
  return new ModelReader({ objects } as YamlTree).useCase(objects[0]);
}

/** What a file says outside its lists, read again after every edit (it is a few nodes). */
function topLevelOf(reader: ModelReader, file: LocatedObject): Pick<FileModel, 'product' | 'firstKey'> {
  const first = file.node.items[0]?.key as Node | undefined;
  return { product: reader.text(file, 'product'), firstKey: first ? nodeRange(first) : undefined };
}

/** The lines an incremental parse read again (see incrementalParse.ts): [start, oldEnd) of the old text. */
export interface ReplacedLines {
  start: number;
  oldEnd: number;
  /** How much longer the new lines are. */
  delta: number;
  /** The located objects of the new lines. */
  objects: readonly LocatedObject[];
}

/**
 * The model of a tree parsed again in part, from the model of the tree before: the entries of the
 * replaced lines read again, those before them kept, and those after them kept with their offsets
 * moved in place (the previous model is consumed, like the tree it was read from: the workspace's
 * indexes hold these very objects). It equals `buildModel` of the whole new tree
 * (test/engine/incremental.test.ts checks it after every random edit) at the cost of the edited
 * items and the offsets after them, not of reading the file.
 */
export function modelAfterEdit(
  previous: FileModel,
  tree: YamlTree,
  replaced: ReplacedLines,
): { model: FileModel; change?: ModelChange } {
  const file = tree.objects[0];
  // A configuration's baseline is read whole: configurations are small, and its entries are not top-level lists.
  if (!file || file.node !== tree.root || file.pairs.has('baseline')) return { model: buildModel(tree) };
  const reader = new ModelReader({ objects: replaced.objects } as YamlTree);
  /** The replaced lines' entries of one top-level list: objects of the shape its items have. */
  const added = <T>(key: string, read: (object: LocatedObject) => T): T[] => {
    const type = file.shape.fields[key]?.type;
    const shape = type?.kind === 'list' && type.of.kind === 'object' ? type.of.shape : undefined;
    return replaced.objects.filter((object) => object.shape === shape).map(read);
  };
  const change: ModelChange = { removed: emptyLists(), added: emptyLists() };
  change.added.backlog = added('backlog', (object) => reader.backlogItem(object));
  change.added.useCases = added('use_cases', (object) => reader.useCase(object));
  change.added.templates = added('templates', (object) => reader.template(object));
  change.added.vendors = added('vendors', (object) => reader.vendor(object));
  change.added.feedback = added('feedback', (object) => reader.feedback(object));
  const model: FileModel = {
    ...previous,
    ...topLevelOf(reader, file),
    backlog: spliced(previous.backlog, change.added.backlog, replaced, change.removed.backlog),
    useCases: spliced(previous.useCases, change.added.useCases, replaced, change.removed.useCases),
    templates: spliced(previous.templates, change.added.templates, replaced, change.removed.templates),
    vendors: spliced(previous.vendors, change.added.vendors, replaced, change.removed.vendors),
    feedback: spliced(previous.feedback, change.added.feedback, replaced, change.removed.feedback),
  };
  return { model, change };
}

/** The top-level entries of a model. */
export type ModelLists = Pick<FileModel, 'backlog' | 'useCases' | 'templates' | 'vendors' | 'feedback'>;

/** What an edit changed in a model: the entries it removed and those it added; every other entry is the same object. */
export interface ModelChange {
  removed: ModelLists;
  added: ModelLists;
}

function emptyLists(): ModelLists {
  return { backlog: [], useCases: [], templates: [], vendors: [], feedback: [] };
}

/** A list of model entries in document order with the replaced ones swapped for `added`, and those after moved. */
function spliced<T extends { range: OffsetRange }>(
  entries: readonly T[],
  added: T[],
  replaced: ReplacedLines,
  removed: T[],
): T[] {
  const { start, oldEnd, delta } = replaced;
  let first = 0;
  while (first < entries.length && entries[first].range.start < start) first++;
  let after = first;
  while (after < entries.length && entries[after].range.start < oldEnd) after++;
  removed.push(...entries.slice(first, after));
  if (delta !== 0) for (let index = after; index < entries.length; index++) moveInPlace(entries[index], delta);
  if (after === first && added.length === 0) return entries as T[];
  return [...entries.slice(0, first), ...added, ...entries.slice(after)];
}

/**
 * Moves every offset range inside a model entry by `delta`. Each range object of the model belongs to
 * one field only (an `anchor` is a copy of the id's range), so none is moved twice. The ranges of an entry are
 * gathered the first time an edit moves it, and moved in one loop by the next edits above it: an entry is never
 * changed but for its offsets (an edit reads the entries it touches anew).
 */
function moveInPlace(entry: object, delta: number): void {
  let ranges = RANGES_IN.get(entry);
  if (!ranges) RANGES_IN.set(entry, (ranges = rangesIn(entry, [])));
  for (let index = 0; index < ranges.length; index++) {
    const range = ranges[index];
    range.start += delta;
    range.end += delta;
  }
}

const RANGES_IN = new WeakMap<object, OffsetRange[]>();

/** The offset ranges inside a value: a range is the only object of the model with a numeric `start` and `end`. */
function rangesIn(value: unknown, ranges: OffsetRange[]): OffsetRange[] {
  if (Array.isArray(value)) {
    // An index loop: an iterator per array would be most of what gathering allocates.
    for (let index = 0; index < value.length; index++) rangesIn(value[index], ranges);
    return ranges;
  }
  if (value === null || typeof value !== 'object') return ranges;
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number') ranges.push(record as unknown as OffsetRange);
  else for (const key in record) rangesIn(record[key], ranges);
  return ranges;
}

/** Reads typed values out of the objects of a tree; anything ill-typed reads as absent. */
export class ModelReader {
  private readonly byNode: Map<YAMLMap, LocatedObject>;
  /** An aliased abuse case or mitigation is one object wherever it is named (see ObjectCollector). */
  private readonly abuseCases = new Map<LocatedObject, AbuseCase>();
  private readonly mitigations = new Map<LocatedObject, Mitigation>();

  constructor(tree: YamlTree) {
    this.byNode = new Map(tree.objects.map((object) => [object.node, object]));
  }

  backlogItem(object: LocatedObject): BacklogItem {
    const status = this.oneOf(object, 'status', BACKLOG_STATUSES);
    const points = this.scalar(object, 'points');
    const sprint = this.text(object, 'sprint');
    const security = this.scalar(object, 'security');
    const id = this.text(object, 'id');
    const source = this.child(object, 'source');
    return {
      id,
      title: this.text(object, 'title')?.value,
      type: this.text(object, 'type')?.value ?? 'story',
      status: status?.value ?? 'todo',
      statusRange: status?.range,
      sprint: sprint?.value,
      sprintRange: sprint?.range,
      // Only a valid estimate counts: `.inf` or `.nan` would make every sum say Infinity or NaN.
      points: typeof points?.value === 'number' && isAllowedNumber(points.value, 0) ? points.value : undefined,
      security: security?.value === true,
      parent: this.text(object, 'parent'),
      answers: this.list(object, 'answers'),
      recurs: this.oneOf(object, 'recurs', RECURRENCES),
      lastDone: this.text(object, 'last_done'),
      source: source && {
        kind: this.oneOf(source, 'kind', Object.keys(SOURCE_KINDS) as SourceKind[]),
        ref: this.text(source, 'ref'),
        range: rangeOf(source.node),
      },
      release: this.text(object, 'release'),
      range: rangeOf(object.node),
      anchor: id ? { ...id.range } : anchorOf(object),
    };
  }

  feedback(object: LocatedObject): Feedback {
    const id = this.text(object, 'id');
    return {
      id,
      summary: this.text(object, 'summary')?.value,
      from: this.text(object, 'from')?.value,
      date: this.date(object, 'date'),
      range: rangeOf(object.node),
      anchor: id ? { ...id.range } : anchorOf(object),
    };
  }

  useCase(object: LocatedObject): UseCase {
    const cia: UseCase['cia'] = {};
    const ciaObject = this.child(object, 'cia');
    if (ciaObject) {
      for (const dimension of DIMENSIONS) {
        const level = this.oneOf(ciaObject, dimension, LEVELS);
        if (level) cia[dimension] = level;
      }
    }
    const abuseCasesPair = object.pairs.get('abuse_cases');
    const id = this.text(object, 'id');
    return {
      id,
      title: this.text(object, 'title')?.value,
      actor: this.text(object, 'actor')?.value,
      description: this.text(object, 'description')?.value,
      steps: this.list(object, 'steps').map((step) => step.value),
      backlog: this.list(object, 'backlog'),
      data: this.list(object, 'data'),
      cia,
      abuseCases: this.children(object, 'abuse_cases').map((item) => this.sharedAbuseCase(item)),
      abuseCasesKey: abuseCasesPair ? nodeRange(abuseCasesPair.key) : undefined,
      vendors: this.list(object, 'vendors'),
      lawfulBasis: this.oneOf(object, 'lawful_basis', Object.keys(LAWFUL_BASES) as LawfulBasis[]),
      retention: ((text) => (text && RETENTION_PATTERN.test(text.value) ? text : undefined))(
        this.text(object, 'retention'),
      ),
      specialCategoryCondition: this.oneOf(
        object,
        'special_category_condition',
        Object.keys(SPECIAL_CATEGORY_CONDITIONS),
      ),
      range: rangeOf(object.node),
      anchor: id ? { ...id.range } : anchorOf(object),
    };
  }

  private sharedAbuseCase(object: LocatedObject): AbuseCase {
    let abuseCase = this.abuseCases.get(object);
    if (!abuseCase) this.abuseCases.set(object, (abuseCase = this.abuseCase(object)));
    return abuseCase;
  }

  private sharedMitigation(object: LocatedObject): Mitigation {
    let mitigation = this.mitigations.get(object);
    if (!mitigation) this.mitigations.set(object, (mitigation = this.mitigation(object)));
    return mitigation;
  }

  abuseCase(object: LocatedObject): AbuseCase {
    const threatens = onlyThe(this.list(object, 'threatens'), (item): item is Located<Dimension> =>
      (DIMENSIONS as readonly string[]).includes(item.value),
    );
    const accepted = this.child(object, 'accepted');
    const id = this.text(object, 'id');
    return {
      id,
      title: this.text(object, 'title')?.value,
      actor: this.text(object, 'actor')?.value,
      intent: this.oneOf(object, 'intent', INTENTS)?.value ?? 'malicious',
      threatens,
      template: this.text(object, 'template'),
      likelihood: this.oneOf(object, 'likelihood', LIKELIHOODS)?.value,
      impact: this.oneOf(object, 'impact', IMPACTS)?.value,
      writtenKeys: sharedKeyList(object),
      mitigations: this.children(object, 'mitigations').map((item) => this.sharedMitigation(item)),
      accepted: accepted ? this.acceptance(accepted) : undefined,
      range: rangeOf(object.node),
      anchor: id ? { ...id.range } : anchorOf(object),
    };
  }

  mitigation(object: LocatedObject): Mitigation {
    const title = this.text(object, 'title');
    return {
      title,
      backlog: this.list(object, 'backlog'),
      status: this.oneOf(object, 'status', MITIGATION_STATUSES)?.value ?? 'proposed',
      controls: valuesOf(this.list(object, 'controls')),
      answers: this.list(object, 'answers'),
      verifiedOn: this.date(object, 'verified_on'),
      reverifyEvery: ((text) => (text && isValidDuration(text.value) ? text : undefined))(
        this.text(object, 'reverify_every'),
      ),
      range: rangeOf(object.node),
      anchor: anchorOf(object),
    };
  }

  vendor(object: LocatedObject): Vendor {
    const id = this.text(object, 'id');
    const name = this.text(object, 'name');
    const review = this.child(object, 'review');
    return {
      id,
      name: name?.value,
      purpose: this.text(object, 'purpose')?.value,
      receives: this.list(object, 'receives'),
      review: review && {
        by: this.text(review, 'by')?.value,
        on: this.date(review, 'on'),
        until: this.date(review, 'until'),
        evidence: this.list(review, 'evidence'),
        range: rangeOf(review.node),
        anchor: anchorOf(review),
      },
      range: rangeOf(object.node),
      anchor: id ? { ...id.range } : name ? { ...name.range } : anchorOf(object),
    };
  }

  acceptance(object: LocatedObject): Acceptance {
    return {
      by: this.text(object, 'by')?.value,
      reason: this.text(object, 'reason')?.value,
      until: this.date(object, 'until'),
      range: rangeOf(object.node),
      anchor: anchorOf(object),
    };
  }

  /** A team template; it joins the catalog only when complete enough to insert (id, title, threatens). */
  template(object: LocatedObject): TemplateDefinition {
    const id = this.text(object, 'id');
    const title = this.text(object, 'title')?.value;
    const threatens = this.list(object, 'threatens')
      .map((item) => item.value)
      .filter((value): value is Dimension => (DIMENSIONS as readonly string[]).includes(value));
    const data = this.list(object, 'data');
    const family = this.text(object, 'family');
    const template: Template | undefined =
      id && title && threatens.length
        ? {
            id: id.value,
            title,
            description: this.text(object, 'description')?.value ?? '',
            intent: this.oneOf(object, 'intent', INTENTS)?.value ?? 'malicious',
            actor: this.text(object, 'actor')?.value ?? 'Attacker',
            threatens,
            stride: this.oneOf(object, 'stride', STRIDE)?.value,
            capec: this.list(object, 'capec').map((item) => item.value),
            cwe: this.list(object, 'cwe').map((item) => item.value),
            data: data.map((item) => item.value),
            family: family?.value,
            keywords: this.list(object, 'keywords').map((item) => item.value.toLowerCase()),
            likelihood: this.oneOf(object, 'likelihood', LIKELIHOODS)?.value,
            impact: this.oneOf(object, 'impact', IMPACTS)?.value,
            mitigations: this.children(object, 'mitigations').flatMap((mitigation) => {
              const mitigationTitle = this.text(mitigation, 'title')?.value;
              return mitigationTitle
                ? [{ title: mitigationTitle, controls: this.list(mitigation, 'controls').map((item) => item.value) }]
                : [];
            }),
          }
        : undefined;
    return { id, anchor: anchorOf(object), title, template, data, family, range: rangeOf(object.node) };
  }

  scalar(object: LocatedObject, key: string): Located<unknown> | undefined {
    const value = object.pairs.get(key)?.value;
    if (!isScalar(value) || isEmptyValue(value)) return undefined;
    return { value: value.value, range: rangeOf(value) };
  }

  text(object: LocatedObject, key: string): Located<string> | undefined {
    const value = object.pairs.get(key)?.value;
    if (!isScalar(value) || isEmptyValue(value)) return undefined;
    return { value: scalarText(value), range: rangeOf(value) };
  }

  /** A well-formed calendar day; a malformed one reads as absent (invalid-value reports it). */
  date(object: LocatedObject, key: string): Located<string> | undefined {
    const text = this.text(object, key);
    return text && isValidDate(text.value) ? text : undefined;
  }

  oneOf<T extends string>(object: LocatedObject, key: string, values: readonly T[]): Located<T> | undefined {
    const text = this.text(object, key);
    return text && (values as readonly string[]).includes(text.value) ? (text as Located<T>) : undefined;
  }

  list(object: LocatedObject, key: string): Located<string>[] {
    const value = object.pairs.get(key)?.value;
    if (!isSeq(value)) return NO_ITEMS;
    const items = (value.items as Node[])
      .filter((item) => isScalar(item) && !isEmptyValue(item))
      .map((item) => ({ value: scalarText(item as never), range: rangeOf(item) }));
    return items.length > 0 ? items : NO_ITEMS;
  }

  child(object: LocatedObject | undefined, key: string): LocatedObject | undefined {
    const value = object?.pairs.get(key)?.value;
    return isMap(value) ? this.byNode.get(value) : undefined;
  }

  /** The objects of a list field; an item aliased twice in the same list is read once. */
  children(object: LocatedObject | undefined, key: string): LocatedObject[] {
    const value = object?.pairs.get(key)?.value;
    if (!isSeq(value)) return [];
    const children = new Set<LocatedObject>();
    for (const item of value.items as Node[]) {
      const located = isMap(item) ? this.byNode.get(item) : undefined;
      if (located) children.add(located);
    }
    return [...children];
  }
}

/**
 * The one empty list every absent or empty list field holds (`answers`, `controls`, `vendors`...): most mitigations
 * have no `answers:`, and a large workspace would hold a hundred thousand empty arrays. Frozen: a model is read, not
 * changed.
 */
const NO_ITEMS: Located<string>[] = Object.freeze([]) as unknown as Located<string>[];
const NO_VALUES: string[] = Object.freeze([]) as unknown as string[];

/** The values of a list field (its one empty list when empty). */
function valuesOf(items: readonly Located<string>[]): string[] {
  return items.length > 0 ? items.map((item) => item.value) : NO_VALUES;
}

/** The items that pass: the list itself when all do (most lists), so that no copy is kept. */
function onlyThe<T extends Located<string>>(
  items: Located<string>[],
  passes: (item: Located<string>) => item is T,
): T[] {
  if (items.every(passes)) return items as T[];
  const passing = items.filter(passes);
  return passing.length > 0 ? passing : (NO_ITEMS as T[]);
}

/**
 * The keys an object writes, in order: almost every abuse case writes the same few in the same order, so each such
 * list is kept once (frozen) and shared. Only lists of the shape's own fields are kept (a bounded number): keys
 * half typed, or unknown, make a list of their own.
 */
const KEY_LISTS = new Map<string, readonly string[]>();
const KEY_LISTS_KEPT = 512;
function sharedKeyList(object: LocatedObject): readonly string[] {
  const keys = [...object.pairs.keys()];
  if (!keys.every((key) => Object.prototype.hasOwnProperty.call(object.shape.fields, key))) return keys;
  const signature = keys.join('\n');
  let shared = KEY_LISTS.get(signature);
  if (!shared && KEY_LISTS.size < KEY_LISTS_KEPT) KEY_LISTS.set(signature, (shared = Object.freeze(keys)));
  return shared ?? keys;
}

function anchorOf(object: LocatedObject): OffsetRange {
  for (const key of ['id', 'title']) {
    const value = object.pairs.get(key)?.value;
    if (isScalar(value) && !isEmptyValue(value)) return rangeOf(value);
  }
  const first = object.node.items[0]?.key as Node | undefined;
  return (first && nodeRange(first)) ?? rangeOf(object.node);
}

function rangeOf(node: Node): OffsetRange {
  return nodeRange(node) ?? { start: 0, end: 0 };
}

/** A number a field may hold: finite, and within its bounds. */
export function isAllowedNumber(value: number, min: number, max = Infinity): boolean {
  return Number.isFinite(value) && value >= min && value <= max;
}
