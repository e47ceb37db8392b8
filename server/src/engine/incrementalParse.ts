import { isAlias, isMap, isPair, isSeq, Node, YAMLMap, YAMLSeq } from 'yaml';
import { hasLoneCr, parseYaml } from './blockYaml';
import { collectObject, copyOf, LocatedObject, SyntaxProblem, syntaxMessageOf, YamlTree } from './yamlTree';

/**
 * Re-parses only the list items an edit touches, and splices them into the previous tree.
 *
 * A use-case file is a few top-level keys holding long lists (`backlog`, `use_cases`, `templates`);
 * a keystroke changes one item. Parsing that item's lines alone and shifting the offsets of what
 * follows costs a small fraction of a whole parse, which on a 400 KB file is about 90 ms.
 *
 * Returns undefined whenever the shortcut could differ from a full parse — the previous tree had
 * syntax errors, the edit reaches outside the items of one block list, the new lines would change
 * the list's structure (indentation), the new text has an error, an anchor, an alias or a tag, the tree resolved aliases or merge keys —
 * and the caller parses the whole text. `previous` must not be used afterwards: its nodes are reused.
 */
export function reparseIncrementally(
  previous: YamlTree,
  oldText: string,
  newText: string,
  given?: TextChange,
): Reparsed | undefined {
  if (oldText === newText) return { tree: previous, replaced: { start: 0, oldEnd: 0, delta: 0, objects: [] } };
  const plan = planReparse(previous, oldText, changeOf(oldText, newText, given), { tolerateErrors: false });
  if (!plan) return undefined;
  const { root, seq, first, removed, added, unionStart, unionEnd, delta } = plan;

  // Objects are in document order, so the removed items' objects are one run of them.
  const objects = previous.objects.slice();
  let firstRemoved = objects.findIndex((object) => object.node.range![0] >= unionStart);
  if (firstRemoved < 0) firstRemoved = objects.length;
  let afterRemoved = firstRemoved;
  while (afterRemoved < objects.length && objects[afterRemoved].node.range![0] < unionEnd) afterRemoved++;

  shiftAfter(root, unionStart, unionEnd, delta, new Set(removed));
  for (const node of added) shiftAll(node, unionStart);
  seq.items.splice(first, removed.length, ...added);
  const addedObjects = objectsOf(plan, previous);
  objects.splice(firstRemoved, afterRemoved - firstRemoved, ...addedObjects);

  return {
    tree: { rootShape: previous.rootShape, root, syntaxProblems: [], objects },
    replaced: { start: unionStart, oldEnd: unionEnd, delta, objects: addedObjects },
  };
}

/** A tree re-parsed in part, and which part: what depends only on the replaced objects need not be computed again. */
export interface Reparsed {
  tree: YamlTree;
  replaced: {
    /** The replaced lines in the old text: [start, oldEnd); they end at oldEnd + delta in the new one. */
    start: number;
    oldEnd: number;
    delta: number;
    /** The located objects of the new lines. */
    objects: LocatedObject[];
  };
}

/**
 * The tree of `baseText` after `change`, as far as the change: the edited items parsed on their own, on top of a
 * tree of `baseText` that stays untouched, with nothing after the edited items. Completion asks
 * what is around the cursor, and the text it parses has a placeholder typed in: this answers
 * without a whole parse, even while the edited item has a syntax error, and without making the whole new text.
 */
export function treeUpToEdit(base: YamlTree, baseText: string, change: TextChange): YamlTree | undefined {
  const plan = planReparse(base, baseText, change, { tolerateErrors: true });
  if (!plan) return undefined;
  const { root, pairIndex, seq, first, added, unionStart, delta, errors } = plan;
  for (const node of added) shiftAll(node, unionStart);
  // Shallow copies along the path from the root: the base tree's nodes are shared, never changed.
  const seqCopy = copyOf(seq);
  seqCopy.items = [...seq.items.slice(0, first), ...added];
  seqCopy.range = [seq.range![0], seq.range![1] + delta, seq.range![2] + delta];
  const pair = root.items[pairIndex];
  const pairCopy = copyOf(pair);
  pairCopy.value = seqCopy;
  const rootCopy = copyOf(root);
  rootCopy.items = [...root.items.slice(0, pairIndex), pairCopy];
  rootCopy.range = [root.range![0], root.range![1] + delta, root.range![2] + delta];

  const [rootObject] = base.objects;
  const keptKeys = new Set(rootCopy.items.map(keyOf));
  const pairs = new Map([...rootObject.pairs].filter(([key]) => keptKeys.has(key)));
  pairs.set(keyOf(pair), pairCopy as never);
  const objects = [
    { ...rootObject, node: rootCopy, pairs },
    ...base.objects.filter((object) => object !== rootObject && object.node.range![2] <= unionStart),
    ...objectsOf(plan, base),
  ];
  return { rootShape: base.rootShape, root: rootCopy, syntaxProblems: errors, objects };
}

interface ReparsePlan {
  root: YAMLMap;
  pairIndex: number;
  seq: YAMLSeq<Node>;
  /** The replaced items: seq.items[first .. first + removed.length). */
  first: number;
  removed: Node[];
  /** Their replacement, parsed from offset 0 of the new lines. */
  added: Node[];
  /** Where the replaced lines start and end in the old text. */
  unionStart: number;
  unionEnd: number;
  delta: number;
  errors: SyntaxProblem[];
}

function planReparse(
  previous: YamlTree,
  oldText: string,
  change: TextChange,
  { tolerateErrors }: { tolerateErrors: boolean },
): ReparsePlan | undefined {
  const root = previous.root;
  if (
    previous.syntaxProblems.length > 0 ||
    previous.sharesNodes ||
    !isMap(root) ||
    root.flow ||
    !previous.objects[0] ||
    previous.objects[0].node !== root
  )
    return undefined;

  const delta = change.inserted.length - (change.oldEnd - change.start);

  // The root pair whose block list holds the change, and the items the change touches.
  const pairIndex = root.items.findIndex((pair) => {
    const value = pair.value as Node | null;
    return isSeq(value) && !!value.range && value.range[0] <= change.start && change.oldEnd <= value.range[2];
  });
  if (pairIndex < 0) return undefined;
  const seq = root.items[pairIndex].value as YAMLSeq<Node>;
  if (seq.flow || seq.items.length === 0) return undefined;
  const starts = itemLineStarts(oldText, seq);
  if (!starts) return undefined;
  // The last item ends where the list does: comments and blank lines after it are outside the list.
  const listEnd = seq.range![2];

  if (change.start < starts[0] || change.oldEnd > listEnd) return undefined;
  let first = 0;
  while (first + 1 < starts.length && starts[first + 1] <= change.start) first++;
  let last = first;
  // An edit that ends where the next item starts may have joined the lines: that item is re-parsed too.
  while (last + 1 < starts.length && starts[last + 1] <= change.oldEnd && change.oldEnd > change.start) last++;
  const unionStart = starts[first];
  const unionEnd = last + 1 < starts.length ? starts[last + 1] : listEnd;
  const removed = seq.items.slice(first, last + 1);
  if (removed.some(hasAnchorOrAlias)) return undefined;

  const newUnion = oldText.slice(unionStart, change.start) + change.inserted + oldText.slice(change.oldEnd, unionEnd);
  // A lone CR is a line end to the parser but not to the line arithmetic here.
  if (hasLoneCr(newUnion)) return undefined;
  // What follows must still start on a line of its own.
  if (oldText[unionEnd - 1] === '\n' && !newUnion.endsWith('\n')) return undefined;
  const dashIndent = indentOf(oldText, starts[first]);
  if (!keepsListStructure(newUnion, dashIndent)) return undefined;
  const parsed = parseYaml(newUnion);
  const replacement = parsed.contents;
  if (
    parsed.tooDeepAt !== undefined ||
    (parsed.errors.length > 0 && !tolerateErrors) ||
    !isSeq(replacement) ||
    replacement.flow ||
    replacement.items.length === 0
  )
    return undefined;
  const added = replacement.items as Node[];
  if (added.some(hasAnchorOrAlias)) return undefined;
  const errors = parsed.errors.map((error) => ({
    message: syntaxMessageOf(error),
    range: { start: error.pos[0] + unionStart, end: error.pos[1] + unionStart },
  }));
  return { root, pairIndex, seq, first, removed, added, unionStart, unionEnd, delta, errors };
}

/** The located objects of the replacement items (already at their final offsets). */
function objectsOf(plan: ReparsePlan, tree: YamlTree): LocatedObject[] {
  const key = keyOf(plan.root.items[plan.pairIndex]);
  const spec = tree.objects[0].shape.fields[key];
  const objects: LocatedObject[] = [];
  if (spec?.type.kind === 'list' && spec.type.of.kind === 'object') {
    for (const node of plan.added) if (isMap(node)) collectObject(node, spec.type.of.shape, objects);
  }
  return objects;
}

/** The text of a root pair's key (`use_cases`). */
function keyOf(pair: { key: unknown }): string {
  return String((pair.key as { value?: unknown } | null)?.value);
}

/** An edit of a text: the characters [start, oldEnd) replaced by `inserted`. */
export interface TextChange {
  start: number;
  oldEnd: number;
  inserted: string;
}

/**
 * The change from one text to the other: the one given (the editor's) when it fits them, else the one found by
 * comparing them. Fitting is checked where it is cheap: the lengths, the inserted text in place, the range inside.
 */
function changeOf(oldText: string, newText: string, given: TextChange | undefined): TextChange {
  if (
    given &&
    0 <= given.start &&
    given.start <= given.oldEnd &&
    given.oldEnd <= oldText.length &&
    newText.length === oldText.length - (given.oldEnd - given.start) + given.inserted.length &&
    newText.startsWith(given.inserted, given.start)
  )
    return given;
  return changeBetween(oldText, newText);
}

/** The one change from one text to another: the longest common prefix and suffix left out. */
export function changeBetween(oldText: string, newText: string): TextChange {
  const { start, oldEnd, newEnd } = changedRegion(oldText, newText);
  return { start, oldEnd, inserted: newText.slice(start, newEnd) };
}

/** The one region that differs: the longest common prefix and suffix left out. */
export function changedRegion(oldText: string, newText: string): { start: number; oldEnd: number; newEnd: number } {
  const shorter = Math.min(oldText.length, newText.length);
  // Whole blocks first: comparing substrings runs at memory speed, character by character does not.
  const block = 4096;
  let start = 0;
  while (start + block <= shorter && oldText.slice(start, start + block) === newText.slice(start, start + block))
    start += block;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  const room = shorter - start;
  while (
    suffix + block <= room &&
    oldText.slice(oldText.length - suffix - block, oldText.length - suffix) ===
      newText.slice(newText.length - suffix - block, newText.length - suffix)
  ) {
    suffix += block;
  }
  while (
    suffix < room &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  )
    suffix++;
  return { start, oldEnd: oldText.length - suffix, newEnd: newText.length - suffix };
}

/** Where each item's line starts, when every item starts its line with `- ` (else undefined: not a plain block list). */
function itemLineStarts(text: string, seq: YAMLSeq<Node>): number[] | undefined {
  const starts: number[] = [];
  for (const item of seq.items) {
    if (!item?.range) return undefined;
    const lineStart = lineStartOf(text, item.range[0]);
    if (!/^ *- +$/.test(text.slice(lineStart, item.range[0]))) return undefined;
    starts.push(lineStart);
  }
  return starts;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentOf(text: string, lineStart: number): number {
  let column = 0;
  while (text[lineStart + column] === ' ') column++;
  return column;
}

/**
 * Whether the new lines are still items of the same list: the first starts an item at the list's
 * indentation, and every other line is deeper, a comment, blank, or starts another item.
 */
function keepsListStructure(lines: string, dashIndent: number): boolean {
  const itemStart = new RegExp(`^ {${dashIndent}}- `);
  if (!itemStart.test(lines)) return false;
  for (const line of lines.split('\n')) {
    const content = line.trimStart();
    if (content === '' || content === '\r') continue;
    if (/^[ ]*\t/.test(line)) return false;
    const indent = line.length - content.length;
    if (content.startsWith('#')) continue;
    if (indent < dashIndent) return false;
    if (indent === dashIndent && !/^-( |\r?$)/.test(content)) return false;
  }
  return true;
}

function hasAnchorOrAlias(node: Node | null | undefined): boolean {
  if (!node) return false;
  if (isAlias(node) || node.anchor || node.tag) return true;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (hasAnchorOrAlias(item.key as Node) || hasAnchorOrAlias(item.value as Node)) return true;
      } else if (hasAnchorOrAlias(item as Node)) return true;
    }
  }
  return false;
}

type NodeRange = [number, number, number];

/** Moves every offset of a node and all inside it by `by`. */
function shiftAll(root: Node | null | undefined, by: number): void {
  shiftRanges(rangesIn(root), by);
}

/**
 * The ranges inside each node below the top-level lists' level, gathered the first time an edit moves it: the next
 * edits above it move them in one loop instead of a walk of its nodes (the file's tail is most of an edit's walk).
 * Only the top-level lists are changed in place (an edit replaces whole items, see reparseIncrementally): a node
 * below them keeps the same nodes inside while it lives, so its list stays true.
 */
const RANGES_BELOW_LISTS = new WeakMap<Node, NodeRange[]>();

function shiftKept(node: Node, by: number): void {
  let ranges = RANGES_BELOW_LISTS.get(node);
  if (!ranges) RANGES_BELOW_LISTS.set(node, (ranges = rangesIn(node)));
  shiftRanges(ranges, by);
}

function shiftRanges(ranges: readonly NodeRange[], by: number): void {
  for (let index = 0; index < ranges.length; index++) {
    const range = ranges[index];
    range[0] += by;
    range[1] += by;
    range[2] += by;
  }
}

/** The ranges of a node and all inside it (one loop, no call per node). */
function rangesIn(root: Node | null | undefined): NodeRange[] {
  const ranges: NodeRange[] = [];
  const stack: (Node | null | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (node.range) ranges.push(node.range);
    // Index loops, and the items read once: a scalar (most nodes) has none.
    const items = (node as { items?: unknown[] }).items;
    if (items === undefined) continue;
    if (isMap(node))
      for (let index = 0; index < items.length; index++) {
        const pair = items[index] as { key: Node; value: Node };
        stack.push(pair.key, pair.value);
      }
    else if (isSeq(node)) for (let index = 0; index < items.length; index++) stack.push(items[index] as Node);
  }
  return ranges;
}

/**
 * Moves the offsets at or after the replaced lines by the length the edit added; the replaced items are left alone.
 * `depth` is the node's below the root: 1 for the top-level keys and lists, 2 for their items.
 */
function shiftAfter(
  node: Node | null | undefined,
  from: number,
  end: number,
  delta: number,
  replaced: Set<Node>,
  depth = 0,
): void {
  if (!node || replaced.has(node) || !node.range || node.range[2] < from) return;
  const range = node.range;
  // Wholly after the replaced lines: everything in it moves (a top-level list item by itself).
  if (range[0] >= end && depth >= 2) return shiftKept(node, delta);
  for (let i = 0; i < 3; i++) if (range[i] >= end) range[i] += delta;
  forEachChild(node, (child) => shiftAfter(child, from, end, delta, replaced, depth + 1));
}

function forEachChild(node: Node, visit: (child: Node | null | undefined) => void): void {
  if (!isMap(node) && !isSeq(node)) return;
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      visit(item.key as Node);
      visit(item.value as Node);
    } else visit(item as Node);
  }
}
