import {
  commands,
  Disposable,
  EventEmitter,
  ExtensionContext,
  MarkdownString,
  Range,
  Selection,
  StatusBarAlignment,
  TextEditorRevealType,
  TreeView,
  Uri,
  window,
  workspace,
  WorkspaceEdit,
} from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
  addAbuseCaseRequest,
  addMitigationRequest,
  coverageChangedNotification,
  CoverageSummaryResult,
  coverageSummaryRequest,
  escapeMarkdown,
  Insertion,
  EditorLocation,
} from '../../shared/protocol';
import { ConfigFile, CREATE_CONFIG_COMMAND } from './firstRun';
import { revealRowAt } from './reveal';
import { CoverageTreeProvider, Grouping, LEGEND_COMMAND, Row, SHOW_MORE_COMMAND } from './coverageView';

export const VIEW_ID = 'abuseCases.coverage';

/** Where the view keeps its grouping and filter: the extension's workspace state, never the workspace's settings. */
export const GROUPING_KEY = 'abuseCases.sidebar.groupBy';
export const OPEN_RISKS_ONLY_KEY = 'abuseCases.sidebar.openRisksOnly';

const GROUPINGS: Record<Grouping, string> = {
  backlog: 'Backlog item',
  sprint: 'Sprint',
  release: 'Release',
  useCase: 'Use case',
};

export interface ViewState {
  grouping: Grouping;
  openRisksOnly: boolean;
}

export interface Sidebar {
  provider: CoverageTreeProvider;
  view: TreeView<Row>;
  /** Resolves with the next summary the sidebar shows, after a change of the model (for tests: "the view has refreshed"). */
  nextUpdate(): Promise<CoverageSummaryResult>;
  /** Fired after each summary, once the view (when visible) has been told to refresh. */
  onDidUpdate: EventEmitter<CoverageSummaryResult>['event'];
  /** The summary the status bar shows; undefined before the server's first answer. */
  summary(): CoverageSummaryResult | undefined;
  statusText(): string;
  /** The status bar's tooltip, as Markdown. */
  statusTooltip(): string;
  /** The grouping and filter a new provider starts with (after a reload): what the workspace state remembers. */
  restoredState(): ViewState;
}

/** The coverage view, its commands and the status-bar item, fed by the language server. */
export function registerSidebar(context: ExtensionContext, client: LanguageClient, configFile: ConfigFile): Sidebar {
  const settings = () => workspace.getConfiguration('abuseCases.sidebar');
  // The setting is the default for a workspace where nobody has picked a grouping yet; the pick is remembered per workspace.
  const restoredState = (): ViewState => ({
    grouping: context.workspaceState.get<Grouping>(GROUPING_KEY) ?? settings().get<Grouping>('groupBy', 'backlog'),
    openRisksOnly: context.workspaceState.get<boolean>(OPEN_RISKS_ONLY_KEY) ?? false,
  });
  const initial = restoredState();
  const provider = new CoverageTreeProvider(client, initial.grouping, initial.openRisksOnly);
  const view = window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  // Says what the view shows, as the Explorer's title says which folder: the grouping, and the filter when on.
  const describeView = () => {
    view.description = `by ${GROUPINGS[provider.groupedBy].toLowerCase()}${provider.filter ? ' · open risks only' : ''}`;
  };
  describeView();
  void commands.executeCommand('setContext', 'abuseCases.openRisksOnly', initial.openRisksOnly);
  const status = window.createStatusBarItem('abuseCases.coverage', StatusBarAlignment.Left, 50);
  status.name = 'Abuse Cases: security coverage';
  status.command = `${VIEW_ID}.focus`;
  let waiting: ((summary: CoverageSummaryResult) => void)[] = [];
  const updated = new EventEmitter<CoverageSummaryResult>();

  // The status bar asks for the summary only; the rows are asked for by the view, and only while it is visible:
  // a hidden view forgets its rows and refreshes when it shows again.
  let shown: CoverageSummaryResult | undefined;
  let stale = false;
  const refreshRows = () => {
    if (view.visible) {
      stale = false;
      provider.refresh();
    } else {
      stale = true;
      provider.forget();
    }
  };
  const refresh = async () => {
    const summary = await client.sendRequest(coverageSummaryRequest);
    shown = summary;
    refreshRows();
    updateStatus(summary);
    void commands.executeCommand('setContext', 'abuseCases.empty', summary.empty);
    const resolved = waiting;
    waiting = [];
    for (const resolve of resolved) resolve(summary);
    updated.fire(summary);
  };

  const updateStatus = (model: CoverageSummaryResult) => {
    const { coveredDimensions, requiredDimensions, openHighRisks, useCases, abuseCases, closedAbuseCases } =
      model.summary;
    if (useCases === 0) return status.hide();
    const failing = model.gate.thresholds.filter((result) => !result.passed && result.mode === 'fail');
    const reported = model.gate.thresholds.filter((result) => !result.passed && result.mode === 'report');
    const gaps = model.baselineGaps;
    // With a current release, the gate the status bar shows is that release's (`abuse-cases gate --release`).
    const release = model.release;
    const releaseGate = release?.gate;
    const gateText = release
      ? ` · ${release.name}${releaseGate ? (releaseGate.passed ? ' gate passes' : ' gate failing') : ': no items'}`
      : failing.length
        ? ' · gate failing'
        : '';
    status.text = `$(shield) ${coveredDimensions}/${requiredDimensions} · ${openHighRisks} high risk${openHighRisks === 1 ? '' : 's'} open${gaps.length ? ` · ${gaps.length} baseline gap${gaps.length === 1 ? '' : 's'}` : ''}${gateText}`;
    // Without a configuration file the gate runs on its defaults: say so, and offer to write one.
    const gate = configFile.exists
      ? 'The quality gate (abuse-cases.config.yaml)'
      : 'The quality gate (its default thresholds: there is no abuse-cases.config.yaml yet)';
    const tooltip = new MarkdownString(
      [
        `${coveredDimensions} of the ${requiredDimensions} CIA dimensions that use cases require have an abuse case.`,
        `${closedAbuseCases} of ${abuseCases} abuse cases are mitigated or accepted; ${openHighRisks} open ones have a major or severe impact.`,
        gaps.length
          ? `The security baseline asks ${gaps.length === 1 ? 'a question' : `${gaps.length} questions`} nothing answers yet: ${escapeMarkdown(gaps.join(', '))}.`
          : 'Every question of the security baseline that applies is answered or turned off.',
        failing.length
          ? `${gate} fails: ${failing.map((result) => escapeMarkdown(`${result.threshold}: ${result.message}`)).join('; ')}.`
          : `${gate} passes.`,
        reported.length
          ? `Reported, not enforced (mode: report): ${reported.map((result) => escapeMarkdown(`${result.threshold}: ${result.message}`)).join('; ')}.`
          : '',
        release ? releaseLine(release.name, releaseGate) : '',
        configFile.exists
          ? ''
          : `[Create configuration](command:${CREATE_CONFIG_COMMAND} "Write a commented abuse-cases.config.yaml at the root of the workspace")`,
        'Click to show the security coverage.',
      ]
        .filter(Boolean)
        .join('\n\n'),
    );
    tooltip.isTrusted = { enabledCommands: [CREATE_CONFIG_COMMAND] };
    status.tooltip = tooltip;
    status.show();
  };

  const setFilter = async (openRisksOnly: boolean) => {
    provider.setOpenRisksOnly(openRisksOnly);
    describeView();
    await context.workspaceState.update(OPEN_RISKS_ONLY_KEY, openRisksOnly);
    await commands.executeCommand('setContext', 'abuseCases.openRisksOnly', openRisksOnly);
  };

  const setGrouping = async (grouping: Grouping) => {
    provider.setGrouping(grouping);
    describeView();
    await context.workspaceState.update(GROUPING_KEY, grouping);
  };

  const insert = async (
    request: typeof addAbuseCaseRequest | typeof addMitigationRequest,
    row: Row | undefined,
    what: string,
  ) => {
    if (!row || (row.kind !== 'use-case' && row.kind !== 'abuse-case') || !row.location || row.nodeId === undefined)
      return;
    const { uri } = row.location;
    const id = row.nodeId;
    const insertion: Insertion = await client.sendRequest(request, { uri, id });
    if (!insertion.edits.length) return void window.showWarningMessage(`Could not add ${what} to ${id}.`);
    const edit = new WorkspaceEdit();
    for (const change of insertion.edits) edit.replace(Uri.parse(uri), toRange(change.range), change.newText);
    await workspace.applyEdit(edit);
    // Select what was added (the new id, or the first new title) and bring it into view.
    const editor = await window.showTextDocument(Uri.parse(uri));
    const inserted = insertion.select
      ? toRange(insertion.select)
      : new Range(insertion.edits[0].range.start.line + 1, 0, insertion.edits[0].range.start.line + 1, 0);
    editor.selection = new Selection(inserted.start, inserted.end);
    editor.revealRange(inserted, TextEditorRevealType.InCenterIfOutsideViewport);
    void window.setStatusBarMessage(`Added ${insertion.description} to ${id}`, 4000);
  };

  // Moving the cursor in a use-case file reveals the matching row, when the view is visible.
  let revealTimer: NodeJS.Timeout | undefined;
  let cursorMoves = 0;
  const followCursor = window.onDidChangeTextEditorSelection(({ textEditor, selections }) => {
    if (
      !view.visible ||
      !settings().get<boolean>('revealOnCursorMove', true) ||
      textEditor.document.languageId !== 'usecase-yaml'
    )
      return;
    clearTimeout(revealTimer);
    const move = ++cursorMoves;
    const { line, character } = selections[0].active;
    const uri = textEditor.document.uri.toString();
    // Tried twice at most; a later move of the cursor, or the view hidden, ends it.
    const wanted = () => move === cursorMoves && view.visible;
    revealTimer = setTimeout(
      () =>
        void revealRowAt(provider, view, { uri, line, character, focus: false, expand: false, attempts: 2, wanted }),
      100,
    );
  });

  context.subscriptions.push(
    provider,
    view,
    status,
    updated,
    followCursor,
    view.onDidChangeVisibility(({ visible }) => {
      if (visible && stale) refreshRows();
    }),
    new Disposable(() => clearTimeout(revealTimer)),
    client.onNotification(coverageChangedNotification, () => void refresh()),
    configFile.onDidChange(() => shown && updateStatus(shown)),
    workspace.onDidChangeConfiguration((event) => {
      // Someone edited the setting: it wins over the grouping picked earlier, which is forgotten.
      if (!event.affectsConfiguration('abuseCases.sidebar.groupBy')) return;
      void context.workspaceState.update(GROUPING_KEY, undefined);
      provider.setGrouping(settings().get<Grouping>('groupBy', 'backlog'));
      describeView();
    }),
    commands.registerCommand('abuseCases.revealLocation', (location: EditorLocation) => revealLocation(location)),
    commands.registerCommand(LEGEND_COMMAND, () => showLegend(context)),
    commands.registerCommand('abuseCases.refresh', () => refresh()),
    commands.registerCommand(SHOW_MORE_COMMAND, (row: Row) => provider.showMore(row)),
    commands.registerCommand('abuseCases.showOpenRisksOnly', () => setFilter(true)),
    commands.registerCommand('abuseCases.showAll', () => setFilter(false)),
    // With a grouping as its argument (from a keybinding or a test), without asking.
    commands.registerCommand('abuseCases.groupBy', async (grouping?: Grouping) => {
      if (grouping && grouping in GROUPINGS) return setGrouping(grouping);
      const choices = (Object.keys(GROUPINGS) as Grouping[]).map((candidate) => ({
        label: GROUPINGS[candidate],
        grouping: candidate,
        description: candidate === provider.groupedBy ? 'current' : undefined,
      }));
      const picked = await window.showQuickPick(choices, { placeHolder: 'Group the security coverage by' });
      if (picked) await setGrouping(picked.grouping);
    }),
    commands.registerCommand('abuseCases.addAbuseCase', (row?: Row) =>
      insert(addAbuseCaseRequest, row, 'an abuse case'),
    ),
    commands.registerCommand('abuseCases.addMitigation', (row?: Row) =>
      insert(addMitigationRequest, row, 'a mitigation'),
    ),
    commands.registerCommand('abuseCases.goToBacklogItem', async (row?: Row) => {
      const known = row?.backlogItems ?? [];
      if (!known.length) return void window.showInformationMessage('No backlog item builds this yet.');
      const picked =
        known.length === 1
          ? known[0]
          : (await window.showQuickPick(known.map((item) => ({ label: item.id, description: item.title, item }))))
              ?.item;
      if (picked) await revealLocation(picked.location);
    }),
  );

  void refresh();
  return {
    provider,
    view,
    statusText: () => status.text,
    statusTooltip: () =>
      status.tooltip instanceof MarkdownString ? status.tooltip.value : String(status.tooltip ?? ''),
    nextUpdate: () => new Promise((resolve) => waiting.push(resolve)),
    onDidUpdate: updated.event,
    summary: () => shown,
    restoredState,
  };
}

/** The legend of the marks: the sidebar's walkthrough page, which carries it, in the Markdown preview. */
async function showLegend(context: ExtensionContext): Promise<void> {
  const page = Uri.joinPath(context.extensionUri, 'docs', 'walkthrough', 'sidebar.md');
  try {
    await commands.executeCommand('markdown.showPreview', page);
  } catch {
    await window.showTextDocument(page, { preview: true });
  }
}

function toRange(range: EditorLocation['range']): Range {
  return new Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Opens the file and selects the node's name, with the whole node in view. */
export async function revealLocation(location: EditorLocation): Promise<void> {
  const editor = await window.showTextDocument(Uri.parse(location.uri), { preserveFocus: false });
  const selection = toRange(location.selection);
  editor.selection = new Selection(selection.start, selection.end);
  editor.revealRange(toRange(location.range), TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The current release's gate in the status bar's tooltip: what fails it, what is only reported. */
function releaseLine(name: string, gate: CoverageSummaryResult['gate'] | undefined): string {
  const release = `Release ${escapeMarkdown(name)}`;
  if (!gate) return `${release} (the current release): no backlog item says \`release: ${escapeMarkdown(name)}\` yet.`;
  const failing = gate.thresholds.filter((result) => !result.passed && result.mode === 'fail');
  const verdict = failing.length
    ? `its gate fails: ${failing.map((result) => escapeMarkdown(`${result.threshold}: ${result.message}`)).join('; ')}`
    : 'its gate passes';
  return `${release} (the current release): ${verdict}${gate.reported ? `, and ${gate.reported} failing ${gate.reported === 1 ? 'check is' : 'checks are'} only reported` : ''}.`;
}
