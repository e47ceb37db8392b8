import {
  Command,
  EventEmitter,
  MarkdownString,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
  Uri,
} from 'vscode';
import type {
  AbuseCaseNode,
  BacklogNode,
  BuiltMitigation,
  CiaMark,
  CoverageModel,
  CoverageState,
  MitigationNode,
  NodeLocation,
  UseCaseNode,
} from '../../server/src/protocol';
import { formatShare } from '../../server/src/engine/capacity';
import { escapeMarkdown, flattenBacklog, STATE_LEGEND, stateBadge } from '../../server/src/protocol';

export type Grouping = 'backlog' | 'sprint' | 'useCase';
const DIMENSIONS = ['confidentiality', 'integrity', 'availability'] as const;

/** One row of the tree. Ids are paths of the model's ids, so a refresh keeps what the user expanded. */
export type Row =
  | { kind: 'group'; id: string; label: string; tooltip: string; description?: string; parent?: Row; children: Row[] }
  | { kind: 'backlog-item'; id: string; node: BacklogNode; parent?: Row; children: Row[] }
  | { kind: 'use-case'; id: string; node: UseCaseNode; parent?: Row; children: Row[] }
  | { kind: 'abuse-case'; id: string; node: AbuseCaseNode; parent?: Row; children: Row[] }
  | { kind: 'mitigation'; id: string; node: MitigationNode; parent?: Row; children: Row[] }
  | { kind: 'built-mitigation'; id: string; node: BuiltMitigation; parent?: Row; children: Row[] };

type Located = Exclude<Row, { kind: 'group' }>;

/** One icon per state, in the colour of how it stands: red not thought of, orange open, blue accepted, green done. */
export const STATE_ICONS: Record<CoverageState, ThemeIcon> = {
  uncovered: new ThemeIcon('error', new ThemeColor('problemsErrorIcon.foreground')),
  open: new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground')),
  accepted: new ThemeIcon('law', new ThemeColor('charts.blue')),
  mitigated: new ThemeIcon('pass', new ThemeColor('charts.green')),
  verified: new ThemeIcon('verified-filled', new ThemeColor('charts.green')),
  'not-required': new ThemeIcon('dash', new ThemeColor('disabledForeground')),
};

/** A mitigation that is only proposed or planned: not a risk of its own, work not built yet. */
export const NOT_BUILT_ICON = new ThemeIcon('circle-large-outline', new ThemeColor('descriptionForeground'));

const word = (state: CoverageState) => STATE_LEGEND[state].word;

/** `C ✓ I ✗ A –`: each dimension's mark (see STATE_LEGEND). */
export function ciaBadge(cia: Record<(typeof DIMENSIONS)[number], CiaMark>): string {
  return stateBadge(DIMENSIONS.map((dimension) => [dimension, cia[dimension].state] as const));
}

/** `C ! I !`: the dimensions an abuse case threatens, each with the abuse case's state. */
function threatBadge(threatens: readonly string[], state: CoverageState): string {
  return threatens.length ? stateBadge(threatens.map((dimension) => [dimension, state] as const)) : 'threatens nothing';
}

/** The state a row shows with its icon; a built mitigation shows the abuse case it answers. */
export function stateOfRow(row: Row): CoverageState | undefined {
  switch (row.kind) {
    case 'group':
      return undefined;
    case 'built-mitigation':
      return row.node.abuseCaseState;
    default:
      return row.node.state;
  }
}

function iconOf(row: Located): ThemeIcon {
  if (row.kind === 'mitigation' && row.node.state === 'open') return NOT_BUILT_ICON;
  return STATE_ICONS[stateOfRow(row)!];
}

export class CoverageTreeProvider implements TreeDataProvider<Row> {
  private readonly changed = new EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: CoverageModel | undefined;
  private roots: Row[] = [];
  private readonly byId = new Map<string, Row>();

  constructor(
    private grouping: Grouping,
    private openRisksOnly = false,
  ) {}

  get current(): CoverageModel | undefined {
    return this.model;
  }

  get filter(): boolean {
    return this.openRisksOnly;
  }

  get groupedBy(): Grouping {
    return this.grouping;
  }

  update(model: CoverageModel): void {
    this.model = model;
    this.rebuild();
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.rebuild();
  }

  setOpenRisksOnly(openRisksOnly: boolean): void {
    this.openRisksOnly = openRisksOnly;
    this.rebuild();
  }

  dispose(): void {
    this.changed.dispose();
  }

  getChildren(row?: Row): Row[] {
    return row ? row.children : this.roots;
  }

  getParent(row: Row): Row | undefined {
    return row.parent;
  }

  /** The deepest row whose YAML node holds the position: what the cursor is on. */
  rowAt(uri: string, line: number, character: number): Row | undefined {
    let best: Located | undefined;
    for (const row of this.byId.values()) {
      if (row.kind === 'group' || row.kind === 'built-mitigation' || row.node.location.uri !== uri) continue;
      const { start, end } = row.node.location.range;
      const after = line > start.line || (line === start.line && character >= start.character);
      const before = line < end.line || (line === end.line && character <= end.character);
      if (!after || !before) continue;
      const size = (end.line - start.line) * 10_000 + (end.character - start.character);
      const bestRange = best && best.kind !== 'built-mitigation' ? best.node.location.range : undefined;
      const bestSize = bestRange ? (bestRange.end.line - bestRange.start.line) * 10_000 + (bestRange.end.character - bestRange.start.character) : Infinity;
      // Among equal nodes (a use case under two backlog items), the first found stays.
      if (size < bestSize) best = row;
    }
    return best;
  }

  getTreeItem(row: Row): TreeItem {
    if (row.kind === 'group') {
      const item = new TreeItem(row.label, TreeItemCollapsibleState.Expanded);
      item.id = row.id;
      item.tooltip = row.tooltip;
      item.description = row.description ?? `${row.children.length}`;
      item.contextValue = 'group';
      return item;
    }
    const item = new TreeItem(labelOf(row), row.children.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
    item.id = row.id;
    item.description = descriptionOf(row);
    item.iconPath = iconOf(row);
    item.tooltip = tooltipOf(row);
    item.contextValue = row.kind;
    item.command = openCommand(row.node.location);
    return item;
  }

  private rebuild(): void {
    this.byId.clear();
    this.roots = this.model ? this.rowsOf(this.model) : [];
    if (this.openRisksOnly) this.roots = prune(this.roots);
    const index = (rows: Row[], parent?: Row) => {
      for (const row of rows) {
        row.parent = parent;
        this.byId.set(row.id, row);
        index(row.children, row);
      }
    };
    index(this.roots);
    this.changed.fire(undefined);
  }

  private rowsOf(model: CoverageModel): Row[] {
    const unplanned: Row = {
      kind: 'group',
      id: 'group:unplanned',
      label: 'Unplanned use cases',
      tooltip: 'Use cases that no backlog item builds: add their backlog items to `backlog:`.',
      children: model.unplanned.map((node) => useCaseRow(node, 'group:unplanned')),
    };
    const withUnplanned = (rows: Row[]) => (unplanned.children.length ? [...rows, unplanned] : rows);
    switch (this.grouping) {
      case 'useCase': {
        const seen = new Set<string>();
        const all = [...flattenBacklog(model.backlog).flatMap((item) => item.useCases), ...model.unplanned].filter(
          (node) => !seen.has(`${node.location.uri}#${node.id}`) && seen.add(`${node.location.uri}#${node.id}`),
        );
        return all.map((node) => useCaseRow(node, ''));
      }
      case 'sprint': {
        const sprints = new Map<string, BacklogNode[]>();
        for (const item of flattenBacklog(model.backlog)) {
          const key = item.sprint ?? '';
          sprints.set(key, [...(sprints.get(key) ?? []), item]);
        }
        const names = [...sprints.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true })));
        return withUnplanned(
          names.map((name) => {
            const id = `sprint:${name}`;
            const items = sprints.get(name)!.length;
            const capacity = model.sprints.find((sprint) => sprint.sprint === name);
            const share = capacity?.share === undefined ? undefined : formatShare(capacity.share);
            const target = formatShare(model.securityCapacityTarget);
            return {
              kind: 'group' as const,
              id,
              label: name ? `Sprint ${name.replace(/^sprint\s*/i, '')}` : 'No sprint',
              description: share ? `${items} · ${share} security` : `${items}`,
              tooltip: name
                ? `Backlog items planned in sprint ${name}.` +
                  (share ? ` ${capacity!.securityPoints} of ${capacity!.totalPoints} points (${share}) go to security work; the target is ${target}.` : '')
                : 'Backlog items without a sprint.',
              children: sprints.get(name)!.map((item) => backlogRow({ ...item, children: [] }, id)),
            };
          }),
        );
      }
      default:
        return withUnplanned(model.backlog.map((item) => backlogRow(item, '')));
    }
  }
}

function backlogRow(node: BacklogNode, parentId: string): Row {
  const id = `${parentId}/b:${node.id}`;
  return {
    kind: 'backlog-item',
    id,
    node,
    children: [
      ...node.children.map((child) => backlogRow(child, id)),
      ...node.useCases.map((useCase) => useCaseRow(useCase, id)),
      ...node.mitigations.map((mitigation, index): Row => ({ kind: 'built-mitigation', id: `${id}/bm:${index}`, node: mitigation, children: [] })),
    ],
  };
}

function useCaseRow(node: UseCaseNode, parentId: string): Row {
  const id = `${parentId}/u:${node.id}`;
  return { kind: 'use-case', id, node, children: node.abuseCases.map((abuseCase) => abuseCaseRow(abuseCase, id)) };
}

function abuseCaseRow(node: AbuseCaseNode, parentId: string): Row {
  const id = `${parentId}/a:${node.id}`;
  return {
    kind: 'abuse-case',
    id,
    node,
    children: node.mitigations.map((mitigation, index): Row => ({ kind: 'mitigation', id: `${id}/m:${index}`, node: mitigation, children: [] })),
  };
}

/** Keeps the rows with an open risk or a gap, and the rows leading to them; an open abuse case keeps its mitigations. */
function prune(rows: Row[]): Row[] {
  return rows.flatMap((row) => {
    const state = stateOfRow(row);
    const open = row.kind !== 'mitigation' && (state === 'open' || state === 'uncovered');
    const children = open && row.kind === 'abuse-case' ? row.children : prune(row.children);
    return open || children.length ? [{ ...row, children } as Row] : [];
  });
}

function labelOf(row: Located): string {
  switch (row.kind) {
    case 'backlog-item':
    case 'use-case':
    case 'abuse-case':
      return row.node.id;
    case 'mitigation':
      return row.node.title;
    case 'built-mitigation':
      return row.node.abuseCase;
  }
}

function descriptionOf(row: Located): string {
  switch (row.kind) {
    // The badge first: it is what the row is for; the title, last, wraps in the tooltip when the view is narrow.
    case 'backlog-item': {
      const { node } = row;
      return [ciaBadge(node.cia), node.sprint, node.status, node.security ? 'security' : undefined, node.title].filter(Boolean).join(' · ');
    }
    case 'use-case':
      return `${ciaBadge(row.node.cia)} · ${row.node.title}`;
    case 'abuse-case':
      return `${threatBadge(row.node.threatens, row.node.state)} · ${word(row.node.state)} · ${row.node.title}`;
    case 'mitigation':
      return [row.node.status, ...row.node.backlog].join(' · ');
    case 'built-mitigation':
      return `${threatBadge(row.node.threatens, row.node.abuseCaseState)} · builds: ${row.node.title} (${row.node.status})`;
  }
}

/** Every tooltip: the title in a paragraph of its own (it wraps), why the row stands as it does, and the legend. */
function tooltipOf(row: Located): MarkdownString {
  const text = new MarkdownString(undefined, true);
  text.isTrusted = { enabledCommands: [LEGEND_COMMAND] };
  const stateLine = (state: CoverageState, why?: string) => `$(${STATE_ICONS[state].id}) **${word(state)}**${why ? ` — ${why}` : ''}\n\n`;
  switch (row.kind) {
    case 'backlog-item': {
      const { node } = row;
      text.appendMarkdown(`**${node.id}** ${escapeMarkdown(node.title)}\n\n`);
      text.appendMarkdown(stateLine(node.state, 'the worst state of what it builds and of the abuse cases its mitigations answer'));
      text.appendMarkdown(`${node.type} · ${node.status}${node.sprint ? ` · sprint ${escapeMarkdown(node.sprint)}` : ''}${node.points !== undefined ? ` · ${node.points} points` : ''}${node.security ? ' · security work' : ''}\n\n`);
      if (node.useCases.length) text.appendMarkdown(`Builds use cases: ${node.useCases.map((u) => `${u.id} (${word(u.state)})`).join(', ')}\n\n`);
      if (node.mitigations.length) {
        text.appendMarkdown('Builds mitigations:\n\n');
        for (const m of node.mitigations) text.appendMarkdown(`- ${escapeMarkdown(m.title)} (${m.status}) for ${m.abuseCase} of ${m.useCase}, which is ${word(m.abuseCaseState)}\n`);
        text.appendMarkdown('\n');
      }
      appendCia(text, node.cia);
      break;
    }
    case 'use-case': {
      const { node } = row;
      text.appendMarkdown(`**${node.id}** ${escapeMarkdown(node.title)}\n\n`);
      text.appendMarkdown(stateLine(node.state, 'the worst of its dimensions and abuse cases'));
      appendCia(text, node.cia);
      const open = node.abuseCases.filter((a) => a.state === 'open');
      if (open.length) text.appendMarkdown(`\nOpen abuse cases: ${open.map((a) => a.id).join(', ')}\n\n`);
      break;
    }
    case 'abuse-case': {
      const { node } = row;
      text.appendMarkdown(`**${node.id}** ${escapeMarkdown(node.title)}\n\n`);
      text.appendMarkdown(stateLine(node.state, whyState(node)));
      text.appendMarkdown(`${threatBadge(node.threatens, node.state)}: threatens ${node.threatens.join(', ') || 'nothing'} · ${node.intent}${node.likelihood ? ` · ${node.likelihood} likelihood` : ''}${node.impact ? ` · ${node.impact} impact` : ''}\n\n`);
      for (const m of node.mitigations) text.appendMarkdown(`- ${escapeMarkdown(m.title)} — ${m.status}${m.backlog.length ? `, built by ${m.backlog.join(', ')}` : ', in no backlog item'}\n`);
      break;
    }
    case 'mitigation': {
      const { node } = row;
      text.appendMarkdown(`**${escapeMarkdown(node.title)}**\n\n`);
      const built = node.state === 'open' ? `$(${NOT_BUILT_ICON.id}) **${node.status}** — not built yet` : stateLine(node.state, `${node.status}`).trim();
      text.appendMarkdown(`${built} · ${node.backlog.length ? `built by ${node.backlog.join(', ')}` : 'no backlog item builds it'}\n\n`);
      break;
    }
    case 'built-mitigation': {
      const { node } = row;
      text.appendMarkdown(`**${escapeMarkdown(node.title)}**\n\n`);
      text.appendMarkdown(`The mitigation is ${node.status}; it answers ${node.abuseCase} of ${node.useCase}:\n\n`);
      text.appendMarkdown(stateLine(node.abuseCaseState, `${threatBadge(node.threatens, node.abuseCaseState)}, the state of ${node.abuseCase} on ${node.threatens.join(', ') || 'nothing'}`));
      break;
    }
  }
  text.appendMarkdown(`\n---\n\n[What do the marks mean?](command:${LEGEND_COMMAND})`);
  return text;
}

export const LEGEND_COMMAND = 'abuseCases.showLegend';


function whyState(node: AbuseCaseNode): string {
  switch (node.state) {
    case 'verified':
      return 'a mitigation is verified';
    case 'mitigated':
      return 'a mitigation is implemented';
    case 'accepted':
      return `accepted by ${escapeMarkdown(node.acceptance?.by ?? 'someone')} until ${node.acceptance?.until}, not mitigated`;
    default:
      if (node.acceptance?.expired) return `its acceptance expired on ${node.acceptance.until}`;
      return node.mitigations.length ? 'no mitigation is implemented or verified yet' : 'it has no mitigation and no acceptance';
  }
}

function appendCia(text: MarkdownString, cia: Record<(typeof DIMENSIONS)[number], CiaMark>): void {
  for (const dimension of DIMENSIONS) {
    const { state, level, requiredBy, abuseCases } = cia[dimension];
    const { mark } = STATE_LEGEND[state];
    const why = requiredBy ? ` by ${requiredBy === 'cia:' ? '`cia:`' : `data class \`${requiredBy}\``}` : '';
    const detail = state === 'uncovered' ? 'no abuse case threatens it' : abuseCases.length ? `threatened by ${abuseCases.join(', ')}` : '';
    text.appendMarkdown(`- \`${mark}\` ${dimension}: **${word(state)}** — required ${level}${why}${detail ? `; ${detail}` : ''}\n`);
  }
}

/**
 * Opens the row's file with its name selected, as the Explorer opens a file: `vscode.open` is the command a tree
 * item may use for VS Code to pass the click along, so a single click opens a preview and keeps the focus in the
 * tree (arrow keys go on navigating), and a double click or Enter opens the file pinned, with the focus.
 * No `preview` or `preserveFocus` here: those would override what the click asked for.
 */
export function openCommand(location: NodeLocation): Command {
  const { start, end } = location.selection;
  return { command: 'vscode.open', title: 'Open', arguments: [Uri.parse(location.uri), { selection: new Range(start.line, start.character, end.line, end.character) }] };
}
