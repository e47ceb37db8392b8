import { BUILT_IN_CAPABILITIES, CAPABILITY_ID } from './baseline';
import { BUILT_IN_TEMPLATES } from './catalog';
import { CONFIG_FILE, DATA_CLASS, DATA_CLASS_NAME, TEAM_CAPABILITY } from './config';
import { BUILT_IN_DATA_CLASSES } from './dataClasses';
import { ID_PATTERN, Shape } from './format';
import { IdKind } from './keys';
import type { AbuseCase, FileModel, Located } from './model';
import type { Namespace } from './rule';
import { OffsetRange } from './text';
import { isScalar } from 'yaml';
import { LocatedObject, nodeRange, scalarText, YamlTree } from './yamlTree';

/** An id written in a file: where it is defined, or a reference to it. */
export interface Occurrence {
  uri: string;
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
  Record<
    IdKind,
    {
      noun: string;
      pattern: RegExp;
      shape: string;
      builtIn: (id: string) => boolean;
      /** Where the workspace indexes its definitions; the others are defined in the configuration, or nowhere. */
      namespace?: Namespace;
    }
  >
> = {
  item: {
    noun: 'backlog item, use case or abuse case',
    pattern: ID_PATTERN,
    shape: LETTER_FIRST,
    builtIn: () => false,
    namespace: 'ids',
  },
  template: {
    noun: 'template',
    pattern: ID_PATTERN,
    shape: LETTER_FIRST,
    builtIn: (id) => BUILT_IN_TEMPLATE_IDS.has(id),
    namespace: 'templates',
  },
  vendor: { noun: 'vendor', pattern: ID_PATTERN, shape: LETTER_FIRST, builtIn: () => false, namespace: 'vendors' },
  feedback: {
    noun: 'feedback',
    pattern: ID_PATTERN,
    shape: LETTER_FIRST,
    builtIn: () => false,
    namespace: 'feedback',
  },
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
  const found = occurrences[firstEndingFrom(occurrences, offset)];
  return found && found.range.start <= offset ? found : undefined;
}

/** The occurrences that overlap a range of the file (or touch its start), in document order. */
export function occurrencesIn(file: OccurrenceSource, range: OffsetRange): readonly Occurrence[] {
  const occurrences = occurrencesOf(file);
  const first = firstEndingFrom(occurrences, range.start);
  let last = first;
  while (last < occurrences.length && occurrences[last].range.start < range.end) last++;
  return occurrences.slice(first, last);
}

/** The index of the first occurrence ending at or after `offset` (they are sorted and never overlap). */
function firstEndingFrom(occurrences: readonly Occurrence[], offset: number): number {
  let low = 0;
  let high = occurrences.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (occurrences[middle].range.end < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function collect(file: OccurrenceSource): Occurrence[] {
  const occurrences: Occurrence[] = [];
  const seen = new Set<number>();
  const add = (kind: IdKind, role: Occurrence['role'], located: Located<string> | undefined) => {
    // An aliased entry is one node under several owners: one occurrence.
    if (!located || seen.has(located.range.start)) return;
    seen.add(located.range.start);
    occurrences.push({ uri: file.uri, kind, id: located.value, range: located.range, role });
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
 * Every occurrence by kind and id across the workspace, for references and rename. Built when first asked (a
 * workspace where nobody navigates pays nothing), a slice at a time if the host wants (`prepare`), then brought up
 * to date on the next question from the files that changed meanwhile: an edit costs nothing here. It holds the
 * files' own occurrence lists, not copies.
 */
export class OccurrenceIndex {
  private readonly byId = new Map<IdKind, Map<string, Occurrence[]>>();
  private readonly byUri = new Map<string, readonly Occurrence[]>();
  /** The files to read again: every file at first, then those that changed since the last question. */
  private readonly stale = new Set<string>();
  private started = false;

  constructor(
    private readonly fileOf: (uri: string) => OccurrenceSource | undefined,
    private readonly uris: () => Iterable<string>,
  ) {}

  /** A file was parsed again, or removed. */
  fileChanged(uri: string): void {
    if (this.started) this.stale.add(uri);
  }

  /** Brings the index up to date for at most `budgetMs`; true once it is. */
  prepare(budgetMs = Infinity): boolean {
    if (!this.started) {
      this.started = true;
      for (const uri of this.uris()) this.stale.add(uri);
    }
    const deadline = Date.now() + budgetMs;
    for (const uri of this.stale) {
      this.stale.delete(uri);
      this.reread(uri);
      if (Date.now() >= deadline) break;
    }
    return this.stale.size === 0;
  }

  /** Where an id of a kind is written, in no particular order. */
  occurrencesOf(kind: IdKind, id: string): readonly Occurrence[] {
    this.prepare();
    return this.byId.get(kind)?.get(id) ?? [];
  }

  private reread(uri: string): void {
    const written = new Set<string>();
    for (const { kind, id } of this.byUri.get(uri) ?? []) {
      // Once per id: a data class may be written a thousand times across the workspace, and fifty times here.
      if (written.has(`${kind}\u0000${id}`)) continue;
      written.add(`${kind}\u0000${id}`);
      const ids = this.byId.get(kind)!;
      const kept = ids.get(id)?.filter((other) => other.uri !== uri) ?? [];
      if (kept.length) ids.set(id, kept);
      else ids.delete(id);
    }
    this.byUri.delete(uri);
    const file = this.fileOf(uri);
    if (!file) return;
    const occurrences = occurrencesOf(file);
    this.byUri.set(uri, occurrences);
    for (const occurrence of occurrences) {
      let ids = this.byId.get(occurrence.kind);
      if (!ids) this.byId.set(occurrence.kind, (ids = new Map()));
      const same = ids.get(occurrence.id);
      if (same) same.push(occurrence);
      else ids.set(occurrence.id, [occurrence]);
    }
  }
}
