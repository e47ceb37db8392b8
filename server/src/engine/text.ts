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

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
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

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
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
