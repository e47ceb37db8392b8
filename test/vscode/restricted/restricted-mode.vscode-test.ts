/** What the extension does in a workspace VS Code does not trust: it runs, and reads nothing outside the workspace. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AbuseCasesApi } from '../../../client/src/extension';
import { codeOf, EXTENSION_ID, findingsOf, hasFinding, waitForFindings, workspaceFile } from '../suite/helpers';

describe('Restricted Mode (an untrusted workspace)', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!;
    if (!extension.isActive) await extension.activate();
  });

  it('analyses the workspace, and says on the configuration that the catalog outside it is not read', async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the launcher opened the workspace untrusted');
    const config = workspaceFile('abuse-cases.config.yaml');
    const notices = await waitForFindings(config, hasFinding('catalog-not-read'), 'the catalog-not-read finding');
    const notice = notices.find((finding) => codeOf(finding) === 'catalog-not-read')!;
    assert.strictEqual(notice.severity, vscode.DiagnosticSeverity.Information);
    assert.match(notice.message, /not read while the workspace is not trusted \(Restricted Mode\)/);
    // The files inside the workspace are analysed as usual, and the outside catalog's template stays unknown.
    const useCase = workspaceFile('outside-template.usecase.yaml');
    await waitForFindings(useCase, hasFinding('unknown-template'), 'the outside template unknown');
    assert.deepStrictEqual(findingsOf(config).map(codeOf), ['catalog-not-read']);
  });
});
