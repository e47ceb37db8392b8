import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, hasFinding, openWorkspaceFile, waitForFindings } from '../suite/helpers';

describe('the packaged extension (.vsix) installed in VS Code', () => {
  it('is the installed copy, not the repository, and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    assert.match(extension.extensionPath, /[\\/]extensions[\\/]abuse-cases\.abuse-cases-\d/);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('runs its bundled language server: findings appear on open', async () => {
    const editor = await openWorkspaceFile('billing.usecase.yaml');
    await waitForFindings(editor.document.uri, hasFinding('cia-uncovered'), 'cia-uncovered', 20_000);
  });

  it('carries its grammar and the pages of its walkthrough', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const { grammars, walkthroughs } = extension.packageJSON.contributes;
    const files = [
      grammars[0].path,
      ...walkthroughs[0].steps.map((step: { media: { markdown: string } }) => step.media.markdown),
    ];
    for (const file of files) await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, file));
  });

  it("offers the server's snippets: the whole-file snippet first in an empty file", async () => {
    const empty = await vscode.workspace.openTextDocument({ language: 'usecase-yaml', content: '' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      empty.uri,
      new vscode.Position(0, 0),
    );
    const first = [...list.items].sort((a, b) => ((a.sortText ?? '') < (b.sortText ?? '') ? -1 : 1))[0];
    assert.strictEqual(typeof first?.label === 'string' ? first.label : first?.label.label, 'New use-case file');
  });
});
