import { CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import { Completion, completionsAt } from '../../engine/features/completion';
import { Feature } from './feature';

const KINDS: Record<Completion['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  reference: CompletionItemKind.Reference,
  template: CompletionItemKind.Snippet,
};

export const completion: Feature = ({ connection, workspace, documents }) => {
  connection.onCompletion(({ textDocument, position }): CompletionList | null => {
    const file = workspace.file(textDocument.uri);
    if (!file || !documents.get(textDocument.uri)) return null;
    const items = completionsAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position)).map(
      (completion): CompletionItem => ({
        label: completion.label,
        kind: KINDS[completion.kind],
        detail: completion.detail,
        documentation: completion.documentation ? { kind: MarkupKind.Markdown, value: completion.documentation } : undefined,
        textEdit: { range: file.lineIndex.rangeOf(completion.range), newText: completion.insertText },
        insertTextFormat: completion.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        sortText: completion.sortText,
        filterText: completion.filterText,
        preselect: completion.preselect,
      }),
    );
    return { isIncomplete: false, items };
  });
  return { completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'] } };
};
