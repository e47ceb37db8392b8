import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditorsDiscardingChanges, openWorkspaceFile, positionOf, waitFor } from './helpers';

describe('navigation in VS Code', () => {
  afterEach(closeAllEditorsDiscardingChanges);

  it('goes from a backlog reference to the other file where the item is defined (F12)', async () => {
    const editor = await openWorkspaceFile('sign-in.usecase.yaml');
    const at = positionOf(editor.document, '[RM-602]', 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const target = await waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.path.endsWith('/backlog.usecase.yaml') && active;
      },
      'backlog.usecase.yaml to open',
    );
    const line = target.document.lineAt(target.selection.active.line).text;
    assert.match(line, /- id: RM-602$/);
  });

  it('gives the Outline view and the breadcrumbs the use cases, their abuse cases inside', async () => {
    // What the Outline view and the breadcrumbs show is what this provider answers, in the real editor.
    const editor = await openWorkspaceFile('billing.usecase.yaml');
    const symbols =
      (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        editor.document.uri,
      )) ?? [];
    const useCases = symbols.filter((symbol) => symbol.name.startsWith('UC-'));
    assert.deepStrictEqual(
      useCases.map((symbol) => symbol.name),
      ['UC-subscribe', 'UC-invoices'],
    );
    assert.ok(useCases[0].children.some((child) => child.name.startsWith('AB-')));
  });
});
