import {
  Command,
  EventEmitter,
  MarkdownString,
  ThemeColor,
  ThemeIcon,
  TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
} from 'vscode';
import type {
  AbuseCaseNode,
  BacklogNode,
  BuiltMitigation,
  CiaMark,
  CoverageModel,
  MitigationNode,
  NodeLocation,
  RiskState,
  UseCaseNode,
} from '../../server/src/protocol';
import { formatShare } from '../../server/src/engine/capacity';
import { flattenBacklog } from '../../server/src/protocol';

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

const STATE_ICONS: Record<RiskState, ThemeIcon> = {
  open: new ThemeIcon('warning', new ThemeColor('problemsWarningIcon.foreground')),
  accepted: new ThemeIcon('law', new ThemeColor('charts.yellow')),
  mitigated: new ThemeIcon('shield', new ThemeColor('charts.green')),
  verified: new ThemeIcon('verified-filled', new ThemeColor('charts.green')),
  none: new ThemeIcon('circle-outline'),
};

const STATE_WORDS: Record<RiskState, string> = {
  open: 'open risk',
  accepted: 'risk accepted',
  mitigated: 'mitigated',
  verified: 'verified',
  none: 'nothing to secure',
};

/** `C ✓ I ✗ A –`: covered, required but uncovered, not required. */
export function ciaBadge(cia: Record<(typeof DIMENSIONS)[number], CiaMark>): string {
  const sign = { covered: '✓', uncovered: '✗', 'not-required': '–' } as const;
  return DIMENSIONS.map((dimension) => `${dimension[0].toUpperCase()} ${sign[cia[dimension].mark]}`).join(' ');
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
    item.iconPath = STATE_ICONS[row.node.state];
    item.tooltip = tooltipOf(row);
    item.contextValue = row.kind;
    item.command = revealCommand(row.node.location);
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

/** Keeps the rows with an open risk, and the rows leading to them. */
function prune(rows: Row[]): Row[] {
  return rows.flatMap((row) => {
    const children = prune(row.children);
    const open = row.kind !== 'group' && row.node.state === 'open';
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
      return `Builds: ${row.node.title}`;
  }
}

function descriptionOf(row: Located): string {
  switch (row.kind) {
    // The badge first: it is what the row is for, and the title is in the tooltip when the view is narrow.
    case 'backlog-item': {
      const { node } = row;
      return [ciaBadge(node.cia), node.sprint, node.status, node.security ? 'security' : undefined, node.title].filter(Boolean).join(' · ');
    }
    case 'use-case':
      return `${ciaBadge(row.node.cia)} · ${row.node.title}`;
    case 'abuse-case':
      return `${row.node.threatens.map((d) => d[0].toUpperCase()).join(' ')} · ${STATE_WORDS[row.node.state]} · ${row.node.title}`;
    case 'mitigation':
      return [row.node.status, ...row.node.backlog].join(' · ');
    case 'built-mitigation':
      return `${row.node.status} · ${row.node.abuseCase}`;
  }
}

function tooltipOf(row: Located): MarkdownString {
  const text = new MarkdownString(undefined, true);
  switch (row.kind) {
    case 'backlog-item': {
      const { node } = row;
      text.appendMarkdown(`**${node.id}** ${node.title}\n\n$(${STATE_ICONS[node.state].id}) ${STATE_WORDS[node.state]} — the worst state of what it builds\n\n`);
      text.appendMarkdown(`${node.type} · ${node.status}${node.sprint ? ` · sprint ${node.sprint}` : ''}${node.points !== undefined ? ` · ${node.points} points` : ''}${node.security ? ' · security work' : ''}\n\n`);
      if (node.useCases.length) text.appendMarkdown(`Builds use cases: ${node.useCases.map((u) => `${u.id} (${STATE_WORDS[u.state]})`).join(', ')}\n\n`);
      if (node.mitigations.length) text.appendMarkdown(`Builds mitigations: ${node.mitigations.map((m) => `${m.title} (${m.status}, ${m.abuseCase})`).join('; ')}\n\n`);
      appendCia(text, node.cia);
      break;
    }
    case 'use-case': {
      const { node } = row;
      text.appendMarkdown(`**${node.id}** ${node.title}\n\n$(${STATE_ICONS[node.state].id}) ${STATE_WORDS[node.state]}\n\n`);
      appendCia(text, node.cia);
      const open = node.abuseCases.filter((a) => a.state === 'open');
      if (open.length) text.appendMarkdown(`\n\nOpen abuse cases: ${open.map((a) => a.id).join(', ')}`);
      break;
    }
    case 'abuse-case': {
      const { node } = row;
      text.appendMarkdown(`**${node.id}** ${node.title}\n\n$(${STATE_ICONS[node.state].id}) ${STATE_WORDS[node.state]}: ${whyState(node)}\n\n`);
      text.appendMarkdown(`Threatens ${node.threatens.join(', ')} · ${node.intent}${node.likelihood ? ` · ${node.likelihood} likelihood` : ''}${node.impact ? ` · ${node.impact} impact` : ''}\n\n`);
      for (const m of node.mitigations) text.appendMarkdown(`- ${m.title} — ${m.status}${m.backlog.length ? `, built by ${m.backlog.join(', ')}` : ', in no backlog item'}\n`);
      break;
    }
    case 'mitigation':
    case 'built-mitigation': {
      const { node } = row;
      const builtBy = row.kind === 'mitigation' ? (row.node.backlog.length ? `built by ${row.node.backlog.join(', ')}` : 'no backlog item builds it') : `mitigates ${row.node.abuseCase} of ${row.node.useCase}`;
      text.appendMarkdown(`**${node.title}**\n\n${node.status} — ${builtBy}`);
      break;
    }
  }
  return text;
}

function whyState(node: AbuseCaseNode): string {
  switch (node.state) {
    case 'verified':
      return 'a mitigation is verified';
    case 'mitigated':
      return 'a mitigation is implemented';
    case 'accepted':
      return `accepted by ${node.acceptance?.by ?? 'someone'} until ${node.acceptance?.until}`;
    default:
      if (node.acceptance?.expired) return `its acceptance expired on ${node.acceptance.until}`;
      return node.mitigations.length ? 'no mitigation is implemented or verified yet' : 'it has no mitigation and no acceptance';
  }
}

function appendCia(text: MarkdownString, cia: Record<(typeof DIMENSIONS)[number], CiaMark>): void {
  for (const dimension of DIMENSIONS) {
    const { mark, level, requiredBy } = cia[dimension];
    const why = requiredBy ? ` by ${requiredBy === 'cia:' ? '`cia:`' : `data class \`${requiredBy}\``}` : '';
    const state = mark === 'covered' ? '✓ an abuse case threatens it' : mark === 'uncovered' ? '✗ no abuse case threatens it' : '– not required';
    text.appendMarkdown(`- ${dimension}: required ${level}${why} — ${state}\n`);
  }
}

export function revealCommand(location: NodeLocation): Command {
  return { command: 'abuseCases.revealLocation', title: 'Open', arguments: [location] };
}
