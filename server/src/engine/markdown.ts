/** User text in Markdown: no formatting, no links, no HTML. No imports: the client bundles it through the protocol. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~$]/g, (character) => `\\${character}`);
}
