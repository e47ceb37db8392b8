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
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  coverageChildrenRequest,
  coverageRevealRequest,
  CoverageRow,
  Grouping,
  LEGEND_COMMAND,
  NodeLocation,
  ROW_ICONS,
  RowIcon,
} from '../../shared/protocol';

export type { Grouping } from '../../shared/protocol';
export { LEGEND_COMMAND } from '../../shared/protocol';

/** A row of the tree, as the server rendered it. */
export type Row = CoverageRow;

export const ROW_THEME_ICONS = Object.fromEntries(
  Object.entries(ROW_ICONS).map(([icon, { codicon, color }]) => [icon, new ThemeIcon(codicon, new ThemeColor(color))]),
) as Record<RowIcon, ThemeIcon>;

/**
 * The tree of the security coverage, asked of the server a level at a time: the rows VS Code shows are fetched when
 * it asks for them, and nothing while the view is hidden (the sidebar refreshes only a visible view). Ids are stable
 * paths of the model's ids, so a refresh keeps what the user expanded and selected.
 */
export class CoverageTreeProvider implements TreeDataProvider<Row> {
  private readonly changed = new EventEmitter<Row | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The rows fetched since the last refresh, by id: getParent and reveal read them. */
  private readonly byId = new Map<string, Row>();
  /** The levels fetched since the last refresh, by parent id ('' for the root). */
  private levels = new Map<string, Promise<Row[]>>();
  private readonly loaded = new EventEmitter<Row[]>();
  /** Fired with each level the server sends (for tests: "the rows have arrived"). */
  readonly onDidLoadRows = this.loaded.event;

  constructor(
    private readonly client: Pick<LanguageClient, 'sendRequest'>,
    private grouping: Grouping,
    private openRisksOnly = false,
  ) {}

  get filter(): boolean {
    return this.openRisksOnly;
  }

  get groupedBy(): Grouping {
    return this.grouping;
  }

  /** Forgets the rows fetched and tells VS Code to ask again: after a change of the model, grouping or filter. */
  refresh(): void {
    this.forget();
    this.changed.fire(undefined);
  }

  /** Forgets the rows fetched, without asking VS Code to show new ones (the view is hidden: nothing is fetched). */
  forget(): void {
    this.byId.clear();
    this.levels = new Map();
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.refresh();
  }

  setOpenRisksOnly(openRisksOnly: boolean): void {
    this.openRisksOnly = openRisksOnly;
    this.refresh();
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
  }

  getChildren(row?: Row): Promise<Row[]> {
    if (row && row.collapsible === 'none') return Promise.resolve([]);
    const key = row?.id ?? '';
    let level = this.levels.get(key);
    if (!level) {
      const levels = this.levels;
      level = Promise.resolve(
        this.client.sendRequest(coverageChildrenRequest, {
          grouping: this.grouping,
          openRisksOnly: this.openRisksOnly,
          parent: row?.id,
        }),
      ).then((rows) => {
        // A refresh while the answer was on its way: it belongs to the old tree.
        if (this.levels === levels && this.levels.get(key) === level) {
          for (const child of rows) this.byId.set(child.id, child);
          this.loaded.fire(rows);
        }
        return rows;
      });
      this.levels.set(key, level);
    }
    return level;
  }

  /**
   * The parent row, from the rows fetched; after a refresh has forgotten them, fetched again level by level from
   * the root (a row's id starts with its parent's, so the way down is in the id).
   */
  async getParent(row: Row): Promise<Row | undefined> {
    const parentId = row.parentId;
    if (parentId === undefined) return undefined;
    const known = this.byId.get(parentId);
    if (known) return known;
    let level = await this.getChildren();
    for (;;) {
      const onTheWay: Row | undefined = level
        .filter((candidate) => parentId === candidate.id || parentId.startsWith(`${candidate.id}/`))
        .sort((a, b) => b.id.length - a.id.length)[0];
      if (!onTheWay || onTheWay.id === parentId) return onTheWay;
      level = await this.getChildren(onTheWay);
    }
  }

  /** Every row, depth-first, each level asked of the server (for tests: the tree as a user reads it, all expanded). */
  async allRows(rows?: Row[]): Promise<Row[]> {
    const level = rows ?? (await this.getChildren());
    const below = await Promise.all(
      level.map(async (row) => [row, ...(await this.allRows(await this.getChildren(row)))]),
    );
    return below.flat();
  }

  /** The row of the deepest node holding the position (what the cursor is on), with the rows above it fetched. */
  async rowAt(uri: string, line: number, character: number): Promise<Row | undefined> {
    const path = await this.client.sendRequest(coverageRevealRequest, {
      grouping: this.grouping,
      openRisksOnly: this.openRisksOnly,
      uri,
      position: { line, character },
    });
    let rows = await this.getChildren();
    let found: Row | undefined;
    for (const id of path) {
      found = rows.find((row) => row.id === id);
      if (!found) return undefined;
      rows = await this.getChildren(found);
    }
    return found;
  }

  getTreeItem(row: Row): TreeItem {
    const collapsible = {
      none: TreeItemCollapsibleState.None,
      collapsed: TreeItemCollapsibleState.Collapsed,
      expanded: TreeItemCollapsibleState.Expanded,
    }[row.collapsible];
    const item = new TreeItem(row.label, collapsible);
    item.id = row.id;
    item.description = row.description;
    const tooltip = new MarkdownString(row.tooltip, true);
    tooltip.isTrusted = { enabledCommands: [LEGEND_COMMAND] };
    item.tooltip = tooltip;
    item.contextValue = row.contextValue;
    if (row.icon) item.iconPath = ROW_THEME_ICONS[row.icon];
    if (row.location) item.command = openCommand(row.location);
    return item;
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
  return {
    command: 'vscode.open',
    title: 'Open',
    arguments: [
      Uri.parse(location.uri),
      { selection: new Range(start.line, start.character, end.line, end.character) },
    ],
  };
}
