import { Alias, isAlias, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { MAX_NESTING, parseYaml } from './blockYaml';
import { Shape, USE_CASE_FILE, ValueType } from './format';
import { OffsetRange, withoutTrailingSpace } from './text';
import { excerpt } from './quote';

/**
 * One YAML mapping that the format gives a meaning to (a backlog item, a use
 * case, a mitigation...), with its pairs by key. Rules and the model read the
 * document through these, so the schema is walked exactly once per parse.
 */
export interface LocatedObject {
  shape: Shape;
  node: YAMLMap;
  pairs: Map<string, Pair<Scalar, Node | null>>;
  /** The key this object is the value of (`accepted:`), absent for list items and the file itself. */
  ownerKey?: Scalar;
}

export interface SyntaxProblem {
  message: string;
  range: OffsetRange;
}

export interface YamlTree {
  /** The format the file follows: a use-case file, a catalog or the configuration. */
  rootShape: Shape;
  root: Node | null;
  syntaxProblems: SyntaxProblem[];
  /** Every object the schema reaches, once each, in document order (outer before inner). */
  objects: LocatedObject[];
  /**
   * Whether aliases or merge keys made objects share nodes (an aliased mitigation is one object
   * under each abuse case that names it). The incremental parse does not keep such a tree up to date.
   */
  sharesNodes?: boolean;
}

/** A value the format has a type for: a field's value, or one item of a list field. */
export interface TypedValue {
  node: Node;
  type: ValueType;
  field: string;
  owner: LocatedObject;
}

export function nodeRange(node: Node | Pair | null | undefined): OffsetRange | undefined {
  const range = node && 'range' in node ? node.range : undefined;
  return range ? { start: range[0], end: range[1] } : undefined;
}

/** What a node spans in the text, without the blank lines that end a block node's range. */
export function spanOf(text: string, node: Node | null | undefined): OffsetRange | undefined {
  const range = nodeRange(node);
  return range && withoutTrailingSpace(text, range);
}

/** What a pair spans: from its key to the end of its value (the key alone when it has none). */
export function pairSpan(text: string, pair: Pair<unknown, unknown>): OffsetRange | undefined {
  const key = spanOf(text, pair.key as Node | null);
  const value = spanOf(text, pair.value as Node | null);
  if (!key) return value;
  return value && value.end > key.end ? { start: key.start, end: value.end } : key;
}

/** The range to report on for a pair: its value when it has a visible one, else its key. */
export function valueOrKeyRange(pair: Pair<Scalar, Node | null>): OffsetRange {
  const value = nodeRange(pair.value);
  if (value && value.end > value.start) return value;
  return nodeRange(pair.key) ?? { start: 0, end: 0 };
}

export function isEmptyValue(node: Node | null | undefined): boolean {
  return node == null || (isScalar(node) && (node.value === null || node.value === ''));
}

/** The parser's messages that speak of its API rather than of the file, in the project's own words. */
const OWN_WORDS: Partial<Record<string, string>> = {
  MULTIPLE_DOCS:
    'This file holds a second YAML document, which starts here (at `---`): a use-case file is one document. Move it into a file of its own.',
};

/** A parser error as the syntax rule reports it. */
export function syntaxMessageOf(error: { code: string; message: string }): string {
  // The parser quotes the offending source whole, in quotes ("Unexpected scalar token in YAML stream: "…"") or after
  // a colon ("Not a YAML token: …"): a few words of it. Other messages name a tag or a header as written: every message
  // is kept short, and its control characters are shown as escapes (a terminal would run them).
  return (
    OWN_WORDS[error.code] ??
    excerpt(
      error.message
        .replace(/"([^]*)"$/, (_quote, source: string) => `"${excerpt(source)}"`)
        .replace(/^(Not a YAML token: )([^]*)$/, (_whole, what: string, source: string) => what + excerpt(source)),
      MESSAGE_LENGTH,
    )
  );
}

/** The longest a parser's message is shown: a sentence and a few words of the source. */
const MESSAGE_LENGTH = 200;

export function parseYamlTree(text: string, rootShape: Shape = USE_CASE_FILE): YamlTree {
  const parsed = parseYaml(text);
  if (parsed.tooDeepAt !== undefined) {
    const message = `This file nests more than ${MAX_NESTING} levels deep; it is not analysed.`;
    return {
      rootShape,
      root: null,
      syntaxProblems: [{ message, range: visibleRange(text, [parsed.tooDeepAt, parsed.tooDeepAt + 1]) }],
      objects: [],
    };
  }
  const syntaxProblems = parsed.errors.map((error) => ({
    message: syntaxMessageOf(error),
    range: visibleRange(text, error.pos),
  }));
  const root = parsed.contents;
  let collector = new ObjectCollector(parsed.aliasTargets);
  const expanded = isMap(root) ? collector.collect(root, rootShape) : 0;
  const written = collector.objects.length;
  if (parsed.aliasTargets && expanded - written > Math.max(MAX_ALIAS_GROWTH, ALIAS_GROWTH_FACTOR * written)) {
    // An alias bomb: read the file as if its aliases were empty, and say so once.
    collector = new ObjectCollector(undefined);
    if (isMap(root)) collector.collect(root, rootShape);
    const first = Math.min(...[...parsed.aliasTargets.keys()].map((alias) => alias.range?.[0] ?? 0));
    syntaxProblems.push({
      message: `This file's aliases repeat its entries more than ${Math.max(MAX_ALIAS_GROWTH, ALIAS_GROWTH_FACTOR * written).toLocaleString('en')} times over; they are not followed, and each reads as empty.`,
      range: visibleRange(text, [first, first + 1]),
    });
  }
  return { rootShape, root, syntaxProblems, objects: collector.objects, sharesNodes: collector.sharesNodes };
}

/**
 * How many objects aliases may add to those a file writes: 10,000, or four times as many as it
 * writes if that is more. A shared mitigation named by every abuse case stays far below; a few
 * lines of aliases of aliases ("billion laughs") would otherwise expand a model past any memory.
 */
export const MAX_ALIAS_GROWTH = 10_000;
const ALIAS_GROWTH_FACTOR = 4;

/** A merge key (`<<: *defaults`), written plain: a quoted `"<<"` is an ordinary key. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && key.type === 'PLAIN';
}

/** A shallow copy that keeps the yaml package's hidden node-type marker (a non-enumerable symbol). */
export function copyOf<T extends object>(node: T): T {
  return Object.create(Object.getPrototypeOf(node), Object.getOwnPropertyDescriptors(node)) as T;
}

/** A parser position made visible: at least one character, and at the end of the file the last written one. */
function visibleRange(text: string, [start, end]: [number, number]): OffsetRange {
  const written = text.trimEnd().length;
  const from = start >= written ? Math.max(0, written - 1) : start;
  return { start: from, end: Math.min(Math.max(end, from + 1), Math.max(written, from + 1)) };
}

/** Collects the objects the schema reaches from `node` (for a tree without aliases: the incremental parse's new items). */
export function collectObject(node: YAMLMap, shape: Shape, into: LocatedObject[], ownerKey?: Scalar): void {
  const collector = new ObjectCollector(undefined);
  collector.collect(node, shape, ownerKey);
  into.push(...collector.objects);
}

type KeyedPair = Pair<Scalar, Node | null>;

/**
 * Walks the schema over the YAML nodes, reading YAML as YAML defines it: an alias stands for its
 * anchor's node, and a merge key (`<<: *defaults`, or a list of them) adds the pairs of the
 * mappings it names that the mapping does not write itself (the first named wins). An aliased
 * node is one object wherever it is named, so its findings are reported once, at the anchor.
 */
class ObjectCollector {
  readonly objects: LocatedObject[] = [];
  sharesNodes = false;
  /** How many objects each collected node expands to, per shape it was collected as. */
  private readonly sizes = new Map<YAMLMap, Map<Shape, number>>();
  private readonly pairsByNode = new Map<YAMLMap, Map<string, KeyedPair>>();
  private readonly resolvedLists = new Map<YAMLSeq, YAMLSeq>();

  constructor(private readonly aliasTargets: ReadonlyMap<Alias, Node> | undefined) {}

  /** Collects an object and those inside it; returns how many objects it expands to, aliases followed. */
  collect(node: YAMLMap, shape: Shape, ownerKey?: Scalar): number {
    let sizes = this.sizes.get(node);
    const known = sizes?.get(shape);
    if (known !== undefined) return known;
    if (!sizes) this.sizes.set(node, (sizes = new Map()));
    sizes.set(shape, 1);
    const pairs = this.pairsOf(node);
    this.objects.push({ shape, node, pairs, ownerKey });
    let size = 1;
    for (const [key, pair] of pairs) {
      const spec = shape.fields[key];
      if (!spec) continue;
      const value = pair.value;
      if (spec.type.kind === 'object' && isMap(value)) size += this.collect(value, spec.type.shape, pair.key);
      if (spec.type.kind === 'list' && spec.type.of.kind === 'object' && isSeq(value)) {
        const itemShape = spec.type.of.shape;
        // An item named twice in one list is read once (ModelReader.children).
        for (const item of new Set(value.items)) if (isMap(item)) size += this.collect(item, itemShape);
      }
    }
    sizes.set(shape, size);
    return size;
  }

  /** A mapping's pairs by key: the first of each key as written, aliases resolved, then what merge keys add. */
  private pairsOf(node: YAMLMap): Map<string, KeyedPair> {
    const known = this.pairsByNode.get(node);
    if (known) return known;
    const pairs = new Map<string, KeyedPair>();
    // Set before merging: a mapping that merges itself gets its own pairs as written so far, not a loop.
    this.pairsByNode.set(node, pairs);
    let merged: YAMLMap[] | undefined;
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      if (isMergeKey(pair.key)) {
        const sources = this.mergedMaps(pair.value);
        if (sources) {
          merged = sources;
          continue;
        }
      }
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && !pairs.has(pair.key.value)) {
        pairs.set(pair.key.value, this.resolvedPair(pair as KeyedPair));
      }
    }
    for (const source of merged ?? []) {
      this.sharesNodes = true;
      for (const [key, pair] of this.pairsOf(source)) if (!pairs.has(key)) pairs.set(key, pair);
    }
    return pairs;
  }

  /** The mappings a merge key's value names: one mapping or a list of them; undefined for anything else. */
  private mergedMaps(value: Node | null): YAMLMap[] | undefined {
    const resolved = this.resolved(value);
    if (isMap(resolved)) return [resolved];
    if (!isSeq(resolved)) return undefined;
    const maps = resolved.items.map((item) => this.resolved(item as Node));
    return maps.every(isMap) ? (maps as YAMLMap[]) : undefined;
  }

  private resolvedPair(pair: KeyedPair): KeyedPair {
    const value = this.resolved(pair.value);
    if (value === pair.value) return pair;
    const copy = copyOf(pair);
    copy.value = value;
    return copy;
  }

  /** What a value stands for: an alias's anchored node, a list with its aliased items resolved, else itself. */
  private resolved(value: Node | null): Node | null {
    const targets = this.aliasTargets;
    if (!targets || !value) return value;
    if (isAlias(value)) {
      const target = targets.get(value);
      if (!target) return value;
      this.sharesNodes = true;
      return this.resolved(target);
    }
    if (!isSeq(value) || !value.items.some(isAlias)) return value;
    // An aliased item is one object in two lists as much as an aliased value is.
    this.sharesNodes = true;
    let list = this.resolvedLists.get(value);
    if (!list) {
      list = copyOf(value);
      list.items = value.items.map((item) => (isAlias(item) ? (targets.get(item) ?? item) : item));
      this.resolvedLists.set(value, list);
    }
    return list;
  }
}

/** Visits every present, non-empty field value and list item together with the type the format expects there. */
export function forEachTypedValue(objects: readonly LocatedObject[], visit: (value: TypedValue) => void): void {
  for (const owner of objects) {
    for (const [field, pair] of owner.pairs) {
      const spec = owner.shape.fields[field];
      if (!spec || isEmptyValue(pair.value)) continue;
      const node = pair.value as Node;
      visit({ node, type: spec.type, field, owner });
      if (spec.type.kind === 'list' && isSeq(node)) {
        for (const item of node.items) {
          if (!isEmptyValue(item as Node)) visit({ node: item as Node, type: spec.type.of, field, owner });
        }
      }
    }
  }
}

/** What a node looks like, in words, for wrong-type messages. */
export function describeNode(node: Node): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value === 'number') return `the number ${excerpt(scalarText(node))}`;
    if (typeof value === 'boolean') return `the boolean ${value}`;
    return `the text "${excerpt(scalarText(node))}"`;
  }
  return 'an alias';
}

/** A scalar as its author wrote it: `sprint: 2026.20` stays "2026.20", not 2026.2. */
export function scalarText(node: Scalar): string {
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}
