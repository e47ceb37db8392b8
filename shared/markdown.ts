/**
 * User text in Markdown, shown as written: no emphasis, code, links, images, math or HTML inside it
 * (what would make a link or an image starts with `[`, which is escaped), and no heading, list or quote
 * at its start. Plain punctuation elsewhere (`RM-7`, `v1.2`, `(owner, admin)`) stays as it is.
 * No imports: the client and the server both use it (shared/, the contract).
 */
export function escapeMarkdown(text: string): string {
  return showInvisible(text, { keepLineBreaks: true })
    .replace(/[\\`*_[\]<>|~$]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([#+\->]|\d+[.)])/, (_match, space: string, marker: string) => `${space}\\${marker}`);
}

/** Control characters, bidirectional controls and the BOM: never written raw into a message, a report or a terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are shown, never echoed
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Text with its invisible characters shown as escapes (`\n`, `\u{202e}`): a bidirectional override cannot reorder
 * what a reader sees (Trojan Source), an escape sequence cannot drive a terminal. Line breaks and tabs stay when
 * the place they go to has its own way of showing them.
 */
export function showInvisible(text: string, { keepLineBreaks = false } = {}): string {
  return text.replace(INVISIBLE, (character) => {
    if (character === '\n') return keepLineBreaks ? character : '\\n';
    if (character === '\t') return keepLineBreaks ? character : '\\t';
    if (character === '\r') return keepLineBreaks ? character : '\\r';
    return `\\u{${character.codePointAt(0)!.toString(16)}}`;
  });
}
