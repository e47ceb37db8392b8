import { BUILT_IN_CAPABILITIES, CAPABILITY_ID } from './baseline';
import { BUILT_IN_TEMPLATES } from './catalog';
import { CONFIG_FILE, DATA_CLASS, DATA_CLASS_NAME, TEAM_CAPABILITY } from './config';
import { BUILT_IN_DATA_CLASSES } from './dataClasses';
import { ID_PATTERN, Shape } from './format';
import { IdKind, ReferenceKey, referenceKey } from './keys';
import type { AbuseCase, FileModel, Located } from './model';
import { OffsetRange } from './text';
import { isScalar } from 'yaml';
import { LocatedObject, nodeRange, scalarText, YamlTree } from './yamlTree';

/** An id written in a file: where it is defined, or a reference to it. */
export interface Occurrence {
  kind: IdKind;
  id: string;
  /** The scalar as written, quotes included: what a rename replaces. */
  range: OffsetRange;
  role: 'definition' | 'reference';
}

/** What occurrences are read from: a parsed file (structurally, so that this module needs no workspace). */
export interface OccurrenceSource {
  readonly uri: string;
  readonly model: FileModel;
  readonly rootShape: Shape;
  readonly tree: YamlTree;
}

const LETTER_FIRST = 'a letter, then letters, digits, `_`, `.` or `-`';
const LOWER_CASE = 'a lower-case letter, then lower-case letters, digits or `-`';

/** What each kind is called in messages, what a valid id of it looks like (and says so), and which are built in. */
export const ID_KINDS: Readonly<
  Record<IdKind, { noun: string; pattern: RegExp; shape: string; builtIn: (id: string) => boolean }>
> = {
  item: {
    noun: 'backlog item, use case or abuse case',
    pattern: ID_PATTERN,
    shape: LETTER_FIRST,
    builtIn: () => false,
  },
  template: {
    noun: 'template',
    pattern: ID_PATTERN,
    shape: LETTER_FIRST,
    builtIn: (id) => BUILT_IN_TEMPLATE_IDS.has(id),
  },
  vendor: { noun: 'vendor', pattern: ID_PATTERN, shape: LETTER_FIRST, builtIn: () => false },
  feedback: { noun: 'feedback', pattern: ID_PATTERN, shape: LETTER_FIRST, builtIn: () => false },
  'data-class': {
    noun: 'data class',
    pattern: DATA_CLASS_NAME,
    shape: LOWER_CASE,
    builtIn: (id) => BUILT_IN_DATA_CLASS_NAMES.has(id),
  },
  capability: {
    noun: 'capability',
    pattern: CAPABILITY_ID,
    shape: LOWER_CASE,
    builtIn: (id) => BUILT_IN_CAPABILITY_IDS.has(id),
  },
  // A release is named only where items ship in it: written like a version or a name, never with spaces or commas.
  release: {
    noun: 'release',
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/,
    shape: 'letters, digits and `.`, `_`, `+` or `-`, without spaces',
    builtIn: () => false,
  },
};

const BUILT_IN_TEMPLATE_IDS = new Set(BUILT_IN_TEMPLATES.map((template) => template.id));
const BUILT_IN_DATA_CLASS_NAMES = new Set(BUILT_IN_DATA_CLASSES.map((dataClass) => dataClass.name));
const BUILT_IN_CAPABILITY_IDS = new Set(BUILT_IN_CAPABILITIES.map((capability) => capability.id));

const cache = new WeakMap<OccurrenceSource, readonly Occurrence[]>();

/**
 * Every id a file writes, in document order. Read off the model, which every file keeps (a closed file's tree is let
 * go), except in the configuration, whose few data classes, capabilities and current release are read off its tree.
 */
export function occurrencesOf(file: OccurrenceSource): readonly Occurrence[] {
  let occurrences = cache.get(file);
  if (!occurrences) cache.set(file, (occurrences = collect(file)));
  return occurrences;
}

/** The occurrence under the cursor: the offset inside the scalar or just after it, as a word is. */
export function occurrenceAt(file: OccurrenceSource, offset: number): Occurrence | undefined {
  const occurrences = occurrencesOf(file);
  let low = 0;
  let high = occurrences.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const { range } = occurrences[middle];
    if (range.end < offset) low = middle + 1;
    else if (range.start > offset) high = middle - 1;
    else return occurrences[middle];
  }
  return undefined;
}

function collect(file: OccurrenceSource): Occurrence[] {
  const occurrences: Occurrence[] = [];
  const seen = new Set<number>();
  const add = (kind: IdKind, role: Occurrence['role'], located: Located<string> | undefined) => {
    // An aliased entry is one node under several owners: one occurrence.
    if (!located || seen.has(located.range.start)) return;
    seen.add(located.range.start);
    occurrences.push({ kind, id: located.value, range: located.range, role });
  };
  const { model } = file;
  for (const item of model.backlog) {
    add('item', 'definition', item.id);
    add('item', 'reference', item.parent);
    for (const answer of item.answers) add('capability', 'reference', answer);
    add('release', 'reference', item.release);
    const ref = item.source?.ref;
    // Security work names the abuse case or the baseline question it serves; other work, the feedback it came from.
    if (item.source?.kind?.value === 'security')
      add(BUILT_IN_CAPABILITY_IDS.has(ref?.value ?? '') ? 'capability' : 'item', 'reference', ref);
    else add('feedback', 'reference', ref);
  }
  const abuseCases = new Set<AbuseCase>();
  for (const useCase of model.useCases) {
    add('item', 'definition', useCase.id);
    for (const ref of useCase.backlog) add('item', 'reference', ref);
    for (const ref of useCase.data) add('data-class', 'reference', ref);
    for (const ref of useCase.vendors) add('vendor', 'reference', ref);
    for (const abuseCase of useCase.abuseCases) {
      if (abuseCases.has(abuseCase)) continue;
      abuseCases.add(abuseCase);
      add('item', 'definition', abuseCase.id);
      add('template', 'reference', abuseCase.template);
      for (const mitigation of abuseCase.mitigations) {
        for (const ref of mitigation.backlog) add('item', 'reference', ref);
        for (const answer of mitigation.answers) add('capability', 'reference', answer);
      }
    }
  }
  for (const template of model.templates) {
    add('template', 'definition', template.id);
    for (const ref of template.data) add('data-class', 'reference', ref);
    add('capability', 'reference', template.family);
  }
  for (const vendor of model.vendors) {
    add('vendor', 'definition', vendor.id);
    for (const ref of vendor.receives) add('data-class', 'reference', ref);
  }
  for (const entry of model.feedback) add('feedback', 'definition', entry.id);
  for (const capability of model.turnedOff) add('capability', 'reference', capability);
  if (file.rootShape === CONFIG_FILE)
    for (const [kind, role, located] of configOccurrences(file.tree)) add(kind, role, located);
  return occurrences.sort((a, b) => a.range.start - b.range.start);
}

/** The configuration's own definitions (data classes, team capabilities) and its current release, off its tree. */
function* configOccurrences(tree: YamlTree): Generator<[IdKind, Occurrence['role'], Located<string> | undefined]> {
  const scalar = (object: LocatedObject, key: string): Located<string> | undefined => {
    const node = object.pairs.get(key)?.value;
    const range = nodeRange(node);
    return range && isScalar(node) ? { value: scalarText(node), range } : undefined;
  };
  for (const object of tree.objects) {
    if (object.shape === DATA_CLASS) yield ['data-class', 'definition', scalar(object, 'name')];
    else if (object.shape === TEAM_CAPABILITY) yield ['capability', 'definition', scalar(object, 'id')];
    else if (object.shape === CONFIG_FILE) yield ['release', 'reference', scalar(object, 'current-release')];
  }
}

/**
 * Which files write which ids, for references and rename across the workspace. Built on the first question, then
 * brought up to date on the next one from the files that changed meanwhile: an edit costs nothing here.
 */
export class OccurrenceIndex {
  private readonly urisByKey = new Map<ReferenceKey, Set<string>>();
  private readonly keysByUri = new Map<string, ReferenceKey[]>();
  private readonly changed = new Set<string>();
  private built = false;

  constructor(
    private readonly fileOf: (uri: string) => OccurrenceSource | undefined,
    private readonly uris: () => Iterable<string>,
  ) {}

  /** A file was parsed again, or removed. */
  fileChanged(uri: string): void {
    if (this.built) this.changed.add(uri);
  }

  /** The files that write an id of a kind, in no particular order. */
  filesWith(kind: IdKind, id: string): string[] {
    this.refresh();
    return [...(this.urisByKey.get(referenceKey(kind, id)) ?? [])];
  }

  private refresh(): void {
    if (!this.built) {
      this.built = true;
      for (const uri of this.uris()) this.file(uri);
      return;
    }
    for (const uri of this.changed) {
      for (const key of this.keysByUri.get(uri) ?? []) {
        const uris = this.urisByKey.get(key)!;
        uris.delete(uri);
        if (uris.size === 0) this.urisByKey.delete(key);
      }
      this.keysByUri.delete(uri);
      this.file(uri);
    }
    this.changed.clear();
  }

  private file(uri: string): void {
    const file = this.fileOf(uri);
    if (!file) return;
    const keys = [...new Set(occurrencesOf(file).map((occurrence) => referenceKey(occurrence.kind, occurrence.id)))];
    this.keysByUri.set(uri, keys);
    for (const key of keys) {
      let uris = this.urisByKey.get(key);
      if (!uris) this.urisByKey.set(key, (uris = new Set()));
      uris.add(uri);
    }
  }
}
