import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  TextEdit,
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

/** The item defaults (LSP 3.17) the list uses when the editor supports them (VS Code does). */
const ITEM_DEFAULTS = ['editRange', 'insertTextFormat', 'insertTextMode'];

/**
 * The list with what its items share said once (`itemDefaults`): the range they replace, their format and their
 * insert mode. The catalog's whole abuse cases are about 150 snippets at one place: a smaller answer to send and read.
 */
export function withItemDefaults(items: CompletionItem[]): CompletionList {
  const first = items[0]?.textEdit;
  const range = first && 'range' in first ? first.range : undefined;
  const sameRange =
    range !== undefined &&
    items.every((item) => {
      const edit = item.textEdit;
      return (
        edit !== undefined &&
        'range' in edit &&
        edit.range.start.line === range.start.line &&
        edit.range.start.character === range.start.character &&
        edit.range.end.line === range.end.line &&
        edit.range.end.character === range.end.character
      );
    });
  if (!sameRange || !items.every((item) => item.insertTextMode === InsertTextMode.asIs))
    return { isIncomplete: false, items };
  const snippets = items.filter((item) => item.insertTextFormat === InsertTextFormat.Snippet).length;
  const insertTextFormat = snippets * 2 >= items.length ? InsertTextFormat.Snippet : InsertTextFormat.PlainText;
  return {
    isIncomplete: false,
    itemDefaults: { editRange: range, insertTextFormat, insertTextMode: InsertTextMode.asIs },
    // Written out field by field (those toCompletionItem writes): a copy by rest and spread made each of the 150
    // items a dictionary, a seventh of the memory a catalog completion took.
    items: items.map((item) => ({
      label: item.label,
      kind: item.kind,
      detail: item.detail,
      documentation: item.documentation,
      textEditText: (item.textEdit as TextEdit).newText,
      insertTextFormat: item.insertTextFormat === insertTextFormat ? undefined : item.insertTextFormat,
      sortText: item.sortText,
      filterText: item.filterText,
      preselect: item.preselect,
      data: item.data,
    })),
  };
}

export const completion: Feature = ({ connection, workspace, documents, clientCapabilities }) => {
  const defaultsSupported = () => {
    const supported = clientCapabilities().textDocument?.completion?.completionList?.itemDefaults ?? [];
    return ITEM_DEFAULTS.every((name) => supported.includes(name));
  };
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
    return defaultsSupported() ? withItemDefaults(items) : { isIncomplete: false, items };
  });
  connection.onCompletionResolve((item): CompletionItem => {
    const deferred = item.data as DeferredDocumentation | undefined;
    const write = deferred?.answer === latest.answer ? latest.documentation[deferred.index] : undefined;
    return write ? { ...item, documentation: { kind: MarkupKind.Markdown, value: write() } } : item;
  });
  return { completionProvider: { triggerCharacters: [' ', ':', '[', ',', '-'], resolveProvider: true } };
};
