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

  it('carries its grammar, snippets and walkthrough', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    assert.ok(contributes.grammars[0].path && contributes.snippets[0].path && contributes.walkthroughs[0].steps.length === 4);
  });
});
