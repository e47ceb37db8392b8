import { showInvisible } from '../../../shared/markdown';

/** At most this many characters of a value in a message: enough to recognise it, never a whole file. */
export const QUOTED_LENGTH = 60;

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
  return showInvisible(kept);
}
