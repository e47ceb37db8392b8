import { CompletionItem, InsertTextFormat, InsertTextMode, TextEdit } from 'vscode-languageserver';
import { LineIndex } from '../../server/src/engine';
import { resolveSnippet } from './features';

/**
 * Accepts a completion item as VS Code's editor does (SnippetSession.adjustWhitespace), every
 * tab stop taking its default: unless the item says `insertTextMode: asIs`, each line after the
 * first gets the leading whitespace of the line the completion starts on, up to its start; every
 * line break becomes the document's own. Returns the new text and where the insertion starts.
 */
export function acceptAsVSCode(text: string, item: CompletionItem): { text: string; start: number; inserted: string } {
  const edit = item.textEdit as TextEdit;
  const lines = new LineIndex(text);
  const start = lines.offsetAt(edit.range.start);
  const end = lines.offsetAt(edit.range.end);
  const body = item.insertTextFormat === InsertTextFormat.Snippet ? resolveSnippet(edit.newText) : edit.newText;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const leading = text.slice(lineStart, start).match(/^[ \t]*/)![0];
  const adjust = item.insertTextMode !== InsertTextMode.asIs;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const inserted = body
    .split(/\r\n|\r|\n/)
    .map((line, index) => (index > 0 && adjust ? leading + line : line))
    .join(eol);
  return { text: text.slice(0, start) + inserted + text.slice(end), start, inserted };
}

/**
 * What VS Code's Enter leaves at the end of `line` with this extension's language configuration
 * (syntaxes/language-configuration.json): the new line's indentation, and the text it appends.
 */
export function afterEnter(line: string, step = 2): string {
  const indent = line.match(/^ */)![0];
  const content = line.replace(/\r$/, '');
  if (/^\s*-[ \t]+[^\s#][^#]*:[ \t]*(?:[|>][-+0-9]*[ \t]*)?(?:#.*)?$/.test(content))
    return `${indent}${' '.repeat(step)}  `;
  if (/^\s*-[ \t]+[^\s#'"{[][^#:]*:[ \t]+[^\s#]/.test(content)) return `${indent}  `;
  if (/^\s*-[ \t]+(?![^#]*:(?:[ \t]|$))[^\s#]/.test(content)) return `${indent}- `;
  if (/^\s*[^\s#-][^#]*:[ \t]*(?:[|>][-+0-9]*[ \t]*)?(?:#.*)?$/.test(content)) return `${indent}${' '.repeat(step)}`;
  return indent;
}
