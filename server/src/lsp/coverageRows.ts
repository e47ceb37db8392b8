/**
 * The sidebar's rows, built on the server from a coverage model: grouped by backlog item, sprint or use case,
 * optionally kept to open risks, with labels, descriptions and tooltips, answered a level at a time. No editor
 * API here (the client only turns rows into tree items); the tests feed it plain models.
 */
import { formatShare } from '../engine/capacity';
import { flattenBacklog } from '../engine/backlogTree';
import { DIMENSIONS } from '../engine/format';
import { listed } from '../engine/text';
import type {
  AbuseCaseNode,
  BacklogNode,
  BuiltMitigation,
  CiaMark,
  CoverageModel,
  MitigationNode,
  UseCaseNode,
} from '../engine/coverageTree';
import { escapeMarkdown } from '../../../shared/markdown';
import { STATE_LEGEND, stateBadge } from '../../../shared/coverageStates';
import {
  CoverageRow,
  CoverageViewParams,
  LEGEND_COMMAND,
  Position,
  ROW_ICONS,
  RowIcon,
  RowTarget,
} from '../../../shared/protocol';
import type { CoverageState } from '../../../shared/coverageStates';

/** The tree's structure: cheap to build; labels and tooltips are rendered only for the rows asked for. */
type Node =
  | { kind: 'group'; id: string; label: string; tooltip: string; description?: string; parent?: Node; children: Node[] }
  | { kind: 'backlog-item'; id: string; node: BacklogNode; parent?: Node; children: Node[] }
  | { kind: 'use-case'; id: string; node: UseCaseNode; parent?: Node; children: Node[] }
  | { kind: 'abuse-case'; id: string; node: AbuseCaseNode; parent?: Node; children: Node[] }
  | { kind: 'mitigation'; id: string; node: MitigationNode; parent?: Node; children: Node[] }
  | { kind: 'built-mitigation'; id: string; node: BuiltMitigation; parent?: Node; children: Node[] };

type Located = Exclude<Node, { kind: 'group' }>;

/** The rows of one model under one grouping and filter. */
export class CoverageRows {
  private readonly roots: Node[];
  private readonly byId = new Map<string, Node>();
  private byUri: Map<string, Located[]> | undefined;
  private readonly items: Map<string, BacklogNode>;

  constructor(model: CoverageModel, view: CoverageViewParams) {
    this.items = new Map(flattenBacklog(model.backlog).map((item) => [item.id, item]));
    const roots = rootsOf(model, view);
    this.roots = view.openRisksOnly ? prune(roots) : roots;
    const index = (nodes: Node[], parent?: Node) => {
      for (const node of nodes) {
        node.parent = parent;
        // The first row of an id stands (ids are unique unless the YAML repeats an id under one parent).
        if (!this.byId.has(node.id)) this.byId.set(node.id, node);
        index(node.children, node);
      }
    };
    index(this.roots);
  }

  /** The rows under `parent` (the root rows without one); none for an id this model does not have. */
  children(parent?: string): CoverageRow[] {
    const nodes = parent === undefined ? this.roots : (this.byId.get(parent)?.children ?? []);
    return nodes.map((node) => this.render(node));
  }

  /** Every row, depth-first (for tests). */
  all(nodes: Node[] = this.roots): CoverageRow[] {
    return nodes.flatMap((node) => [this.render(node), ...this.all(node.children)]);
  }

  /** The ids from a root row down to the row of the deepest node holding the position; empty when there is none. */
  pathAt(uri: string, { line, character }: Position): string[] {
    this.byUri ??= this.indexByUri();
    let best: Located | undefined;
    let bestSize = Infinity;
    for (const row of this.byUri.get(uri) ?? []) {
      const { start, end } = row.node.location.range;
      const after = line > start.line || (line === start.line && character >= start.character);
      const before = line < end.line || (line === end.line && character <= end.character);
      if (!after || !before) continue;
      const size = (end.line - start.line) * 10_000 + (end.character - start.character);
      // Among equal nodes (a use case under two backlog items), the first found stays.
      if (size < bestSize) [best, bestSize] = [row, size];
    }
    const path: string[] = [];
    for (let node: Node | undefined = best; node; node = node.parent) path.unshift(node.id);
    return path;
  }

  private indexByUri(): Map<string, Located[]> {
    const byUri = new Map<string, Located[]>();
    for (const node of this.byId.values()) {
      // A built mitigation's location is the mitigation's own, under its abuse case: the cursor finds that row.
      if (node.kind === 'group' || node.kind === 'built-mitigation') continue;
      const { uri } = node.node.location;
      let rows = byUri.get(uri);
      if (!rows) byUri.set(uri, (rows = []));
      rows.push(node);
    }
    return byUri;
  }

  private render(node: Node): CoverageRow {
    const parentId = node.parent?.id;
    if (node.kind === 'group') {
      return {
        id: node.id,
        ...(parentId === undefined ? {} : { parentId }),
        kind: 'group',
        label: node.label,
        description: node.description ?? `${node.children.length}`,
        tooltip: node.tooltip,
        collapsible: 'expanded',
        contextValue: 'group',
      };
    }
    const state = stateOfNode(node);
    const backlogItems = this.targetsOf(node);
    return {
      id: node.id,
      ...(parentId === undefined ? {} : { parentId }),
      kind: node.kind,
      label: labelOf(node),
      description: descriptionOf(node),
      tooltip: tooltipOf(node),
      state,
      icon: iconOf(node),
      collapsible: node.children.length ? 'collapsed' : 'none',
      location: node.node.location,
      contextValue: node.kind,
      ...(node.kind === 'mitigation' || node.kind === 'built-mitigation' ? {} : { nodeId: node.node.id }),
      ...(backlogItems ? { backlogItems } : {}),
    };
  }

  /** The existing backlog items that build what the row shows, for "Go to backlog item". */
  private targetsOf(node: Located): RowTarget[] | undefined {
    const ids =
      node.kind === 'use-case' || node.kind === 'mitigation'
        ? node.node.backlog
        : node.kind === 'abuse-case'
          ? node.node.mitigations.flatMap((m) => m.backlog)
          : undefined;
    if (!ids) return undefined;
    return [...new Set(ids)].flatMap((id) => {
      const item = this.items.get(id);
      return item ? [{ id, title: item.title, location: item.location }] : [];
    });
  }
}

/** The state a row shows with its icon; a built mitigation shows the abuse case it answers. */
function stateOfNode(node: Node): CoverageState | undefined {
  switch (node.kind) {
    case 'group':
      return undefined;
    case 'built-mitigation':
      return node.node.abuseCaseState;
    default:
      return node.node.state;
  }
}

function iconOf(node: Located): RowIcon {
  if (node.kind === 'mitigation' && node.node.state === 'open') return 'not-built';
  return stateOfNode(node)!;
}

function rootsOf(model: CoverageModel, { grouping }: CoverageViewParams): Node[] {
  const unplanned: Node = {
    kind: 'group',
    id: 'group:unplanned',
    label: 'Unplanned use cases',
    tooltip: 'Use cases that no backlog item builds: add their backlog items to `backlog:`.',
    children: model.unplanned.map((node) => useCaseNode(node, 'group:unplanned')),
  };
  const withUnplanned = (nodes: Node[]) => (unplanned.children.length ? [...nodes, unplanned] : nodes);
  switch (grouping) {
    case 'useCase': {
      const seen = new Set<string>();
      const all = [...flattenBacklog(model.backlog).flatMap((item) => item.useCases), ...model.unplanned].filter(
        (node) => !seen.has(`${node.location.uri}#${node.id}`) && seen.add(`${node.location.uri}#${node.id}`),
      );
      return all.map((node) => useCaseNode(node, ''));
    }
    case 'sprint': {
      const sprints = new Map<string, BacklogNode[]>();
      for (const item of flattenBacklog(model.backlog)) {
        const key = item.sprint ?? '';
        let items = sprints.get(key);
        if (!items) sprints.set(key, (items = []));
        items.push(item);
      }
      const names = [...sprints.keys()].sort((a, b) =>
        a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, undefined, { numeric: true }),
      );
      const capacities = new Map(model.sprints.map((sprint) => [sprint.sprint, sprint]));
      const target = formatShare(model.securityCapacityTarget);
      return withUnplanned(
        names.map((name): Node => {
          const id = `sprint:${name}`;
          const items = sprints.get(name)!;
          const capacity = capacities.get(name);
          const share = capacity?.share === undefined ? undefined : formatShare(capacity.share);
          return {
            kind: 'group',
            id,
            label: name ? `Sprint ${name.replace(/^sprint\s*/i, '')}` : 'No sprint',
            description: share ? `${items.length} · ${share} security` : `${items.length}`,
            tooltip: name
              ? `Backlog items planned in sprint ${escapeMarkdown(name)}.` +
                (share
                  ? ` ${capacity!.securityPoints} of ${capacity!.totalPoints} points (${share}) go to security work; the target is ${target}.`
                  : '')
              : 'Backlog items without a sprint.',
            children: items.map((item) => backlogNode({ ...item, children: [] }, id)),
          };
        }),
      );
    }
    default:
      return withUnplanned(model.backlog.map((item) => backlogNode(item, '')));
  }
}

function backlogNode(node: BacklogNode, parentId: string): Node {
  const id = `${parentId}/b:${node.id}`;
  return {
    kind: 'backlog-item',
    id,
    node,
    children: [
      ...node.children.map((child) => backlogNode(child, id)),
      ...node.useCases.map((useCase) => useCaseNode(useCase, id)),
      ...node.mitigations.map((mitigation, index): Node => ({
        kind: 'built-mitigation',
        id: `${id}/bm:${index}`,
        node: mitigation,
        children: [],
      })),
    ],
  };
}

function useCaseNode(node: UseCaseNode, parentId: string): Node {
  const id = `${parentId}/u:${node.id}`;
  return { kind: 'use-case', id, node, children: node.abuseCases.map((abuseCase) => abuseCaseNode(abuseCase, id)) };
}

function abuseCaseNode(node: AbuseCaseNode, parentId: string): Node {
  const id = `${parentId}/a:${node.id}`;
  return {
    kind: 'abuse-case',
    id,
    node,
    children: node.mitigations.map((mitigation, index): Node => ({
      kind: 'mitigation',
      id: `${id}/m:${index}`,
      node: mitigation,
      children: [],
    })),
  };
}

/** Keeps the rows with an open risk or a gap, and the rows leading to them; an open abuse case keeps its mitigations. */
function prune(nodes: Node[]): Node[] {
  return nodes.flatMap((node) => {
    const state = stateOfNode(node);
    const open = node.kind !== 'mitigation' && (state === 'open' || state === 'uncovered');
    const children = open && node.kind === 'abuse-case' ? node.children : prune(node.children);
    return open || children.length ? [{ ...node, children } as Node] : [];
  });
}

const word = (state: CoverageState) => STATE_LEGEND[state].word;

/** `C ✓ I ✗ A –`: each dimension's mark (see STATE_LEGEND). */
export function ciaBadge(cia: Record<(typeof DIMENSIONS)[number], CiaMark>): string {
  return stateBadge(DIMENSIONS.map((dimension) => [dimension, cia[dimension].state] as const));
}

/** `C ! I !`: the dimensions an abuse case threatens, each with the abuse case's state. */
function threatBadge(threatens: readonly string[], state: CoverageState): string {
  return threatens.length ? stateBadge(threatens.map((dimension) => [dimension, state] as const)) : 'threatens nothing';
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
      return [ciaBadge(node.cia), node.sprint, node.status, node.security ? 'security' : undefined, node.title]
        .filter(Boolean)
        .join(' · ');
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

/** How many entries a tooltip lists before it says "and N more": an epic of a large product builds hundreds. */
const LISTED = 10;

/** Every tooltip: the title in a paragraph of its own (it wraps), why the row stands as it does, and the legend. */
function tooltipOf(row: Located): string {
  let text = '';
  const append = (markdown: string) => void (text += markdown);
  const stateLine = (state: CoverageState, why?: string) =>
    `$(${ROW_ICONS[state].codicon}) **${word(state)}**${why ? ` — ${why}` : ''}\n\n`;
  switch (row.kind) {
    case 'backlog-item': {
      const { node } = row;
      append(`**${node.id}** ${escapeMarkdown(node.title)}\n\n`);
      append(stateLine(node.state, 'the worst state of what it builds and of the abuse cases its mitigations answer'));
      append(
        `${node.type} · ${node.status}${node.sprint ? ` · sprint ${escapeMarkdown(node.sprint)}` : ''}${node.points !== undefined ? ` · ${node.points} points` : ''}${node.security ? ' · security work' : ''}\n\n`,
      );
      if (node.useCases.length)
        append(
          `Builds use cases: ${listed(
            node.useCases.map((u) => `${u.id} (${word(u.state)})`),
            LISTED,
          )}\n\n`,
        );
      if (node.mitigations.length) {
        append('Builds mitigations:\n\n');
        for (const m of node.mitigations.slice(0, LISTED))
          append(
            `- ${escapeMarkdown(m.title)} (${m.status}) for ${m.abuseCase} of ${m.useCase}, which is ${word(m.abuseCaseState)}\n`,
          );
        if (node.mitigations.length > LISTED) append(`- and ${node.mitigations.length - LISTED} more\n`);
        append('\n');
      }
      append(ciaLines(node.cia));
      break;
    }
    case 'use-case': {
      const { node } = row;
      append(`**${node.id}** ${escapeMarkdown(node.title)}\n\n`);
      append(stateLine(node.state, 'the worst of its dimensions and abuse cases'));
      append(ciaLines(node.cia));
      const open = node.abuseCases.filter((a) => a.state === 'open');
      if (open.length)
        append(
          `\nOpen abuse cases: ${listed(
            open.map((a) => a.id),
            LISTED,
          )}\n\n`,
        );
      break;
    }
    case 'abuse-case': {
      const { node } = row;
      append(`**${node.id}** ${escapeMarkdown(node.title)}\n\n`);
      append(stateLine(node.state, whyState(node)));
      append(
        `${threatBadge(node.threatens, node.state)}: threatens ${node.threatens.join(', ') || 'nothing'} · ${node.intent}${node.likelihood ? ` · ${node.likelihood} likelihood` : ''}${node.impact ? ` · ${node.impact} impact` : ''}\n\n`,
      );
      for (const m of node.mitigations)
        append(
          `- ${escapeMarkdown(m.title)} — ${m.status}${m.backlog.length ? `, built by ${m.backlog.join(', ')}` : ', in no backlog item'}\n`,
        );
      break;
    }
    case 'mitigation': {
      const { node } = row;
      append(`**${escapeMarkdown(node.title)}**\n\n`);
      const built =
        node.state === 'open'
          ? `$(${ROW_ICONS['not-built'].codicon}) **${node.status}** — not built yet`
          : stateLine(node.state, `${node.status}`).trim();
      append(
        `${built} · ${node.backlog.length ? `built by ${node.backlog.join(', ')}` : 'no backlog item builds it'}\n\n`,
      );
      break;
    }
    case 'built-mitigation': {
      const { node } = row;
      append(`**${escapeMarkdown(node.title)}**\n\n`);
      append(`The mitigation is ${node.status}; it answers ${node.abuseCase} of ${node.useCase}:\n\n`);
      append(
        stateLine(
          node.abuseCaseState,
          `${threatBadge(node.threatens, node.abuseCaseState)}, the state of ${node.abuseCase} on ${node.threatens.join(', ') || 'nothing'}`,
        ),
      );
      break;
    }
  }
  append(`\n---\n\n[What do the marks mean?](command:${LEGEND_COMMAND})`);
  return text;
}

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
      return node.mitigations.length
        ? 'no mitigation is implemented or verified yet'
        : 'it has no mitigation and no acceptance';
  }
}

function ciaLines(cia: Record<(typeof DIMENSIONS)[number], CiaMark>): string {
  return DIMENSIONS.map((dimension) => {
    const { state, level, requiredBy, abuseCases } = cia[dimension];
    const { mark } = STATE_LEGEND[state];
    const why = requiredBy ? ` by ${requiredBy === 'cia:' ? '`cia:`' : `data class \`${requiredBy}\``}` : '';
    const detail =
      state === 'uncovered'
        ? 'no abuse case threatens it'
        : abuseCases.length
          ? `threatened by ${listed(abuseCases, LISTED)}`
          : '';
    return `- \`${mark}\` ${dimension}: **${word(state)}** — required ${level}${why}${detail ? `; ${detail}` : ''}\n`;
  }).join('');
}
