import { isMap, isScalar, isSeq, Node, Pair, Scalar } from 'yaml';
import { OffsetRange } from '../text';
import type { ParsedFile } from '../parsedFile';
import { pairSpan, spanOf } from '../yamlTree';

/** Lines the editor can fold: `startLine` stays visible, the lines after it through `endLine` are hidden. */
export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

/**
 * The folding ranges of a file, by first line: each map or list entry written over several lines (from its key, or
 * its `-`, to its last written line), and each run of two or more comment lines. One range a line: the outermost.
 */
export function foldingRangesOf(file: ParsedFile): FoldingRange[] {
  const { text, lineIndex } = file;
  const lineOf = (offset: number) => lineIndex.positionAt(offset).line;
  const endLineByStart = new Map<number, number>();
  const folds: Folds = { folds: [], textLines: [] };
  const root = file.tree.root;
  if (isMap(root)) {
    for (const pair of root.items as Pair<Node | null, Node | null>[]) {
      // The entries of a top-level list each from the folds kept with its node (see KEPT_FOLDS).
      const list = isSeq(pair.value) ? pair.value : undefined;
      foldsOf(text, lineOf, pairSpan(text, pair), list ? null : pair.value, folds);
      for (const item of (list?.items ?? []) as (Node | null)[]) keptFoldsOf(text, lineOf, item, folds);
    }
  } else foldsOf(text, lineOf, undefined, root, folds);
  for (let index = 0; index < folds.folds.length; index += 2) {
    const [startLine, endLine] = [folds.folds[index], folds.folds[index + 1]];
    if (endLine > (endLineByStart.get(startLine) ?? -1)) endLineByStart.set(startLine, endLine);
  }
  // The lines of block scalars, whose `#` lines are text, not comments.
  const isText = (line: number) => {
    for (let index = 0; index < folds.textLines.length; index += 2)
      if (line >= folds.textLines[index] && line <= folds.textLines[index + 1]) return true;
    return false;
  };
  const ranges: FoldingRange[] = [...endLineByStart].map(([startLine, endLine]) => ({ startLine, endLine }));
  ranges.push(...commentRuns(text, isText));
  return ranges.sort((a, b) => a.startLine - b.startLine);
}

/** Folds as pairs of lines (first, last), and the lines of block scalars likewise, flat. */
interface Folds {
  folds: number[];
  textLines: number[];
}

/** The folds of `node`, written over `span`, and of what it holds, in lines of the text. */
function foldsOf(
  text: string,
  lineOf: (offset: number) => number,
  span: OffsetRange | undefined,
  node: Node | null,
  into: Folds,
): void {
  const fold = (range: OffsetRange | undefined) => {
    if (!range || range.end <= range.start) return;
    const startLine = lineOf(range.start);
    const endLine = lineOf(range.end - 1);
    if (endLine > startLine) into.folds.push(startLine, endLine);
  };
  const visit = (at: Node | null) => {
    if (isMap(at)) {
      for (const pair of at.items as Pair<Node | null, Node | null>[]) {
        fold(pairSpan(text, pair));
        visit(pair.value);
      }
    } else if (isSeq(at)) {
      for (const item of at.items as (Node | null)[]) {
        fold(spanOf(text, item));
        visit(item);
      }
    } else if (isScalar(at) && isBlockScalar(at)) {
      const scalar = spanOf(text, at);
      if (scalar) into.textLines.push(lineOf(scalar.start), lineOf(Math.max(scalar.start, scalar.end - 1)));
    }
  };
  fold(span);
  visit(node);
}

/**
 * The folds of a top-level list item, in lines from the item's first one, kept with its node: an edit re-parses the
 * items it touches and keeps the others' nodes, moved, with their text (incrementalParse.ts), so a large file's folds
 * are worked out again only for the items an edit touched.
 */
const KEPT_FOLDS = new WeakMap<Node, Folds>();

function keptFoldsOf(text: string, lineOf: (offset: number) => number, item: Node | null, into: Folds): void {
  const span = spanOf(text, item);
  if (!item || !span) return foldsOf(text, lineOf, span, item, into);
  const first = lineOf(span.start);
  let kept = KEPT_FOLDS.get(item);
  if (!kept) {
    const own: Folds = { folds: [], textLines: [] };
    foldsOf(text, lineOf, span, item, own);
    kept = { folds: own.folds.map((line) => line - first), textLines: own.textLines.map((line) => line - first) };
    KEPT_FOLDS.set(item, kept);
  }
  for (const line of kept.folds) into.folds.push(line + first);
  for (const line of kept.textLines) into.textLines.push(line + first);
}

function isBlockScalar(node: Scalar): boolean {
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
}

/** Runs of two or more lines that hold only a comment. */
function commentRuns(text: string, isText: (line: number) => boolean): FoldingRange[] {
  const runs: FoldingRange[] = [];
  let runStart = -1;
  // Line breaks as LineIndex counts them: a lone CR is one too.
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const comment = COMMENT_LINE.test(line) && !isText(index);
    if (comment && runStart < 0) runStart = index;
    if (!comment || index === lines.length - 1) {
      const last = comment ? index : index - 1;
      if (runStart >= 0 && last > runStart) runs.push({ startLine: runStart, endLine: last, kind: 'comment' });
      if (!comment) runStart = -1;
    }
  });
  return runs;
}

const COMMENT_LINE = /^[ \t]*#/;
