import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  closeAllEditorsDiscardingChanges,
  codeOf,
  hasFinding,
  openWorkspaceFile,
  positionOf,
  RULE_DOCS,
  waitForFindings,
  workspaceFile,
} from './helpers';

/** The abuse case that closes the deliberate integrity gap of UC-subscribe (examples/billing.usecase.yaml). */
const INTEGRITY_ABUSE_CASE = [
  '      - id: AB-forged-payment-webhook',
  '        title: A forged payment webhook marks an unpaid subscription as paid',
  '        actor: Attacker who found the webhook address',
  '        intent: malicious',
  '        threatens: [integrity]',
  '        likelihood: possible',
  '        impact: major',
  '        mitigations:',
  '          - title: Verify the signature of every payment webhook',
  '            backlog: [RM-404]',
  '            status: planned',
  '',
].join('\n');

describe('diagnostics in VS Code', () => {
  afterEach(closeAllEditorsDiscardingChanges);

  it("shows the cia-uncovered warning of an opened file, with the extension's source and a link to the rule", async () => {
    const { document } = await openWorkspaceFile('billing.usecase.yaml');
    const findings = await waitForFindings(document.uri, hasFinding('cia-uncovered'), 'cia-uncovered');
    const uncovered = findings.find((d) => codeOf(d) === 'cia-uncovered')!;
    assert.strictEqual(uncovered.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(uncovered.source, 'abuse-cases');
    assert.match(uncovered.message, /integrity/);
    assert.strictEqual(
      uncovered.range.start.line,
      positionOf(document, 'data: [payment', 0, 'id: UC-subscribe').line,
      'on the data class that requires it',
    );
    const code = uncovered.code as { value: string; target: vscode.Uri };
    assert.strictEqual(typeof code, 'object', 'the code carries the rule page');
    assert.strictEqual(code.target.toString(true), `${RULE_DOCS}cia-uncovered.md`);
  });

  it('drops the warning when an edit adds an abuse case threatening integrity, and brings it back on revert', async () => {
    const { document } = await openWorkspaceFile('billing.usecase.yaml');
    await waitForFindings(document.uri, hasFinding('cia-uncovered'), 'cia-uncovered');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, positionOf(document, '      - id: AB-card-numbers-logged'), INTEGRITY_ABUSE_CASE);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await waitForFindings(
      document.uri,
      (findings) => !hasFinding('cia-uncovered')(findings),
      'no cia-uncovered',
    );
    assert.deepStrictEqual(
      after.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message),
      [],
      'the inserted abuse case is valid',
    );

    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForFindings(document.uri, hasFinding('cia-uncovered'), 'cia-uncovered again after revert');
  });

  it('follows abuse-cases.config.yaml: a rule turned off there disappears everywhere, and comes back when the file goes', async () => {
    const billing = workspaceFile('billing.usecase.yaml');
    await waitForFindings(billing, hasFinding('cia-uncovered'), 'cia-uncovered');
    const config = workspaceFile('abuse-cases.config.yaml');
    await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('rules:\n  cia-uncovered: off\n'));
    try {
      await waitForFindings(billing, (findings) => !hasFinding('cia-uncovered')(findings), 'cia-uncovered to be off');
    } finally {
      await vscode.workspace.fs.delete(config);
    }
    await waitForFindings(billing, hasFinding('cia-uncovered'), 'cia-uncovered after the configuration is deleted');
  });

  it('shows the findings of files that were never opened', async () => {
    const backlog = workspaceFile('backlog.usecase.yaml');
    assert.ok(
      !vscode.workspace.textDocuments.some((d) => d.uri.toString() === backlog.toString()),
      'backlog.usecase.yaml is not open',
    );
    const findings = await waitForFindings(backlog, hasFinding('done-with-open-risk'), 'done-with-open-risk');
    const openRisk = findings.find((d) => codeOf(d) === 'done-with-open-risk')!;
    assert.strictEqual(openRisk.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(openRisk.message, /RM-301/);
    await waitForFindings(workspaceFile('privacy.usecase.yaml'), hasFinding('unmitigated'), 'unmitigated');
  });
});
