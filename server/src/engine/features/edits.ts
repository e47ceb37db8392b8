import { isMap, isScalar, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { OffsetRange } from '../text';
import { columnOf, lineEndOf } from './locate';
import { asListItems, textStyleOf } from './yamlText';

/** A change to one document, in offsets. */
export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

/** Where a block node's last written character is (trailing blank lines and spaces excluded). */
function contentEnd(text: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Appends `key: <lines>` as the last pair of a mapping, at the column of its
 * other keys, after the end of the line holding its last content so that
 * trailing comments stay where they are.
 */
export function appendPair(text: string, map: YAMLMap, lines: string[]): TextEdit | undefined {
  const { eol } = textStyleOf(text);
  const first = (map.items[0] as Pair<Node, unknown> | undefined)?.key as Node | undefined;
  if (map.flow) {
    if (lines.length !== 1) return undefined;
    const close = map.range![1] - 1;
    const separator = map.items.length ? ', ' : '';
    return { range: { start: close, end: close }, newText: `${separator}${lines[0]}` };
  }
  if (!first?.range) return undefined;
  const column = columnOf(text, first.range[0]);
  const at = lineEndOf(text, contentEnd(text, map));
  return { range: { start: at, end: at }, newText: eol + indented(lines, column, eol) };
}

/** Appends block list items after the last item of a block list, at its column. */
export function appendItems(text: string, seq: YAMLSeq, items: string[][]): TextEdit | undefined {
  const { eol } = textStyleOf(text);
  if (seq.flow || !seq.range) return undefined;
  const column = columnOf(text, seq.range[0]);
  const at = lineEndOf(text, contentEnd(text, seq));
  return { range: { start: at, end: at }, newText: eol + indented(asListItems(items), column, eol) };
}

/**
 * Adds items to the block list under `key` in `map`: extends a block list,
 * replaces an empty value (`key:` or `key: []`), or adds the key.
 */
export function addListItems(text: string, map: YAMLMap, key: string, items: string[][]): TextEdit | undefined {
  const { eol, step } = textStyleOf(text);
  const pair = (map.items as Pair<Node, Node | null>[]).find(
    (candidate) => isScalar(candidate.key) && candidate.key.value === key,
  );
  if (!pair) return appendPair(text, map, [`${key}:`, ...asListItems(items, step)]);
  const value = pair.value;
  if (isSeq(value) && !value.flow && value.items.length) return appendItems(text, value, items);
  const empty =
    value == null ||
    (isScalar(value) && value.value == null) ||
    ((isSeq(value) || isMap(value)) && value.items.length === 0);
  if (!empty) return undefined;
  const keyNode = pair.key as Node;
  const column = columnOf(text, keyNode.range![0]) + step;
  const colon = text.indexOf(':', keyNode.range![1]);
  // Replace from the colon to the end of the line, keeping a trailing comment on the key's line.
  const lineEnd = lineEndOf(text, colon);
  const rest = text.slice(colon + 1, lineEnd);
  const comment = rest.match(/(^|\s)(#.*)$/)?.[2];
  return {
    range: { start: colon + 1, end: lineEnd },
    newText: (comment ? ` ${comment}` : '') + eol + indented(asListItems(items), column, eol),
  };
}

/**
 * Adds one plain value to the list under `key` in `map`, in the list's own style: `[a, b]` becomes `[a, b, value]`,
 * a block list gets an item, an empty or absent value becomes `[value]`.
 */
export function addListValue(text: string, map: YAMLMap, key: string, value: string): TextEdit | undefined {
  const pair = (map.items as Pair<Node, Node | null>[]).find(
    (candidate) => isScalar(candidate.key) && candidate.key.value === key,
  );
  if (!pair) return appendPair(text, map, [`${key}: [${value}]`]);
  const list = pair.value;
  if (isSeq(list) && list.items.length > 0) {
    if (!list.flow) return appendItems(text, list, [[value]]);
    const last = list.items[list.items.length - 1] as Node;
    return last.range ? { range: { start: last.range[1], end: last.range[1] }, newText: `, ${value}` } : undefined;
  }
  if (isSeq(list) && list.range) return { range: { start: list.range[0], end: list.range[1] }, newText: `[${value}]` };
  return list == null || (isScalar(list) && list.value == null) ? setEmptyValue(text, pair, `[${value}]`) : undefined;
}

/** Sets the value of a present key whose value is empty (`title:`, `threatens: []`). */
export function setEmptyValue(text: string, pair: Pair<Node, Node | null>, value: string): TextEdit {
  const keyNode = pair.key as Node;
  const node = pair.value;
  if (node?.range && node.range[1] > node.range[0])
    return { range: { start: node.range[0], end: node.range[1] }, newText: value };
  const colon = text.indexOf(':', keyNode.range![1]);
  return { range: { start: colon + 1, end: colon + 1 }, newText: ` ${value}` };
}

function indented(lines: string[], column: number, eol: string): string {
  return lines.map((line) => ' '.repeat(column) + line).join(eol);
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return [...edits]
    .sort((a, b) => b.range.start - a.range.start)
    .reduce((result, edit) => result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end), text);
}
