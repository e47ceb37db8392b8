import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { MAX_NESTING, parseYaml } from './blockYaml';
import { Shape, USE_CASE_FILE, ValueType } from './format';
import { OffsetRange } from './text';
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
  /** Every object the schema reaches, in document order (outer before inner). */
  objects: LocatedObject[];
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
  // The parser quotes the offending source whole ("Unexpected scalar token in YAML stream: "…""): a few words of it.
  return (
    OWN_WORDS[error.code] ?? error.message.replace(/"([^]*)"$/, (_quote, source: string) => `"${excerpt(source)}"`)
  );
}

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
  const objects: LocatedObject[] = [];
  const root = parsed.contents;
  if (isMap(root)) collectObject(root, rootShape, objects);
  return { rootShape, root, syntaxProblems, objects };
}

/** A parser position made visible: at least one character, and at the end of the file the last written one. */
function visibleRange(text: string, [start, end]: [number, number]): OffsetRange {
  const written = text.trimEnd().length;
  const from = start >= written ? Math.max(0, written - 1) : start;
  return { start: from, end: Math.min(Math.max(end, from + 1), Math.max(written, from + 1)) };
}

export function collectObject(node: YAMLMap, shape: Shape, into: LocatedObject[], ownerKey?: Scalar): void {
  const pairs = new Map<string, Pair<Scalar, Node | null>>();
  for (const pair of node.items as Pair<Node, Node | null>[]) {
    if (isScalar(pair.key) && typeof pair.key.value === 'string' && !pairs.has(pair.key.value)) {
      pairs.set(pair.key.value, pair as Pair<Scalar, Node | null>);
    }
  }
  const located: LocatedObject = { shape, node, pairs, ownerKey };
  into.push(located);
  for (const [key, pair] of pairs) {
    const spec = shape.fields[key];
    if (!spec) continue;
    const value = pair.value;
    if (spec.type.kind === 'object' && isMap(value)) collectObject(value, spec.type.shape, into, pair.key);
    if (spec.type.kind === 'list' && spec.type.of.kind === 'object' && isSeq(value)) {
      const itemShape = spec.type.of.shape;
      for (const item of value.items) if (isMap(item)) collectObject(item, itemShape, into);
    }
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
