import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Shape, ValueType } from '../format';
import { OffsetRange } from '../text';

/**
 * Where an offset sits in the format, read from the YAML tree (not from
 * indentation): on a key of a known object, on a field's value, or on an
 * item of a list field.
 */
export type Location =
  | { kind: 'key'; shape: Shape; map: YAMLMap; key: Scalar; present: Set<string> }
  | { kind: 'value'; shape: Shape; map: YAMLMap; field: string; type: ValueType; node: Scalar }
  | { kind: 'item'; shape: Shape; map: YAMLMap; field: string; type: ValueType; list: YAMLSeq; node: Scalar };

const contains = (node: Node | null | undefined, offset: number) =>
  !!node?.range && node.range[0] <= offset && offset <= node.range[1];

/** The innermost scalar at `offset` (ends inclusive, so a cursor right after a word counts), with its place in the format. */
export function locate(root: Node | null, rootShape: Shape, offset: number): Location | undefined {
  return isMap(root) ? inMap(root, rootShape, offset) : undefined;
}

function inMap(map: YAMLMap, shape: Shape, offset: number): Location | undefined {
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    const key = pair.key;
    if (isScalar(key) && contains(key, offset)) {
      const present = new Set(
        (map.items as Pair<Node, unknown>[]).flatMap((other) =>
          other !== pair && isScalar(other.key) ? [String(other.key.value)] : [],
        ),
      );
      return { kind: 'key', shape, map, key, present };
    }
    const value = pair.value;
    if (!isScalar(key) || !contains(value, offset)) continue;
    const field = String(key.value);
    const type = shape.fields[field]?.type;
    if (!type) return undefined;
    if (isScalar(value)) return { kind: 'value', shape, map, field, type, node: value };
    if (isMap(value) && type.kind === 'object') return inMap(value, type.shape, offset);
    if (isSeq(value) && type.kind === 'list') {
      for (const item of value.items as Node[]) {
        if (!contains(item, offset)) continue;
        if (isScalar(item)) return { kind: 'item', shape, map, field, type: type.of, list: value, node: item };
        if (isMap(item) && type.of.kind === 'object') return inMap(item, type.of.shape, offset);
      }
    }
    return undefined;
  }
  return undefined;
}

/** The word being typed at `offset`: what a completion replaces. */
export function wordAt(text: string, offset: number): OffsetRange {
  const isWordChar = (ch: string | undefined) => ch !== undefined && /[\w.-]/.test(ch);
  let start = offset;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isWordChar(text[end])) end++;
  return { start, end };
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The end of the line holding `offset` (before its line break). */
export function lineEndOf(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline < 0 ? text.length : newline;
  return text[end - 1] === '\r' ? end - 1 : end;
}
