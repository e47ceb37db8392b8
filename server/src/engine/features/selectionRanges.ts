import { isMap, isScalar, isSeq, Node, Pair } from 'yaml';
import { containsOffset, OffsetRange } from '../text';
import type { ParsedFile } from '../parsedFile';
import { pairSpan, spanOf } from '../yamlTree';
import { wordAt } from './locate';

/**
 * What Expand Selection grows through from `offset`, innermost first: the word under the cursor (an id), the value,
 * the `key: value` pair, the list item with its `-` (the entry), the list, the pair that holds it, the entry around
 * that (the use case)... and last the whole document. Each range strictly contains the one before it.
 */
export function selectionRangesAt(file: ParsedFile, offset: number): OffsetRange[] {
  const { text } = file;
  const outward: OffsetRange[] = [{ start: 0, end: text.length }];
  const at = (range: OffsetRange | undefined): range is OffsetRange => !!range && containsOffset(range, offset);
  let node: Node | null = file.tree.root;
  if (at(spanOf(text, node))) outward.push(spanOf(text, node)!);
  while (node) {
    if (isMap(node)) {
      const pair = (node.items as Pair<Node | null, Node | null>[]).find((candidate) => at(pairSpan(text, candidate)));
      if (!pair) break;
      outward.push(pairSpan(text, pair)!);
      const key = spanOf(text, pair.key);
      node = at(key) ? pair.key : pair.value;
      const span = spanOf(text, node);
      if (!at(span)) break;
      outward.push(span);
    } else if (isSeq(node)) {
      const item = (node.items as (Node | null)[]).find((candidate) => at(spanOf(text, candidate)));
      if (!item) break;
      outward.push(withDash(text, spanOf(text, item)!));
      outward.push(spanOf(text, item)!);
      node = item;
    } else {
      if (isScalar(node)) {
        const word = wordAt(text, offset);
        const scalar = spanOf(text, node)!;
        const start = Math.max(word.start, scalar.start);
        const end = Math.min(word.end, scalar.end);
        if (end > start) outward.push({ start, end });
      }
      break;
    }
  }
  return innermostFirst(outward);
}

/** A block list item with the `-` that opens it, when one does (a flow list's items have none). */
function withDash(text: string, item: OffsetRange): OffsetRange {
  let before = item.start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  return text[before - 1] === '-' ? { start: before - 1, end: item.end } : item;
}

/** Outermost-first ranges turned innermost-first, each once, and each holding the one before it. */
function innermostFirst(outward: readonly OffsetRange[]): OffsetRange[] {
  const inward: OffsetRange[] = [];
  for (let index = outward.length - 1; index >= 0; index--) {
    const previous = inward.at(-1);
    let range = outward[index];
    // An empty node (a key without a value) selects nothing; the document of an empty text stays.
    if (range.end <= range.start && index > 0) continue;
    if (previous && (range.start > previous.start || range.end < previous.end))
      range = { start: Math.min(range.start, previous.start), end: Math.max(range.end, previous.end) };
    if (!previous || range.start < previous.start || range.end > previous.end) inward.push(range);
  }
  return inward;
}
