/** At most this many characters of a value in a message: enough to recognise it, never a whole file. */
export const QUOTED_LENGTH = 60;

/** Control characters, bidirectional controls and the BOM: never written raw into a message, a report or a terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are escaped, never echoed
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * A value as messages quote it: between single quotes, at most `QUOTED_LENGTH` characters
 * (`…` marks the cut), with control and bidirectional characters shown as escapes (`\n`, `\u{202e}`).
 */
export function quoted(value: unknown): string {
  return `'${excerpt(String(value))}'`;
}

/** The same without the quotes. */
export function excerpt(text: string, max = QUOTED_LENGTH): string {
  const characters = Array.from(text);
  const kept = characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : text;
  return kept.replace(INVISIBLE, (character) => {
    if (character === '\n') return '\\n';
    if (character === '\r') return '\\r';
    if (character === '\t') return '\\t';
    return `\\u{${character.codePointAt(0)!.toString(16)}}`;
  });
}
