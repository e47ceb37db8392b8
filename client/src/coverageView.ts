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
  COVERAGE_PAGE_SIZE,
  coverageChildrenRequest,
  coverageRevealRequest,
  coverageTooltipRequest,
  CoverageRow,
  Grouping,
  LEGEND_COMMAND,
  EditorLocation,
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
  /** Every row object handed to VS Code, by id, until the grouping changes (see `stable`). */
  private readonly known = new Map<string, Row>();
  /** How many rows each long level shows, by parent id, once "Show more" was clicked: kept across refreshes. */
  private readonly shown = new Map<string, number>();
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
    // Ids differ from one grouping to the next (`/b:`, `sprint:`, `/u:` at the root): none is held any more.
    this.known.clear();
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
    return this.level(row?.id);
  }

  /** A level's rows, fetched once per refresh; `include` grows the level until it holds that row. */
  private level(parent: string | undefined, include?: string): Promise<Row[]> {
    const key = parent ?? '';
    let level = this.levels.get(key);
    if (!level) {
      const levels = this.levels;
      level = Promise.resolve(
        this.client.sendRequest(coverageChildrenRequest, {
          grouping: this.grouping,
          openRisksOnly: this.openRisksOnly,
          parent,
          limit: this.shown.get(key) ?? COVERAGE_PAGE_SIZE,
          ...(include === undefined ? {} : { include }),
        }),
      ).then((answer) => {
        // A refresh while the answer was on its way: it belongs to the old tree.
        if (this.levels !== levels || this.levels.get(key) !== level) return answer;
        const rows = answer.map((row) => this.stable(row));
        for (const child of rows) this.byId.set(child.id, child);
        this.loaded.fire(rows);
        return rows;
      });
      this.levels.set(key, level);
    }
    return level;
  }

  /**
   * The one object of a row id: VS Code knows a row by its object and refuses a second object under an id it still
   * holds, which it does for a moment after each refresh (it handles refreshes late). A row asked again is the
   * same object with the new content; VS Code reads it again through getTreeItem.
   */
  private stable(row: Row): Row {
    const known = this.known.get(row.id);
    if (!known) {
      this.known.set(row.id, row);
      return row;
    }
    for (const key of Object.keys(known)) delete (known as unknown as Record<string, unknown>)[key];
    return Object.assign(known, row);
  }

  /** "Show more" was clicked: the level shows one more page (VS Code asks for it again; the rest stays). */
  showMore(row: Row): void {
    if (!row.more) return;
    const key = row.more.parent ?? '';
    this.shown.set(key, row.more.shown);
    this.levels.delete(key);
    this.changed.fire(row.more.parent === undefined ? undefined : this.byId.get(row.more.parent));
  }

  /** A row's tooltip, asked when it is hovered: the server renders it, so rows travel light. */
  async resolveTreeItem(item: TreeItem, row: Row): Promise<TreeItem> {
    if (item.tooltip === undefined && row.kind !== 'more') {
      const markdown = await this.client.sendRequest(coverageTooltipRequest, {
        grouping: this.grouping,
        openRisksOnly: this.openRisksOnly,
        id: row.id,
      });
      if (markdown) item.tooltip = tooltipOf(markdown);
    }
    return item;
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
    let found: Row | undefined;
    for (const id of path) {
      let rows = await this.level(found?.id);
      // Past the rows shown of a long level: that level grows by pages until it holds the row.
      if (!rows.some((row) => row.id === id) && rows.at(-1)?.kind === 'more') {
        const key = found?.id ?? '';
        this.levels.delete(key);
        rows = await this.level(found?.id, id);
        this.shown.set(key, rows.filter((row) => row.kind !== 'more').length);
        this.changed.fire(found);
      }
      found = rows.find((row) => row.id === id);
      if (!found) return undefined;
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
    if (row.tooltip !== undefined) item.tooltip = tooltipOf(row.tooltip);
    item.contextValue = row.contextValue;
    if (row.icon) item.iconPath = ROW_THEME_ICONS[row.icon];
    if (row.location) item.command = openCommand(row.location);
    if (row.more) {
      item.iconPath = new ThemeIcon('ellipsis');
      item.command = { command: SHOW_MORE_COMMAND, title: row.label, arguments: [row] };
    }
    return item;
  }
}

/** The command of a "Show more" row (not in the palette: it needs the row). */
export const SHOW_MORE_COMMAND = 'abuseCases.coverage.showMore';

/** A tooltip as the server wrote it: theme icons on, and only the legend's command link may run. */
function tooltipOf(markdown: string): MarkdownString {
  const tooltip = new MarkdownString(markdown, true);
  tooltip.isTrusted = { enabledCommands: [LEGEND_COMMAND] };
  return tooltip;
}

/**
 * Opens the row's file with its name selected, as the Explorer opens a file: `vscode.open` is the command a tree
 * item may use for VS Code to pass the click along, so a single click opens a preview and keeps the focus in the
 * tree (arrow keys go on navigating), and a double click or Enter opens the file pinned, with the focus.
 * No `preview` or `preserveFocus` here: those would override what the click asked for.
 */
export function openCommand(location: EditorLocation): Command {
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
