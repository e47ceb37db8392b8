import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
} from 'vscode-languageserver';
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

/** What an item whose documentation is written on `completionItem/resolve` carries: which answer, which item. */
interface DeferredDocumentation {
  answer: number;
  index: number;
}

/**
 * The LSP item of an engine completion. Its text already carries the indentation of every line
 * for the column it goes at, so the editor must insert it as it is: VS Code's default
 * (`adjustIndentation`) would add the current line's indentation again to each line after the first.
 * Documentation the engine defers travels as `data` (`deferred`) and is written on resolve.
 */
export function toCompletionItem(
  completion: Completion,
  lines: LineIndex,
  deferred?: DeferredDocumentation,
): CompletionItem {
  const documentation = typeof completion.documentation === 'string' ? completion.documentation : undefined;
  return {
    label: completion.label,
    kind: KINDS[completion.kind],
    detail: completion.detail,
    documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
    textEdit: { range: lines.rangeOf(completion.range), newText: completion.insertText },
    insertTextFormat: completion.isSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    sortText: completion.sortText,
    filterText: completion.filterText,
    preselect: completion.preselect,
    data: typeof completion.documentation === 'function' ? deferred : undefined,
  };
}

export const completion: Feature = ({ connection, workspace, documents }) => {
  // The deferred documentation of the latest answer only: the editor resolves the items it shows from it.
  let latest = { answer: 0, documentation: [] as (() => string)[] };
  connection.onCompletion(({ textDocument, position }): CompletionList | null => {
    const file = workspace.file(textDocument.uri);
    if (!file || !documents.get(textDocument.uri)) return null;
    latest = { answer: latest.answer + 1, documentation: [] };
    const items = completionsAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position)).map((completion) => {
      const write = completion.documentation;
      const deferred =
        typeof write === 'function'
          ? { answer: latest.answer, index: latest.documentation.push(write) - 1 }
          : undefined;
      return toCompletionItem(completion, file.lineIndex, deferred);
    });
    return { isIncomplete: false, items };
  });
  connection.onCompletionResolve((item): CompletionItem => {
    const deferred = item.data as DeferredDocumentation | undefined;
    const write = deferred?.answer === latest.answer ? latest.documentation[deferred.index] : undefined;
    return write ? { ...item, documentation: { kind: MarkupKind.Markdown, value: write() } } : item;
  });
  return { completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'], resolveProvider: true } };
};
