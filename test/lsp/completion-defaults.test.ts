/**
 * A completion list sent with item defaults (LSP 3.17 `itemDefaults`, which VS Code supports) must read, item by
 * item, exactly as the full items do once the editor applies the defaults.
 */
import * as assert from 'assert';
import { CompletionItem, CompletionList, InsertTextFormat, InsertTextMode, TextEdit } from 'vscode-languageserver';
import { Workspace } from '../../server/src/engine';
import { completionsAt } from '../../server/src/engine/features/completion';
import { toCompletionItem, withItemDefaults } from '../../server/src/lsp/features/completion';
import { MAIN_URI, TODAY } from '../helpers/engine';
import { dedent, marked } from '../helpers/marked';

/** The full LSP items of the completions at the `|` of a use-case file. */
function itemsAt(source: string): CompletionItem[] {
  const { text, cursor } = marked(dedent(source), { cursor: true });
  const workspace = new Workspace({ today: () => TODAY });
  workspace.set(MAIN_URI, text);
  const lines = workspace.file(MAIN_URI)!.lineIndex;
  return completionsAt(workspace, MAIN_URI, cursor!).map((completion) => toCompletionItem(completion, lines));
}

/** An item of a list as the editor reads it: the list's defaults filled in where the item says nothing. */
function asTheEditorReadsIt(list: CompletionList, item: CompletionItem): CompletionItem {
  const defaults = list.itemDefaults;
  if (!defaults) return item;
  const { textEditText, ...rest } = item;
  const range = defaults.editRange as TextEdit['range'];
  return {
    ...rest,
    textEdit: item.textEdit ?? { range, newText: textEditText ?? item.label },
    insertTextFormat: item.insertTextFormat ?? defaults.insertTextFormat,
    insertTextMode: item.insertTextMode ?? defaults.insertTextMode,
  };
}

/** A new item under `abuse_cases:`: the catalog's whole abuse cases, about 150 snippets at one place. */
const CATALOG_PLACE = `
  use_cases:
    - id: UC-checkout
      title: Pay at checkout with a card
      data: [payment]
      abuse_cases:
        - |
`;

describe('completion: item defaults', () => {
  it('sends the whole abuse cases of the catalog with their shared range and format said once', () => {
    const items = itemsAt(CATALOG_PLACE);
    assert.ok(items.length > 80, `${items.length} items`);
    const list = withItemDefaults(items);
    assert.deepStrictEqual(list.itemDefaults, {
      editRange: (items[0].textEdit as TextEdit).range,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    });
    assert.ok(list.items.every((item) => item.textEdit === undefined && item.textEditText !== undefined));
    assert.ok(JSON.stringify(list).length < JSON.stringify(items).length * 0.95, 'a smaller answer');
    assert.deepStrictEqual(
      list.items.map((item) => asTheEditorReadsIt(list, item)),
      items,
    );
  });

  it('keeps the format of an item that differs from the most common one', () => {
    const [first, ...others] = itemsAt(CATALOG_PLACE);
    const items = [{ ...first, insertTextFormat: InsertTextFormat.PlainText }, ...others];
    const list = withItemDefaults(items);
    assert.strictEqual(list.itemDefaults?.insertTextFormat, InsertTextFormat.Snippet);
    assert.strictEqual(list.items[0].insertTextFormat, InsertTextFormat.PlainText);
    assert.deepStrictEqual(
      list.items.map((item) => asTheEditorReadsIt(list, item)),
      items,
    );
  });

  it('sends full items when they replace different ranges', () => {
    const items = itemsAt(CATALOG_PLACE);
    const moved = items.map((item, index) =>
      index === 0
        ? {
            ...item,
            textEdit: {
              ...(item.textEdit as TextEdit),
              range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            },
          }
        : item,
    );
    assert.deepStrictEqual(withItemDefaults(moved), { isIncomplete: false, items: moved });
  });
});
