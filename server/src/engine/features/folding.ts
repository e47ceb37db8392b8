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
  /** The lines of block scalars, whose `#` lines are text, not comments. */
  const textLines: { start: number; end: number }[] = [];
  const fold = (range: OffsetRange | undefined) => {
    if (!range || range.end <= range.start) return;
    const startLine = lineOf(range.start);
    const endLine = lineOf(range.end - 1);
    if (endLine > startLine && endLine > (endLineByStart.get(startLine) ?? -1)) endLineByStart.set(startLine, endLine);
  };
  const visit = (node: Node | null) => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<Node | null, Node | null>[]) {
        fold(pairSpan(text, pair));
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items as (Node | null)[]) {
        fold(spanOf(text, item));
        visit(item);
      }
    } else if (isScalar(node) && isBlockScalar(node)) {
      const span = spanOf(text, node);
      if (span) textLines.push({ start: lineOf(span.start), end: lineOf(Math.max(span.start, span.end - 1)) });
    }
  };
  visit(file.tree.root);
  const ranges: FoldingRange[] = [...endLineByStart].map(([startLine, endLine]) => ({ startLine, endLine }));
  ranges.push(...commentRuns(text, (line) => textLines.some(({ start, end }) => line >= start && line <= end)));
  return ranges.sort((a, b) => a.startLine - b.startLine);
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
