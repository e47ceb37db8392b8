/**
 * The sidebar's rows, built on the server from a coverage model: grouped by backlog item, sprint or use case,
 * optionally kept to open risks, with labels, descriptions and tooltips, answered a level at a time. No editor
 * API here (the client only turns rows into tree items); the tests feed it plain models.
 */
import { formatShare, sprintLabel } from '../engine/capacity';
import { flattenBacklog, lookupOf } from '../engine/backlogTree';
import { ciaBadge, MITIGATION_STATE } from '../engine/coverageNodes';
import { DIMENSIONS } from '../engine/format';
import { listed, plural } from '../engine/text';
import { itemsByRelease, releasesOf, ReleaseVerdict, releaseVerdict } from '../engine/release';
import type {
  AbuseCaseNode,
  BacklogNode,
  BaselineAnswerNode,
  BaselineNode,
  ExpiringNode,
  BuiltMitigation,
  CiaMark,
  CoverageLookup,
  CoverageModel,
  MitigationNode,
  NodeLocation,
  UseCaseNode,
  VendorNode,
} from '../engine/coverageTree';
import { escapeMarkdown } from '../../../shared/markdown';
import {
  BASELINE_LEGEND,
  EXPIRING_KIND,
  REVIEW_LEGEND,
  STATE_LEGEND,
  stateBadge,
  vendorState,
} from '../../../shared/coverageStates';
import {
  COVERAGE_PAGE_SIZE,
  CoverageRow,
  EditorLocation,
  editorLocation,
  CoverageViewParams,
  LEGEND_COMMAND,
  Position,
  ROW_ICONS,
  RowIcon,
  RowTarget,
} from '../../../shared/protocol';
import type { CoverageState } from '../../../shared/coverageStates';

/**
 * The tree's structure, made as it is asked for: a level's nodes are cheap objects, made when that level (or a path
 * through it) is first asked; labels, descriptions and tooltips are rendered only for the rows sent.
 */
type Node =
  | {
      kind: 'group';
      id: string;
      label: string;
      tooltip: string;
      description?: string;
      /** Shown collapsed at first (groups are expanded otherwise). */
      collapsed?: boolean;
      parent?: Node;
      make: () => Node[];
    }
  | { kind: 'backlog-item'; id: string; node: BacklogNode; flat: boolean; parent?: Node }
  | { kind: 'use-case'; id: string; node: UseCaseNode; parent?: Node }
  | { kind: 'abuse-case'; id: string; node: AbuseCaseNode; parent?: Node }
  | { kind: 'mitigation'; id: string; node: MitigationNode; parent?: Node }
  | { kind: 'built-mitigation'; id: string; node: BuiltMitigation; parent?: Node }
  | { kind: 'baseline-question'; id: string; node: BaselineNode; parent?: Node }
  | { kind: 'baseline-answer'; id: string; node: BaselineAnswerNode; parent?: Node }
  | { kind: 'expiring'; id: string; node: ExpiringNode; parent?: Node }
  | { kind: 'vendor'; id: string; node: VendorNode; parent?: Node };

type Located = Exclude<Node, { kind: 'group' }>;

const PAGE_SIZE = COVERAGE_PAGE_SIZE;

/** The rows of one model under one grouping and filter, made and rendered a level at a time. */
export class CoverageRows {
  private roots?: Node[];
  private readonly levels = new WeakMap<Node, Node[]>();
  private readonly byId = new Map<string, Node>();
  /** How many nodes of each level have their final ids (see `indexed`). */
  private readonly indexedCount = new WeakMap<Node[], number>();

  constructor(
    private readonly model: CoverageModel,
    private readonly view: CoverageViewParams,
    /** What only a walk of the model would tell: the language server's index answers it from its indexes. */
    private readonly lookup: CoverageLookup = lookupOf(model),
    /** A release judged on its slice: the language server's under the configuration's thresholds. */
    private readonly releaseOf: (release: string) => ReleaseVerdict = (release) =>
      releaseVerdict(model, release, {}, 0),
  ) {}

  /**
   * The rows under `parent` (the root rows without one); none for an id this model does not have. With a limit,
   * the first `limit` rows (enough to hold `include`, when given) and a row that shows more.
   */
  children(parent?: string, page: { limit?: number; include?: string } = {}): CoverageRow[] {
    const owner = parent === undefined ? undefined : this.find(parent);
    if (parent !== undefined && !owner) return [];
    const nodes = this.childrenOf(owner);
    let shown = nodes.length;
    if (page.limit !== undefined && page.limit < nodes.length) {
      shown = Math.max(1, page.limit);
      const at = page.include === undefined ? -1 : this.indexed(nodes).findIndex((node) => node.id === page.include);
      if (at >= shown) shown = Math.ceil((at + 1) / PAGE_SIZE) * PAGE_SIZE;
    }
    const rows = this.indexed(nodes, shown)
      .slice(0, shown)
      .map((node) => this.render(node));
    if (shown < nodes.length) rows.push(moreRow(parent, shown, nodes.length));
    return rows;
  }

  /** The tooltip of a row (the client asks when the row is hovered); undefined for an id this model does not have. */
  tooltip(id: string): string | undefined {
    const node = this.find(id);
    return node && (node.kind === 'group' ? node.tooltip : tooltipOf(node));
  }

  /** Every row, depth-first, unpaged (for tests). */
  all(nodes: Node[] = this.indexed(this.childrenOf(undefined))): CoverageRow[] {
    return nodes.flatMap((node) => [this.render(node), ...this.all(this.indexed(this.childrenOf(node)))]);
  }

  /**
   * The ids from a root row down to the row of the deepest node holding the position; empty when there is none.
   * A use case under several backlog items is found under the first it names; under the filter, the path stops at
   * the last row the filter keeps.
   */
  pathAt(uri: string, position: Position): string[] {
    const wanted = this.wantedAt(uri, position);
    if (!wanted) return [];
    const path: string[] = [];
    let owner: Node | undefined;
    for (const id of wanted) {
      // The ids wanted are plain: the first of a repeated id keeps it, so the level is indexed only as far as the row.
      const level = this.childrenOf(owner);
      const at = level.findIndex((node) => node.id === id);
      if (at < 0) break;
      const next = this.indexed(level, at + 1)[at];
      path.push(id);
      owner = next;
    }
    return path;
  }

  /** The row ids the deepest node at the position would have in this grouping, before the filter. */
  private wantedAt(uri: string, { line, character }: Position): string[] | undefined {
    const holds = ([, startLine, startCharacter, endLine, endCharacter]: NodeLocation) =>
      (line > startLine || (line === startLine && character >= startCharacter)) &&
      (line < endLine || (line === endLine && character <= endCharacter));
    const { useCases, items } = this.lookup.inFile(uri);
    const useCase = useCases.find((node) => holds(node.location));
    if (useCase) {
      const abuseIndex = useCase.abuseCases.findIndex((node) => holds(node.location));
      const abuseCase = useCase.abuseCases[abuseIndex];
      const mitigationIndex = abuseCase ? abuseCase.mitigations.findIndex((node) => holds(node.location)) : -1;
      const below = [`u:${useCase.id}`];
      if (abuseCase) below.push(`a:${abuseCase.id}`);
      if (mitigationIndex >= 0) below.push(`m:${mitigationIndex}`);
      if (this.view.grouping === 'useCase') return rowIds('', below);
      const builder = useCase.backlog.map((id) => this.lookup.item(id)).find((item) => item !== undefined);
      if (!builder) return rowIds('group:unplanned', below);
      const [start, above] = this.itemPath(builder);
      return rowIds(start, [...above, ...below]);
    }
    const item = this.view.grouping === 'useCase' ? undefined : items.find((node) => holds(node.location));
    if (item) return rowIds(...this.itemPath(item));
    // A product has a handful of vendors: no index needed to find the one at the cursor.
    const vendor = this.model.vendors.find(
      (node) => this.model.files[node.location[0]] === uri && holds(node.location),
    );
    return vendor && rowIds(VENDORS_GROUP, [`v:${vendor.id}`]);
  }

  /** Where a backlog item's row hangs: under its epics' rows (by backlog) or its sprint's group (by sprint). */
  private itemPath(item: BacklogNode): [start: string, segments: string[]] {
    if (this.view.grouping === 'sprint') return [`sprint:${item.sprint ?? ''}`, [`b:${item.id}`]];
    if (this.view.grouping === 'release') return [`release:${item.release ?? ''}`, [`b:${item.id}`]];
    const chain: string[] = [];
    for (let at: string | undefined = item.id; at !== undefined; at = this.lookup.epicOf(at)) chain.unshift(`b:${at}`);
    return ['', chain];
  }

  /** The node of a row id: made by walking down from the root (a row's id starts with its parent's). */
  private find(id: string): Node | undefined {
    const known = this.byId.get(id);
    if (known) return known;
    let level = this.indexed(this.childrenOf(undefined));
    for (;;) {
      const onTheWay = level
        .filter((node) => id === node.id || id.startsWith(`${node.id}/`))
        .sort((a, b) => b.id.length - a.id.length)[0];
      if (!onTheWay || onTheWay.id === id) return onTheWay;
      level = this.indexed(this.childrenOf(onTheWay));
    }
  }

  /**
   * A node's children as the view shows them (kept to open risks under the filter), made once; their ids are final
   * once `indexed` has been through them.
   */
  private childrenOf(owner: Node | undefined): Node[] {
    if (!owner) return (this.roots ??= this.keep(rootsOf(this.model, this.view, this.lookup, this.releaseOf)));
    let nodes = this.levels.get(owner);
    if (!nodes) {
      for (const node of (nodes = made(owner))) node.parent = owner;
      // Under the filter, an open abuse case keeps all its mitigations.
      if (owner.kind !== 'abuse-case') nodes = this.keep(nodes);
      this.levels.set(owner, nodes);
    }
    return nodes;
  }

  /**
   * Gives the first `count` nodes of a level (all without a count) their final ids and indexes them by id. A level
   * is indexed as far as it is shown: the backlog's root may hold thousands of rows, and a page shows 100.
   */
  private indexed(nodes: Node[], count = nodes.length): Node[] {
    let at = this.indexedCount.get(nodes) ?? 0;
    // An id the YAML repeats under one parent (a finding of its own) gets a suffix: VS Code needs unique row ids.
    // (An id is its parent's and a segment, so an id met before can only be an earlier sibling's.)
    for (; at < Math.min(count, nodes.length); at++) {
      const node = nodes[at];
      if (this.byId.has(node.id)) {
        let suffix = 2;
        while (this.byId.has(`${node.id}~${suffix}`)) suffix++;
        node.id = `${node.id}~${suffix}`;
      }
      this.byId.set(node.id, node);
    }
    this.indexedCount.set(nodes, at);
    return nodes;
  }

  /** Under the filter, the rows with an open risk or a gap, and the groups holding some. */
  private keep(nodes: Node[]): Node[] {
    return this.view.openRisksOnly ? nodes.filter((node) => this.isKept(node)) : nodes;
  }

  /** A row's state is the worst below it, so an open or missing risk below shows in the row itself. */
  private isKept(node: Node): boolean {
    if (node.kind === 'group') return this.childrenOf(node).length > 0;
    if (node.kind === 'mitigation') return false;
    const state = stateOfNode(node);
    return state === 'open' || state === 'uncovered';
  }

  private render(node: Node): CoverageRow {
    const parentId = node.parent?.id;
    if (node.kind === 'group') {
      return {
        id: node.id,
        ...(parentId === undefined ? {} : { parentId }),
        kind: 'group',
        label: node.label,
        description: node.description ?? `${this.childrenOf(node).length}`,
        collapsible: node.collapsed ? 'collapsed' : 'expanded',
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
      state,
      icon: iconOf(node),
      collapsible: this.childrenOf(node).length ? 'collapsed' : 'none',
      ...this.locationOf(node),
      contextValue: node.kind,
      ...('id' in node.node ? { nodeId: node.node.id } : {}),
      ...(backlogItems ? { backlogItems } : {}),
    };
  }

  /** What a click on the row opens, as the editor opens it. */
  private locationOf(node: Located): { location?: EditorLocation } {
    const location = locationOf(node);
    return location ? { location: editorLocation(this.model.files, location) } : {};
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
      const item = this.lookup.item(id);
      return item ? [{ id, title: item.title, location: editorLocation(this.model.files, item.location) }] : [];
    });
  }
}

/** The ids of the rows down a path: a row's id is its parent's, `/`, and its own segment (`/b:RM-1/u:UC-1`). */
function rowIds(start: string, segments: string[]): string[] {
  const ids = start ? [start] : [];
  let id = start;
  for (const segment of segments) ids.push((id = `${id}/${segment}`));
  return ids;
}

/** The row that shows the next page of a level. */
function moreRow(parent: string | undefined, shown: number, total: number): CoverageRow {
  const more = Math.min(PAGE_SIZE, total - shown);
  return {
    id: `${parent ?? ''}/more:${shown}`,
    ...(parent === undefined ? {} : { parentId: parent }),
    kind: 'more',
    label: `Show ${more} more`,
    description: `${shown} of ${total} shown`,
    tooltip: `${total - shown} more rows at this level. Filter to open risks, or group by sprint, to see fewer.`,
    collapsible: 'none',
    contextValue: 'more',
    more: { ...(parent === undefined ? {} : { parent }), shown: shown + more },
  };
}

/** What a click on a row opens: its YAML node; a question's finding while it is a gap, else its furthest answer. */
function locationOf(node: Located): NodeLocation | undefined {
  if (node.kind !== 'baseline-question') return node.node.location;
  return node.node.status === 'gap' ? node.node.location : (node.node.answeredBy[0]?.location ?? node.node.location);
}

/** A question's state as a row's: a gap is not thought of, a turned-off question accepted, one that does not apply not required. */
function questionState(node: BaselineNode): CoverageState {
  switch (node.status) {
    case 'gap':
      return 'uncovered';
    case 'turned-off':
      return 'accepted';
    case 'not-applicable':
      return 'not-required';
    case 'answered':
      return MITIGATION_STATE[node.progress ?? 'proposed'];
  }
}

/** The state a row shows with its icon; a built mitigation shows the abuse case it answers. */
function stateOfNode(node: Node): CoverageState | undefined {
  switch (node.kind) {
    case 'group':
      return undefined;
    case 'built-mitigation':
      return node.node.abuseCaseState;
    case 'baseline-question':
      return questionState(node.node);
    case 'baseline-answer':
      return MITIGATION_STATE[node.node.status];
    case 'expiring':
      // Lapsed: counted as open again (or implemented only); about to lapse: still holds.
      return node.node.overdue ? 'open' : 'accepted';
    case 'vendor':
      return vendorState(node.node);
    default:
      return node.node.state;
  }
}

function iconOf(node: Located): RowIcon {
  if (node.kind === 'mitigation' && node.node.state === 'open') return 'not-built';
  const state = stateOfNode(node)!;
  // An answer that is only proposed or planned is not built yet, not an open risk.
  if ((node.kind === 'baseline-question' || node.kind === 'baseline-answer') && state === 'open') return 'not-built';
  return state;
}

/** The evidence that has lapsed or lapses soon: a group, soonest first, when there is any. */
function expiringGroup(model: CoverageModel): Node | undefined {
  if (model.expiring.length === 0) return undefined;
  const id = 'group:expiring';
  const lapsed = model.expiring.filter((node) => node.overdue).length;
  return {
    kind: 'group',
    id,
    label: 'Expiring soon',
    description: lapsed ? `${lapsed} lapsed · ${model.expiring.length - lapsed} soon` : `${model.expiring.length} soon`,
    tooltip: `Risk acceptances, verifications, recurring work and vendor reviews that have lapsed, or lapse within ${model.expiringWithinDays} days (\`expiring-within\`, or the abuseCases.sidebar.expiringWithinDays setting), soonest first.`,
    make: () => model.expiring.map((node, index): Node => ({ kind: 'expiring', id: `${id}/e:${index}`, node })),
  };
}

const VENDORS_GROUP = 'group:vendors';

/** The third parties, in the order of the files: open at first while one of them lacks the review it needs. */
function vendorsGroup(model: CoverageModel): Node | undefined {
  if (model.vendors.length === 0) return undefined;
  const unreviewed = model.vendors.filter((node) => ['open', 'uncovered'].includes(vendorState(node))).length;
  return {
    kind: 'group',
    id: VENDORS_GROUP,
    label: 'Third parties',
    description: unreviewed ? `${unreviewed} need a review` : `${model.vendors.length}`,
    tooltip:
      'The vendors the product hands data to (`vendors:`). One that receives data requiring medium or high confidentiality needs a security review that still holds (`review:` with `on` and `until`).',
    collapsed: unreviewed === 0,
    make: () => model.vendors.map((node): Node => ({ kind: 'vendor', id: `${VENDORS_GROUP}/v:${node.id}`, node })),
  };
}

/** The questions of the baseline: one group, with a level per product when the workspace has several. */
function baselineGroup(model: CoverageModel): Node | undefined {
  // Nothing applies (no use case yet) and nothing answers: no group to show.
  if (model.baseline.every((node) => node.status === 'not-applicable' && node.answeredBy.length === 0))
    return undefined;
  const gaps = model.baseline.filter((node) => node.status === 'gap').length;
  const products = [...new Set(model.baseline.map((node) => node.product))];
  const questions = (parent: string, product: string) =>
    model.baseline
      .filter((node) => node.product === product)
      .map((node): Node => ({ kind: 'baseline-question', id: `${parent}/q:${node.capability}`, node }));
  const id = 'group:baseline';
  return {
    kind: 'group',
    id,
    label: 'Security baseline',
    description: gaps ? `${gaps} not answered` : 'all answered',
    tooltip:
      'The questions every product must answer from the start: backups and restore, vendors, encryption, an audit trail, strong sign-in, data minimisation, consent, patching, regulations and incident readiness.',
    collapsed: gaps === 0,
    make: () =>
      products.length === 1
        ? questions(id, products[0])
        : products.map((product): Node => {
            const productId = `${id}/p:${product}`;
            const productGaps = model.baseline.filter((node) => node.product === product && node.status === 'gap');
            return {
              kind: 'group',
              id: productId,
              label: product,
              description: productGaps.length ? `${productGaps.length} not answered` : 'all answered',
              tooltip: `The security baseline of ${escapeMarkdown(product)}.`,
              // A workspace may hold many products: each opens when asked.
              collapsed: true,
              make: () => questions(productId, product),
            };
          }),
  };
}

function rootsOf(
  model: CoverageModel,
  { grouping, openRisksOnly }: CoverageViewParams,
  lookup: CoverageLookup,
  releaseOf: (release: string) => ReleaseVerdict,
): Node[] {
  const unplanned: Node = {
    kind: 'group',
    id: 'group:unplanned',
    label: 'Unplanned use cases',
    tooltip: 'Use cases that no backlog item builds: add their backlog items to `backlog:`.',
    make: () => model.unplanned.map((node) => useCaseNode(node, 'group:unplanned')),
  };
  // The baseline first: a handful of questions every product answers, before a backlog that may run to thousands.
  const baseline = baselineGroup(model);
  const first = [baseline, expiringGroup(model), vendorsGroup(model)].filter(
    (node): node is Node => node !== undefined,
  );
  const withUnplanned = (nodes: Node[]) => [...first, ...nodes, ...(model.unplanned.length ? [unplanned] : [])];
  switch (grouping) {
    case 'useCase':
      return [...first, ...lookup.useCases().map((node) => useCaseNode(node, ''))];
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
            label: name ? sprintLabel(name) : 'No sprint',
            description: share ? `${items.length} · ${share} security` : `${items.length}`,
            tooltip: name
              ? `Backlog items planned in sprint ${escapeMarkdown(name)}.` +
                (share
                  ? ` ${capacity!.securityPoints} of ${capacity!.totalPoints} points (${share}) go to security work; the target is ${target}.`
                  : '')
              : 'Backlog items without a sprint.',
            make: () => items.map((item) => backlogNode(item, id, true)),
          };
        }),
      );
    }
    case 'release':
      return withUnplanned(releaseGroups(model, releaseOf, openRisksOnly));
    default:
      return withUnplanned(model.backlog.map((item) => backlogNode(item, '', false)));
  }
}

/**
 * A group per release the backlog names, in release order, with its gate (`abuse-cases gate --release`) and the
 * items that say nowhere where they came from; then the items of no release. Each lists its items flat, as a sprint.
 */
function releaseGroups(
  model: CoverageModel,
  releaseOf: (release: string) => ReleaseVerdict,
  openRisksOnly: boolean,
): Node[] {
  const byRelease = itemsByRelease(model);
  const names = [...releasesOf(model), ...(byRelease.has('') ? [''] : [])];
  return names.map((name): Node => {
    const id = `release:${name}`;
    const items = byRelease.get(name)!;
    const make = () => items.map((item) => backlogNode(item, id, true));
    // Counted, not made, unless the filter keeps some: the group of items without a release may hold most of a
    // large backlog.
    if (!name)
      return {
        kind: 'group',
        id,
        label: 'No release',
        ...(openRisksOnly ? {} : { description: `${items.length}` }),
        tooltip: 'Backlog items without a `release:`.',
        make,
      };
    const { gate, untraced } = releaseOf(name);
    const failing = gate.thresholds.filter((result) => !result.passed && result.mode === 'fail');
    const description = [
      `${items.length}`,
      gate.passed ? '✓ gate passes' : '✗ gate failing',
      gate.reported ? `${gate.reported} reported` : undefined,
      untraced.length ? `${untraced.length} untraced` : undefined,
    ];
    const tooltip = [
      `**Release ${escapeMarkdown(name)}**: ${plural(items.length, 'backlog item')}.`,
      gate.passed
        ? 'Its gate passes (`abuse-cases gate --release`).'
        : `Its gate fails: ${failing.map((result) => `${result.threshold}: ${escapeMarkdown(result.message)}`).join('; ')}.`,
      gate.reported ? `${plural(gate.reported, 'failing check')} only reported (mode: report).` : '',
      untraced.length
        ? `Not security work, and no \`source:\` says where it came from: ${listed(untraced, LISTED)}.`
        : '',
    ];
    return {
      kind: 'group',
      id,
      label: `Release ${name}`,
      description: description.filter(Boolean).join(' · '),
      tooltip: tooltip.filter(Boolean).join('\n\n'),
      make,
    };
  });
}

/** A node's children before the filter: a sprint's items are listed flat, without their children. */
function made(owner: Node): Node[] {
  switch (owner.kind) {
    case 'group':
      return owner.make();
    case 'backlog-item': {
      const { node, id } = owner;
      return [
        ...(owner.flat ? [] : node.children.map((child) => backlogNode(child, id, false))),
        ...node.useCases.map((useCase) => useCaseNode(useCase, id)),
        ...node.mitigations.map((mitigation, index): Node => ({
          kind: 'built-mitigation',
          id: `${id}/bm:${index}`,
          node: mitigation,
        })),
      ];
    }
    case 'use-case':
      return owner.node.abuseCases.map((abuseCase) => ({
        kind: 'abuse-case',
        id: `${owner.id}/a:${abuseCase.id}`,
        node: abuseCase,
      }));
    case 'abuse-case':
      return owner.node.mitigations.map((mitigation, index) => ({
        kind: 'mitigation',
        id: `${owner.id}/m:${index}`,
        node: mitigation,
      }));
    case 'baseline-question':
      return owner.node.answeredBy.map((answer, index) => ({
        kind: 'baseline-answer',
        id: `${owner.id}/ans:${index}`,
        node: answer,
      }));
    default:
      return [];
  }
}

function backlogNode(node: BacklogNode, parentId: string, flat: boolean): Node {
  return { kind: 'backlog-item', id: `${parentId}/b:${node.id}`, node, flat };
}

function useCaseNode(node: UseCaseNode, parentId: string): Node {
  return { kind: 'use-case', id: `${parentId}/u:${node.id}`, node };
}

const word = (state: CoverageState) => STATE_LEGEND[state].word;

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
    case 'baseline-question':
      return row.node.name;
    case 'baseline-answer':
      return row.node.label;
    case 'expiring':
      return row.node.label;
    case 'vendor':
      return row.node.id;
  }
}

/** `✓ answered · verified`, `✗ not answered`. */
function questionDescription(node: BaselineNode): string {
  const { mark, word: said } = BASELINE_LEGEND[node.status];
  return `${mark} ${said}${node.status === 'answered' && node.progress ? ` · ${node.progress}` : ''}`;
}

/** What kind of answer it is: `backlog item`, `mitigation · nist-800-53:CP-9`, `abuse case · template lost-backups`. */
function answerRoute(node: BaselineAnswerNode): string {
  if (node.route === 'control') return `${node.kind} · ${node.via}`;
  if (node.route === 'template') return `${node.kind} · template ${node.via}`;
  return node.kind;
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
      return [
        row.node.status,
        ...(row.node.verificationDue ? [`verification lapsed ${row.node.verificationDue}`] : []),
        ...row.node.backlog,
      ].join(' · ');
    case 'built-mitigation':
      return `${threatBadge(row.node.threatens, row.node.abuseCaseState)} · builds: ${row.node.title} (${row.node.status})`;
    case 'baseline-question':
      return questionDescription(row.node);
    case 'baseline-answer':
      return `${row.node.status} · ${answerRoute(row.node)}`;
    case 'expiring':
      return `${EXPIRING_KIND[row.node.kind]} · ${row.node.overdue ? 'lapsed' : 'due'} ${row.node.due} (${row.node.when})`;
    case 'vendor':
      return [reviewWords(row.node), row.node.review.until && `until ${row.node.review.until}`, row.node.name]
        .filter(Boolean)
        .join(' · ');
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
      append(privacyLines(node));
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
      if (node.verificationDue)
        append(
          `Its verification lapsed on ${node.verificationDue}: it counts as implemented, not verified, until it is verified again.\n\n`,
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
    case 'baseline-question': {
      const { node } = row;
      append(`**${escapeMarkdown(node.name)}** — ${questionDescription(node)}\n\n`);
      append(`${escapeMarkdown(node.sentence)}\n\n`);
      if (node.status === 'turned-off') append(`Turned off: ${escapeMarkdown(node.why ?? '')}\n\n`);
      if (node.answeredBy.length) {
        append('Answered by:\n\n');
        for (const answer of node.answeredBy.slice(0, LISTED))
          append(`- ${escapeMarkdown(answer.label)} (${answer.status}, ${escapeMarkdown(answerRoute(answer))})\n`);
        if (node.answerCount > LISTED) append(`- and ${node.answerCount - LISTED} more\n`);
        append('\n');
      } else if (node.status === 'gap') {
        append(
          'Answer it with `answers: [' +
            node.capability +
            ']` on a backlog item or a mitigation, a control tag that maps to it, or an abuse case of its family: the quick fix on the finding adds one.\n\n',
        );
      }
      break;
    }
    case 'expiring': {
      const { node } = row;
      append(`**${escapeMarkdown(node.label)}** — ${EXPIRING_KIND[node.kind]}\n\n`);
      append(
        node.overdue
          ? `It lapsed after ${node.due} (${node.when}): renew it, or it counts as not done.\n\n`
          : `It holds until ${node.due} (${node.when}).\n\n`,
      );
      break;
    }
    case 'vendor': {
      const { node } = row;
      append(`**${escapeMarkdown(node.id)}** ${escapeMarkdown(node.name)}\n\n`);
      if (node.purpose) append(`${escapeMarkdown(node.purpose)}\n\n`);
      const state = vendorState(node);
      append(
        stateLine(
          state,
          state === 'not-required'
            ? 'it receives no data requiring medium or high confidentiality: no review is required'
            : REVIEW_LEGEND[node.review.status].meaning,
        ),
      );
      append(`Receives: ${node.receives.length ? node.receives.map((c) => `\`${c}\``).join(', ') : 'nothing'}\n\n`);
      const { by, on, until, evidence } = node.review;
      if (by || on || until)
        append(
          `Reviewed${by ? ` by ${escapeMarkdown(by)}` : ''}${on ? ` on ${on}` : ''}${until ? `, holds until ${until}` : ''}${evidence.length ? ` (evidence: ${evidence.map(escapeMarkdown).join(', ')})` : ''}\n\n`,
        );
      break;
    }
    case 'baseline-answer': {
      const { node } = row;
      append(`**${escapeMarkdown(node.label)}**\n\n`);
      append(`A ${node.kind}, ${node.status}: ${escapeMarkdown(answerRoute(node))}.\n\n`);
      break;
    }
  }
  append(`\n---\n\n[What do the marks mean?](command:${LEGEND_COMMAND})`);
  return text;
}

/** `✓ reviewed`, `✗ not reviewed`, `– no review needed`. */
function reviewWords(node: VendorNode): string {
  if (vendorState(node) === 'not-required') return `${STATE_LEGEND['not-required'].mark} no review needed`;
  const { mark, word: said } = REVIEW_LEGEND[node.review.status];
  return `${mark} ${said}`;
}

/** What a use case says of its personal data and the vendors it hands data to; nothing when it has neither. */
function privacyLines({ privacy, vendors }: UseCaseNode): string {
  const lines: string[] = [];
  if (privacy.personalData.length) {
    const stated = (value: string | undefined) => (value ? `\`${value}\`` : '**not stated**');
    lines.push(
      `Personal data (${privacy.personalData.map((c) => `\`${c}\``).join(', ')}): lawful basis ${stated(privacy.lawfulBasis)}, retention ${stated(privacy.retention)}${privacy.specialCategoryCondition ? `, art. 9 condition \`${privacy.specialCategoryCondition}\`` : ''}`,
    );
  }
  if (vendors.length) lines.push(`Hands data to: ${vendors.map(escapeMarkdown).join(', ')}`);
  return lines.length ? `\n${lines.join('\n\n')}\n\n` : '';
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
