import * as assert from 'assert';
import * as vscode from 'vscode';
import { TextDecoder } from 'util';
import type { AbuseCasesApi } from '../../../client/src/extension';
import type { Row } from '../../../client/src/coverageView';
import {
  closeAllEditorsDiscardingChanges,
  EXTENSION_ID,
  openWorkspaceFile,
  playInPage,
  positionOf,
  waitFor,
  waitUntil,
  workspaceFile,
} from './helpers';

/** The tree as a user reads it, all expanded: every row, depth-first, each level asked of the server. */
function rowsOf(api: AbuseCasesApi, rows?: Row[]): Promise<Row[]> {
  return api.sidebar.provider.allRows(rows);
}

function childrenOf(api: AbuseCasesApi, row?: Row): Promise<Row[]> {
  return api.sidebar.provider.getChildren(row);
}

function itemOf(api: AbuseCasesApi, row: Row): vscode.TreeItem {
  return api.sidebar.provider.getTreeItem(row);
}

async function findRow(api: AbuseCasesApi, label: RegExp): Promise<Row> {
  const rows = await rowsOf(api);
  const row = rows.find((candidate) => label.test(String(itemOf(api, candidate).label)));
  assert.ok(row, `no row labelled ${label}; rows: ${rows.map((r) => itemOf(api, r).label).join(' | ')}`);
  return row;
}

describe('the Security coverage sidebar', function () {
  let api: AbuseCasesApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!;
    api = extension.isActive ? extension.exports : await extension.activate();
    await vscode.commands.executeCommand('abuseCases.coverage.focus');
    // The complete model of the sample workspace (11 use cases), not one fetched while the server was still indexing.
    await waitFor(
      api.sidebar.onDidUpdate,
      () => api.sidebar.summary()?.summary.useCases === 11,
      'the coverage model of all 11 use cases',
    );
  });
  afterEach(closeAllEditorsDiscardingChanges);

  it('shows backlog items, the use cases they build, their abuse cases and mitigations, with CIA badges and states', async () => {
    const epic = await findRow(api, /^RM-400$/);
    const subscribe = await findRow(api, /^UC-subscribe$/);
    const story = await api.sidebar.provider.getParent(subscribe);
    assert.strictEqual(
      story && (await api.sidebar.provider.getParent(story))?.id,
      epic.id,
      'the use case sits under its story, under the epic',
    );
    const item = itemOf(api, subscribe);
    assert.strictEqual(item.description, 'C ✓ I ✗ A ✓ · Pay for a subscription by card');
    assert.strictEqual(
      (item.iconPath as vscode.ThemeIcon).id,
      'error',
      'a dimension nobody thought of is the worst state',
    );
    assert.strictEqual(item.tooltip, undefined, 'the tooltip comes when the row is hovered');
    const hovered = await api.sidebar.provider.resolveTreeItem(item, subscribe);
    const tooltip = (hovered.tooltip as vscode.MarkdownString).value;
    assert.match(
      tooltip,
      /^\*\*UC-subscribe\*\* Pay for a subscription by card\n/,
      'the whole title, in a paragraph that wraps',
    );
    assert.match(
      tooltip,
      /- `✗` integrity: \*\*not thought of\*\* — required high by data class `payment`; no abuse case threatens it/,
    );
    assert.match(tooltip, /\[What do the marks mean\?\]\(command:abuseCases\.showLegend\)/);
    assert.match(
      String(itemOf(api, epic).description),
      /^C ✓ I ✗ A ✓/,
      'a backlog item shows the worst of what it builds',
    );
    const abuseCase = (await childrenOf(api, subscribe))[0];
    assert.strictEqual(abuseCase.kind, 'abuse-case');
    assert.ok((await childrenOf(api, abuseCase)).every((row) => row.kind === 'mitigation'));
  });

  it('summarises the coverage, the baseline and the quality gate in the status bar', () => {
    // The examples keep open high risks and one baseline gap on purpose; the default gate stops the risks.
    assert.match(
      api.sidebar.statusText(),
      /^\$\(shield\) \d+\/\d+ · \d+ high risks? open · 1 baseline gap · gate failing$/,
    );
  });

  it('shows the security baseline first: the question nothing answers, and what answers the others', async () => {
    const [baseline] = await childrenOf(api);
    assert.deepStrictEqual(
      [itemOf(api, baseline).label, itemOf(api, baseline).description],
      ['Security baseline', '1 not answered'],
    );
    const questions = await childrenOf(api, baseline);
    const incident = questions.find((row) => itemOf(api, row).label === 'Incident readiness')!;
    assert.strictEqual(itemOf(api, incident).description, '✗ not answered');
    // A click opens the finding, on the product line of the first file that names the product.
    const opened = vscode.window.onDidChangeActiveTextEditor;
    const shown = waitFor(
      opened,
      (editor) => (editor?.document.uri.path.endsWith('/admin.usecase.yaml') ? editor : undefined),
      'admin.usecase.yaml to open',
    );
    const command = itemOf(api, incident).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await shown;
    assert.strictEqual(editor.document.getText(editor.selection), 'Roadmaps');
    const finding = vscode.languages
      .getDiagnostics(editor.document.uri)
      .find((d) => d.code !== undefined && JSON.stringify(d.code).includes('baseline-gap'));
    assert.ok(finding, 'the baseline-gap warning is on that line');
    assert.strictEqual(finding.range.start.line, editor.selection.start.line);
    const backups = questions.find((row) => itemOf(api, row).label === 'Backups')!;
    assert.strictEqual(itemOf(api, backups).description, '✓ answered · verified');
    const answers = await childrenOf(api, backups);
    assert.ok(
      answers.some((row) => itemOf(api, row).label === 'RM-601'),
      answers.map((row) => itemOf(api, row).label).join(' | '),
    );
  });

  it('lists what has lapsed or lapses soon after the baseline, and opens its date', async () => {
    const [, expiring] = await childrenOf(api);
    assert.strictEqual(itemOf(api, expiring).label, 'Expiring soon');
    const rows = await childrenOf(api, expiring);
    const lockout = rows.find((row) => itemOf(api, row).label === 'Slow down and lock out repeated failed sign-ins');
    assert.ok(lockout, rows.map((row) => itemOf(api, row).label).join(' | '));
    assert.match(String(itemOf(api, lockout).description), /^verification · lapsed 2026-09-10 \(\d+ days ago\)$/);
    const shown = waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      (editor) => (editor?.document.uri.path.endsWith('/sign-in.usecase.yaml') ? editor : undefined),
      'sign-in.usecase.yaml to open',
    );
    const command = itemOf(api, lockout).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await shown;
    assert.strictEqual(editor.document.getText(editor.selection), '2026-03-10');
  });

  it("lists the third parties with their review's standing, and opens a vendor", async () => {
    const [, , vendors] = await childrenOf(api);
    assert.strictEqual(itemOf(api, vendors).label, 'Third parties');
    const rows = await childrenOf(api, vendors);
    assert.deepStrictEqual(
      rows.map((row) => [itemOf(api, row).label, itemOf(api, row).description]),
      [
        ['stripe', '✓ reviewed · until 2026-12-20 · Stripe'],
        ['postmark', '✓ reviewed · until 2027-06-01 · Postmark'],
        ['plausible', '– no review needed · Plausible Analytics'],
      ],
    );
    const shown = waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      (editor) => (editor?.document.uri.path.endsWith('/vendors.usecase.yaml') ? editor : undefined),
      'vendors.usecase.yaml to open',
    );
    const command = itemOf(api, rows[1]).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await shown;
    assert.strictEqual(editor.document.getText(editor.selection), 'postmark');
  });

  it('does not show the mitigated mark on a use case whose abuse cases are all open', async () => {
    const mfa = itemOf(api, await findRow(api, /^UC-mfa$/));
    assert.match(String(mfa.description), /^C ! I ! A ! · /);
    assert.ok(!String(mfa.description).includes('✓'), String(mfa.description));
    assert.strictEqual((mfa.iconPath as vscode.ThemeIcon).id, 'warning');
    // An abuse-case row: the dimensions it threatens, each with its state, not a bare letter.
    const abuseCases = (await childrenOf(api, await findRow(api, /^UC-mfa$/))).map((row) =>
      String(itemOf(api, row).description),
    );
    assert.ok(
      abuseCases.length > 0 && abuseCases.every((description) => /^([CIA] ! ?)+ · open · /.test(description)),
      abuseCases.join(' | '),
    );
  });

  it('gives an epic whose abuse cases are all mitigated no warning, and shows what a security story mitigates', async () => {
    const epic = await findRow(api, /^RM-200$/);
    const icon = itemOf(api, epic).iconPath as vscode.ThemeIcon;
    assert.notStrictEqual(icon.id, 'warning');
    assert.strictEqual(icon.id, 'pass');
    assert.match(String(itemOf(api, epic).description), /^C ✓ I ✓ A ✓ · /);
    const below = (await rowsOf(api, await childrenOf(api, epic))).map(
      (row) => (itemOf(api, row).iconPath as vscode.ThemeIcon).id,
    );
    assert.ok(!below.includes('warning') && !below.includes('error'), below.join());
    // RM-302 builds a planned mitigation of the open AB-link-forwarded, which threatens confidentiality.
    const story = itemOf(api, await findRow(api, /^RM-302$/));
    assert.match(String(story.description), /^C ! I – A – · /);
    const built = (await childrenOf(api, await findRow(api, /^RM-302$/))).map(
      (row) => `${itemOf(api, row).label} ${itemOf(api, row).description}`,
    );
    assert.ok(
      built.some((text) => /^AB-link-forwarded C ! · builds: /.test(text)),
      built.join(' | '),
    );
  });

  it('opens the file and selects the node when a row is clicked', async () => {
    const command = itemOf(api, await findRow(api, /^UC-subscribe$/)).command!;
    assert.strictEqual(
      command.command,
      'vscode.open',
      'the command VS Code passes the click to, as the Explorer opens files',
    );
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      () => vscode.window.activeTextEditor,
      'an editor',
    );
    assert.match(editor.document.uri.path, /billing\.usecase\.yaml$/);
    assert.strictEqual(editor.document.getText(editor.selection), 'UC-subscribe');
  });

  it('previews on a single click with the focus kept in the tree, and opens with the focus on a double click', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const row = await findRow(api, /^UC-subscribe$/);
    await vscode.commands.executeCommand('abuseCases.coverage.focus');
    await api.sidebar.view.reveal(row, { select: false, focus: false });
    const rowInPage = `.part.sidebar .monaco-list-row:has-text("UC-subscribe")`;
    const opened = waitFor(
      vscode.window.onDidChangeActiveTextEditor,
      () => vscode.window.activeTextEditor,
      'the previewed file',
      undefined,
      () =>
        `selection ${api.sidebar.view.selection.map((r) => r.id)}; tabs ${vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label))}`,
    );
    await playInPage([{ click: rowInPage }], 'a click on the row');
    const editor = await opened;
    assert.match(editor.document.uri.path, /billing\.usecase\.yaml$/);
    assert.strictEqual(editor.document.getText(editor.selection), 'UC-subscribe');
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, true, 'opened in preview mode');
    // `type` types into the editor that has the focus, and only into it: nothing is typed while the tree keeps it.
    const text = editor.document.getText();
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('type', { text: 'Z' });
    assert.strictEqual(editor.document.getText(), text, 'the editor took the focus');
    assert.ok(api.sidebar.view.visible);

    // A double click: the file opens pinned, and the focus goes to the editor (the check above, the other way round).
    const pinned = waitFor(
      vscode.window.tabGroups.onDidChangeTabs,
      () => vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview === false,
      'the file to be pinned',
    );
    await playInPage([{ click: rowInPage, double: true }], 'a double click on the row');
    await pinned;
    // Typed into the file's first line, a comment, so that the model stays as it is; then undone, and the view refreshed.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const typed = waitFor(
      vscode.workspace.onDidChangeTextDocument,
      () => editor.document.getText() !== text,
      'typing to reach the editor, which has the focus now',
    );
    await vscode.commands.executeCommand('type', { text: 'Z' });
    await typed;
    const refreshed = api.sidebar.nextUpdate();
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await refreshed;
    // Leave another row selected, as the tests after this one expect to find the tree.
    await api.sidebar.view.reveal(await findRow(api, /^RM-100$/), { select: true, focus: false });
  });

  it('reveals the row of the node under the cursor', async () => {
    const editor = await openWorkspaceFile('billing.usecase.yaml');
    const inside = positionOf(editor.document, 'title:', 2, 'UC-subscribe');
    editor.selection = new vscode.Selection(inside, inside);
    await waitFor(
      api.sidebar.view.onDidChangeSelection,
      () => api.sidebar.view.selection[0]?.id.endsWith('/u:UC-subscribe'),
      'the use case row to be selected',
    );
  });

  it('turns ✗ (not thought of) into ! (open) when an abuse case is added from the row', async () => {
    const updated = api.sidebar.nextUpdate();
    await vscode.commands.executeCommand('abuseCases.addAbuseCase', await findRow(api, /^UC-subscribe$/));
    await updated;
    const description = async () => String(itemOf(api, await findRow(api, /^UC-subscribe$/)).description);
    await waitUntil(
      api.sidebar.onDidUpdate,
      async () => (await description()).match(/^C \S+ I ! A \S+ · /),
      'integrity to be thought of, and open',
      undefined,
      description,
    );
    const document = vscode.window.activeTextEditor!.document;
    assert.match(document.getText(), /template: [a-z-]+\n/);
  });

  it('filters to open risks and groups by sprint, remembering both without writing .vscode/settings.json', async () => {
    const settingsFile = workspaceFile('.vscode/settings.json');
    const settingsBefore = await readOrUndefined(settingsFile);
    assert.strictEqual(api.sidebar.view.description, 'by backlog item');

    await vscode.commands.executeCommand('abuseCases.showOpenRisksOnly');
    try {
      const leaves = (await rowsOf(api)).filter(
        (row) => row.kind !== 'group' && row.kind !== 'mitigation' && row.collapsible === 'none',
      );
      const states = leaves.map((row) => row.state);
      assert.ok(states.length > 0 && states.every((state) => state === 'open' || state === 'uncovered'), states.join());
      assert.strictEqual(api.sidebar.view.description, 'by backlog item · open risks only');
      assert.strictEqual(api.sidebar.restoredState().openRisksOnly, true, 'the filter survives a reload');
    } finally {
      await vscode.commands.executeCommand('abuseCases.showAll');
    }
    assert.strictEqual(api.sidebar.restoredState().openRisksOnly, false);

    await vscode.commands.executeCommand('abuseCases.groupBy', 'sprint');
    try {
      const roots = await childrenOf(api);
      assert.strictEqual(roots[0]?.kind, 'group', 'sprint groups');
      const labels = roots.map((row) => String(itemOf(api, row).label));
      assert.ok(
        labels.some((label) => /^Sprint /.test(label)),
        labels.join(),
      );
      const descriptions = roots.map((row) => String(itemOf(api, row).description));
      assert.ok(
        descriptions.some((description) => /^\d+ · \d+ % security$/.test(description)),
        `each sprint shows its share of security work: ${descriptions.join()}`,
      );
      assert.strictEqual(api.sidebar.view.description, 'by sprint');
      // A new provider (a reload of the window) starts grouped by sprint, from the extension's workspace state.
      assert.deepStrictEqual(api.sidebar.restoredState(), { grouping: 'sprint', openRisksOnly: false });
      assert.strictEqual(
        vscode.workspace.getConfiguration('abuseCases.sidebar').inspect('groupBy')?.workspaceValue,
        undefined,
      );
      assert.strictEqual(await readOrUndefined(settingsFile), settingsBefore, 'the workspace settings are not written');
    } finally {
      await vscode.commands.executeCommand('abuseCases.groupBy', 'backlog');
    }
    assert.deepStrictEqual(api.sidebar.restoredState(), { grouping: 'backlog', openRisksOnly: false });
  });

  it('groups by release: each release with its gate and untraced items, and its items below it', async () => {
    await vscode.commands.executeCommand('abuseCases.groupBy', 'release');
    try {
      const roots = await childrenOf(api);
      const releases = roots.filter((row) => row.id.startsWith('release:'));
      assert.deepStrictEqual(
        releases.map((row) => String(itemOf(api, row).label)),
        ['Release 2026.4', 'Release 2027.1', 'No release'],
      );
      assert.strictEqual(api.sidebar.view.description, 'by release');
      const current = releases[1];
      // The editor judges it under the default gate: the release's open high risks fail it.
      assert.match(String(itemOf(api, current).description), /^\d+ · ✗ gate failing · 1 untraced$/);
      const items = await childrenOf(api, current);
      const untraced = items.find((row) => itemOf(api, row).label === 'RM-103');
      assert.ok(untraced, items.map((row) => itemOf(api, row).label).join(' | '));
      // A click opens the item where it is defined.
      const shown = waitFor(
        vscode.window.onDidChangeActiveTextEditor,
        (editor) => (editor?.document.uri.path.endsWith('/backlog.usecase.yaml') ? editor : undefined),
        'backlog.usecase.yaml to open',
      );
      const command = itemOf(api, untraced).command!;
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const editor = await shown;
      assert.strictEqual(editor.document.getText(editor.selection), 'RM-103');
    } finally {
      await vscode.commands.executeCommand('abuseCases.groupBy', 'backlog');
    }
  });

  it('says what it is, and opens the legend of the marks from its title bar', async () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    assert.match(
      contributes.viewsContainers.activitybar[0].title,
      /^Abuse Cases: security coverage of your use cases$/,
    );
    assert.ok(
      contributes.menus['view/title'].some(
        (entry: { command: string; when: string }) =>
          entry.command === 'abuseCases.showLegend' && entry.when === 'view == abuseCases.coverage',
      ),
      "the legend is in the view's title bar",
    );
    await vscode.commands.executeCommand('abuseCases.showLegend');
    await waitFor(
      vscode.window.tabGroups.onDidChangeTabs,
      () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => /sidebar\.md/.test(tab.label))),
      'the legend (docs/walkthrough/sidebar.md) in a tab',
      10_000,
      () => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => tab.label)).join(', '),
    );
  });
});

async function readOrUndefined(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
