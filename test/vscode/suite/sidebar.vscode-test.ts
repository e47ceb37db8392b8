import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AbuseCasesApi } from '../../../client/src/extension';
import type { Row } from '../../../client/src/coverageView';
import { closeAllEditorsDiscardingChanges, EXTENSION_ID, openWorkspaceFile, positionOf, waitFor } from './helpers';

/** The tree as a user reads it: every row's label and description, depth-first. */
function rowsOf(api: AbuseCasesApi, rows: Row[] = api.sidebar.provider.getChildren()): Row[] {
  return rows.flatMap((row) => [row, ...rowsOf(api, api.sidebar.provider.getChildren(row))]);
}

function itemOf(api: AbuseCasesApi, row: Row): vscode.TreeItem {
  return api.sidebar.provider.getTreeItem(row);
}

function findRow(api: AbuseCasesApi, label: RegExp): Row {
  const row = rowsOf(api).find((candidate) => label.test(String(itemOf(api, candidate).label)));
  assert.ok(row, `no row labelled ${label}; rows: ${rowsOf(api).map((r) => itemOf(api, r).label).join(' | ')}`);
  return row;
}

describe('the Security coverage sidebar', function () {
  let api: AbuseCasesApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!;
    api = extension.isActive ? extension.exports : await extension.activate();
    await vscode.commands.executeCommand('abuseCases.coverage.focus');
    // The complete model of the sample workspace (11 use cases), not one fetched while the server was still indexing.
    await waitFor(api.sidebar.provider.onDidChangeTreeData, () => api.sidebar.provider.current?.summary.useCases === 11, 'the coverage model of all 11 use cases');
  });
  afterEach(closeAllEditorsDiscardingChanges);

  it('shows backlog items, the use cases they build, their abuse cases and mitigations, with CIA badges and states', () => {
    const epic = findRow(api, /^RM-400$/);
    const subscribe = findRow(api, /^UC-subscribe$/);
    assert.strictEqual(subscribe.parent?.parent, epic, 'the use case sits under its story, under the epic');
    const item = itemOf(api, subscribe);
    assert.strictEqual(item.description, 'C ✓ I ✗ A ✓ · Pay for a subscription by card');
    assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.match((item.tooltip as vscode.MarkdownString).value, /integrity: required high by data class `payment` — ✗ no abuse case threatens it/);
    assert.match(String(itemOf(api, epic).description), /^C ✓ I ✗ A ✓/, 'a backlog item shows the worst of what it builds');
    const abuseCase = api.sidebar.provider.getChildren(subscribe)[0];
    assert.strictEqual(abuseCase.kind, 'abuse-case');
    assert.ok(api.sidebar.provider.getChildren(abuseCase).every((row) => row.kind === 'mitigation'));
  });

  it('opens the file and selects the node when a row is clicked', async () => {
    const command = itemOf(api, findRow(api, /^UC-subscribe$/)).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor(vscode.window.onDidChangeActiveTextEditor, () => vscode.window.activeTextEditor, 'an editor');
    assert.match(editor.document.uri.path, /billing\.usecase\.yaml$/);
    assert.strictEqual(editor.document.getText(editor.selection), 'UC-subscribe');
  });

  it('reveals the row of the node under the cursor', async () => {
    const editor = await openWorkspaceFile('billing.usecase.yaml');
    const inside = positionOf(editor.document, 'title:', 2, 'UC-subscribe');
    editor.selection = new vscode.Selection(inside, inside);
    await waitFor(api.sidebar.view.onDidChangeSelection, () => api.sidebar.view.selection[0]?.id.endsWith('/u:UC-subscribe'), 'the use case row to be selected');
  });

  it('turns ✗ into ✓ when an abuse case is added from the row', async () => {
    const updated = api.sidebar.nextUpdate();
    await vscode.commands.executeCommand('abuseCases.addAbuseCase', findRow(api, /^UC-subscribe$/));
    await updated;
    await waitFor(api.sidebar.provider.onDidChangeTreeData, () => String(itemOf(api, findRow(api, /^UC-subscribe$/)).description).startsWith('C ✓ I ✓ A ✓'), 'integrity to be covered');
    const document = vscode.window.activeTextEditor!.document;
    assert.match(document.getText(), /template: [a-z-]+\n/);
  });

  it('summarises the coverage and the quality gate in the status bar', () => {
    // The examples keep open high risks on purpose, which the default gate stops.
    assert.match(api.sidebar.statusText(), /^\$\(shield\) \d+\/\d+ · \d+ high risks? open · gate failing$/);
  });

  it('filters to open risks and groups by sprint', async () => {
    await vscode.commands.executeCommand('abuseCases.showOpenRisksOnly');
    const states = rowsOf(api).filter((row) => row.kind !== 'group' && api.sidebar.provider.getChildren(row).length === 0).map((row) => (row.kind === 'group' ? '' : row.node.state));
    assert.ok(states.length > 0 && states.every((state) => state === 'open'), states.join());
    await vscode.commands.executeCommand('abuseCases.showAll');

    await vscode.workspace.getConfiguration('abuseCases.sidebar').update('groupBy', 'sprint', vscode.ConfigurationTarget.Global);
    try {
      await waitFor(api.sidebar.provider.onDidChangeTreeData, () => api.sidebar.provider.getChildren()[0]?.kind === 'group', 'sprint groups');
      const labels = api.sidebar.provider.getChildren().map((row) => String(itemOf(api, row).label));
      assert.ok(labels.some((label) => /^Sprint /.test(label)), labels.join());
      const descriptions = api.sidebar.provider.getChildren().map((row) => String(itemOf(api, row).description));
      assert.ok(descriptions.some((description) => /^\d+ · \d+ % security$/.test(description)), `each sprint shows its share of security work: ${descriptions.join()}`);
    } finally {
      await vscode.workspace.getConfiguration('abuseCases.sidebar').update('groupBy', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
