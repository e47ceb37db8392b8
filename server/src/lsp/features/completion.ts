import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver';
import { Completion, completionsAt } from '../../engine/features/completion';
import { LineIndex } from '../../engine/text';
import { Feature } from './feature';

const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  template: CompletionItemKind.Snippet,
  snippet: CompletionItemKind.Snippet,
};

/**
 * The LSP item of an engine completion. Its text already carries the indentation of every line
 * for the column it goes at, so the editor must insert it as it is: VS Code's default
 * (`adjustIndentation`) would add the current line's indentation again to each line after the first.
 */
export function toCompletionItem(completion: Completion, lines: LineIndex): CompletionItem {
  return {
    label: completion.label,
    kind: KINDS[completion.kind],
    detail: completion.detail,
    documentation: completion.documentation ? { kind: MarkupKind.Markdown, value: completion.documentation } : undefined,
    textEdit: { range: lines.rangeOf(completion.range), newText: completion.insertText },
    insertTextFormat: completion.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    sortText: completion.sortText,
    filterText: completion.filterText,
    preselect: completion.preselect,
  };
}

export const completion: Feature = ({ connection, workspace, documents }) => {
  connection.onCompletion(({ textDocument, position }): CompletionList | null => {
    const file = workspace.file(textDocument.uri);
    if (!file || !documents.get(textDocument.uri)) return null;
    const items = completionsAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position)).map((completion) => toCompletionItem(completion, file.lineIndex));
    return { isIncomplete: false, items };
  });
  return { completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'] } };
};
