import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AbuseCasesApi } from '../../../client/src/extension';
import { closeAllEditorsDiscardingChanges, EXTENSION_ID, openWorkspaceFile, waitFor } from './helpers';

/** The lenses VS Code shows in a document, their commands resolved. */
async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

/** `line: title`, the line 1-based. */
const titleOf = (lens: vscode.CodeLens) => `${lens.range.start.line + 1}: ${lens.command?.title}`;

describe('code lenses and inlay hints', function () {
  let api: AbuseCasesApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!;
    api = extension.isActive ? extension.exports : await extension.activate();
    // The whole sample workspace indexed (11 use cases): the lenses count what every file says.
    await waitFor(
      api.sidebar.onDidUpdate,
      () => api.sidebar.summary()?.summary.useCases === 11,
      'the coverage model of all 11 use cases',
    );
  });
  afterEach(closeAllEditorsDiscardingChanges);

  it("shows a use case's CIA state above it, and its click reveals the use case's row in the coverage view", async () => {
    const editor = await openWorkspaceFile('billing.usecase.yaml');
    const lenses = await lensesOf(editor.document.uri);
    const subscribe = lenses.find((lens) => lens.range.start.line === 5);
    assert.strictEqual(
      subscribe && titleOf(subscribe),
      '6: C ✓ I ✗ A ✓ · 3 abuse cases · none open',
      lenses.map(titleOf).join('\n'),
    );
    assert.notStrictEqual(api.sidebar.view.selection[0]?.id.endsWith('/u:UC-subscribe'), true, 'not selected yet');
    const { command, arguments: args = [] } = subscribe!.command!;
    await vscode.commands.executeCommand(command, ...args);
    await waitFor(
      api.sidebar.view.onDidChangeSelection,
      () => api.sidebar.view.visible && api.sidebar.view.selection[0]?.id.endsWith('/u:UC-subscribe'),
      "the use case's row to be selected in the visible coverage view",
      undefined,
      () => `visible: ${api.sidebar.view.visible}, selected: ${api.sidebar.view.selection.map((row) => row.id).join()}`,
    );
  });

  it("lists what names a backlog item in the references view, from the item's lens", async () => {
    const editor = await openWorkspaceFile('backlog.usecase.yaml');
    const lenses = await lensesOf(editor.document.uri);
    const item = lenses.find((lens) => editor.document.getText(lens.range) === 'RM-401');
    assert.strictEqual(item?.command?.title, '1 use case · 0 mitigations');
    const { command, arguments: args = [] } = item.command;
    // VS Code's references view refuses anything but its own Uri, Position and Location objects: the client converts.
    await vscode.commands.executeCommand(command, ...args);
    await vscode.commands.executeCommand('closeReferenceSearch');
  });

  it('writes after a backlog reference its status and sprint', async () => {
    const editor = await openWorkspaceFile('billing.usecase.yaml');
    const line = editor.document.lineAt(11);
    assert.strictEqual(line.text.trim(), 'backlog: [RM-401]');
    const hints =
      (await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        editor.document.uri,
        line.range,
      )) ?? [];
    assert.deepStrictEqual(
      hints.map((hint) => [hint.position.character, hint.label]),
      [[line.text.indexOf(']'), '· done · Sprint 39']],
    );
  });
});
