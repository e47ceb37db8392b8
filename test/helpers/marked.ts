import { OffsetRange } from '../../server/src/engine';

/**
 * Test documents mark what they expect inline: `⟦...⟧` around each expected
 * range, `|` for a cursor. The markers are removed from the returned text.
 */
export interface MarkedText {
  text: string;
  ranges: OffsetRange[];
  cursor?: number;
}

export function marked(source: string, { cursor = false } = {}): MarkedText {
  let text = '';
  const ranges: OffsetRange[] = [];
  const open: number[] = [];
  let cursorAt: number | undefined;
  for (const ch of source) {
    if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') {
      const start = open.pop();
      if (start === undefined) throw new Error('unbalanced ⟧ in test text');
      ranges.push({ start, end: text.length });
    } else if (ch === '|' && cursor) cursorAt = text.length;
    else text += ch;
  }
  if (open.length) throw new Error('unbalanced ⟦ in test text');
  ranges.sort((a, b) => a.start - b.start);
  return { text, ranges, cursor: cursorAt };
}

/** Removes the common indentation so that test documents can be indented with the code. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
