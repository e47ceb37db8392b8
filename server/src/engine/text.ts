/** Half-open character offsets into one document's text; positions are converted at the edges. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface Position {
  /** 0-based line */
  line: number;
  /** 0-based UTF-16 code unit offset in the line, as in LSP */
  character: number;
}

/** Converts offsets to line/character positions with a binary search over line starts. */
export class LineIndex {
  /** A typed array: a workspace keeps one index per file, and a typed array takes half the memory of a number[]. */
  private readonly lineStarts: Uint32Array;
  private readonly hasCr: boolean;

  constructor(
    private readonly text: string,
    /** Given by `afterReplace`; worked out from the text otherwise. */
    lineStarts?: Uint32Array,
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      this.hasCr = false;
      return;
    }
    const starts = [0];
    this.hasCr = text.includes('\r');
    if (!this.hasCr) {
      // LF only (most files): the native search finds line ends far faster than a loop over every character.
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10 /* \n */) starts.push(i + 1);
        else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  /**
   * The index of `text`, which is the indexed text with [start, oldEnd) replaced by text[start, newEnd): the lines
   * before keep their starts, those after move, and only the replaced lines are searched. An edit of a large
   * document makes a new index for each version; a whole search would read all of it. Texts with a CR take the
   * whole search (a lone CR is a line end).
   */
  afterReplace(text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    // The text outside the replaced lines is this one's: only those lines can bring a CR.
    if (this.hasCr || text.slice(start, newEnd).includes('\r')) return new LineIndex(text);
    const starts = this.lineStarts;
    const delta = newEnd - oldEnd;
    // Line starts at or before `start` follow unchanged text; those after `oldEnd` follow moved text.
    const kept = firstAbove(starts, start);
    const moved = firstAbove(starts, oldEnd);
    const inside: number[] = [];
    for (let at = text.indexOf('\n', start); at >= 0 && at < newEnd; at = text.indexOf('\n', at + 1))
      inside.push(at + 1);
    const result = new Uint32Array(kept + inside.length + (starts.length - moved));
    result.set(starts.subarray(0, kept));
    result.set(inside, kept);
    let at = kept + inside.length;
    for (let index = moved; index < starts.length; index++) result[at++] = starts[index] + delta;
    return new LineIndex(text, result);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (the first line starts at 0).
    const line = firstAbove(this.lineStarts, clamped) - 1;
    return { line, character: clamped - this.lineStarts[line] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[Math.max(0, position.line)];
    const nextLineStart =
      position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), nextLineStart);
  }

  rangeOf(range: OffsetRange): { start: Position; end: Position } {
    return { start: this.positionAt(range.start), end: this.positionAt(range.end) };
  }
}

/** The index of the first value above `offset` in ascending `values` (their length when none is). */
function firstAbove(values: Uint32Array, offset: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Whether `offset` is inside `range`, either end included: a cursor at the end of a word is on it. */
export function containsOffset(range: OffsetRange, offset: number): boolean {
  return range.start <= offset && offset <= range.end;
}

/** A range without the line breaks and spaces it ends with: a block node's range runs to the start of the next line. */
export function withoutTrailingSpace(text: string, { start, end }: OffsetRange): OffsetRange {
  let last = end;
  while (last > start && isBlank(text.charCodeAt(last - 1))) last--;
  return last === end ? { start, end } : { start, end: last };
}

/** A space, a tab or a line break. */
function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Names joined with commas, the first `max` of them, then "and N more": what a hover or a tooltip can read at a glance. */
export function listed(names: readonly string[], max: number): string {
  return names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', ');
}

/** "1 abuse case", "3 abuse cases"; `many` for irregular plurals ("2 infos"). */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
