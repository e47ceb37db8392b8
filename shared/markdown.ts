/**
 * User text in Markdown, shown as written: no emphasis, code, links, images, math or HTML inside it
 * (what would make a link or an image starts with `[`, which is escaped), and no heading, list or quote
 * at its start. Plain punctuation elsewhere (`RM-7`, `v1.2`, `(owner, admin)`) stays as it is.
 * No imports: the client and the server both use it (shared/, the contract).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~$]/g, (character) => `\\${character}`)
    .replace(/^(\s*)([#+\->]|\d+[.)])/, (_match, space: string, marker: string) => `${space}\\${marker}`);
}
