/**
 * The custom messages between the extension and the language server, declared once and typed for both sides
 * (as vscode-eslint's shared customMessages.ts and rust-analyzer's lsp_ext.ts do). The contract lives in
 * shared/: types, and pure helpers both sides need. Only vscode-jsonrpc is imported, so the client bundle pulls
 * in neither the server library nor the engine (a test checks the client bundle's inputs).
 */
import { NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type {
  CoverageModel,
  CoverageState,
  CoverageSummary,
  EditorLocation,
  Position,
  ThresholdResult,
} from './coverageModel';

export type * from './coverageModel';
// The states' marks and words (a module without imports).
export { COVERAGE_STATES, STATE_LEGEND, stateBadge, worstState } from './coverageStates';
export { escapeMarkdown } from './markdown';
export { editorLocation } from './coverageModel';

/** The coverage model of the whole workspace: for tests, the JSON report and other clients (the sidebar asks for rows). */
export const coverageRequest = new RequestType0<CoverageModel, void>('abuseCases/coverage');

/**
 * Sent after an analysis that may have changed the coverage model (debounced by the server); not when files were only
 * opened or closed as they are on disk.
 */
export const coverageChangedNotification = new NotificationType0('abuseCases/coverageChanged');

/** The quality gate as the status bar shows it: each threshold's verdict and message, and how many offend. */
export interface GateStatus {
  /** No threshold in `fail` mode fails. */
  passed: boolean;
  /** How many thresholds in `report` mode fail. */
  reported: number;
  thresholds: (Omit<ThresholdResult, 'offenders'> & { offenderCount: number })[];
}

/** What the status bar shows: the figures and the quality gate, without the tree (the offenders are in reports). */
export interface CoverageSummaryResult {
  summary: CoverageSummary;
  gate: GateStatus;
  /** The questions of the security baseline that apply and that nothing answers, by name (`Backups`). */
  baselineGaps: string[];
  /** No use case and no backlog item: the view shows its welcome content. */
  empty: boolean;
  /**
   * The current release (`current-release` in the configuration, or the abuseCases.sidebar.currentRelease setting)
   * and its gate (`abuse-cases gate --release`); no gate when no backlog item names that release.
   */
  release?: { name: string; gate?: GateStatus };
}

export const coverageSummaryRequest = new RequestType0<CoverageSummaryResult, void>('abuseCases/coverageSummary');

/** How the sidebar groups its rows. */
export type Grouping = 'backlog' | 'sprint' | 'release' | 'useCase';

/** What the sidebar shows: the grouping, and whether only open risks (and the rows leading to them) are kept. */
export interface CoverageViewParams {
  grouping: Grouping;
  openRisksOnly: boolean;
}

export type RowKind =
  | 'group'
  | 'backlog-item'
  | 'use-case'
  | 'abuse-case'
  | 'mitigation'
  | 'built-mitigation'
  /** A question of the security baseline, and what answers it. */
  | 'baseline-question'
  | 'baseline-answer'
  /** Evidence that has lapsed or lapses soon. */
  | 'expiring'
  /** A third party the product hands data to, with its review's standing. */
  | 'vendor'
  /** The last row of a long level: "Show 100 more". */
  | 'more';

/** The icon of a row: its state's, or `not-built` for a mitigation only proposed or planned. */
export type RowIcon = CoverageState | 'not-built';

/** Each icon's codicon and theme colour: red not thought of, orange open, blue accepted, green done. */
export const ROW_ICONS: Record<RowIcon, { codicon: string; color: string }> = {
  uncovered: { codicon: 'error', color: 'problemsErrorIcon.foreground' },
  open: { codicon: 'warning', color: 'problemsWarningIcon.foreground' },
  accepted: { codicon: 'law', color: 'charts.blue' },
  mitigated: { codicon: 'pass', color: 'charts.green' },
  verified: { codicon: 'verified-filled', color: 'charts.green' },
  'not-required': { codicon: 'dash', color: 'disabledForeground' },
  'not-built': { codicon: 'circle-large-outline', color: 'descriptionForeground' },
};

/** The command a row's tooltip links to (the legend of the marks): the only command the tooltips may run. */
export const LEGEND_COMMAND = 'abuseCases.showLegend';

/** A backlog item a row can jump to ("Go to backlog item"). */
export interface RowTarget {
  id: string;
  title: string;
  location: EditorLocation;
}

/** One row of the sidebar, rendered by the server. Ids are paths of the model's ids: a refresh keeps what was expanded and selected. */
export interface CoverageRow {
  id: string;
  /** The row it hangs under; none at the root. */
  parentId?: string;
  kind: RowKind;
  label: string;
  description: string;
  /**
   * Markdown with theme icons (`$(pass)`); its only command link is LEGEND_COMMAND. Sent for a "more" row only: the
   * others' come from `abuseCases/coverageTooltip` when the row is hovered.
   */
  tooltip?: string;
  /** The state the row stands in (a built mitigation: its abuse case's); none for a group. */
  state?: CoverageState;
  icon?: RowIcon;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** The YAML node the row shows: a click opens it. None for a group. */
  location?: EditorLocation;
  /** For the view's menus (`viewItem == use-case`). */
  contextValue: string;
  /** The id of the use case, abuse case or backlog item the row shows (the add commands take it). */
  nodeId?: string;
  /** The existing backlog items that build what the row shows ("Go to backlog item"). */
  backlogItems?: RowTarget[];
  /** A "more" row: the level it belongs to, and how many rows that level shows once it is clicked. */
  more?: { parent?: string; shown: number };
}

export interface CoverageChildrenParams extends CoverageViewParams {
  /** The row whose children are asked for; none for the root rows. An id the model no longer has gets no rows. */
  parent?: string;
  /** At most this many rows, then a "more" row (kind `more`); every row without it. */
  limit?: number;
  /** A row id the answer must hold (the cursor reveals it): the limit grows by pages until it does. */
  include?: string;
}

/** One level of the sidebar's rows. */
export const coverageChildrenRequest = new RequestType<CoverageChildrenParams, CoverageRow[], void>(
  'abuseCases/coverageChildren',
);

export interface CoverageTooltipParams extends CoverageViewParams {
  id: string;
}

/** How many rows a level of the sidebar shows at first, and how many more each "Show more" row adds. */
export const COVERAGE_PAGE_SIZE = 100;

/** A row's tooltip, asked when it is hovered (VS Code's resolveTreeItem); none for an id the model no longer has. */
export const coverageTooltipRequest = new RequestType<CoverageTooltipParams, string | null, void>(
  'abuseCases/coverageTooltip',
);

export interface CoverageRevealParams extends CoverageViewParams {
  uri: string;
  position: Position;
}

/** The row of the deepest node holding the position: the ids from a root row down to it (empty: no row there). */
export const coverageRevealRequest = new RequestType<CoverageRevealParams, string[], void>('abuseCases/coverageReveal');

export interface InsertionParams {
  uri: string;
  /** The use case (for an abuse case) or abuse case (for a mitigation) to add to. */
  id: string;
}

export interface Insertion {
  /** The edit, in LSP terms; empty when nothing could be inserted. */
  edits: {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[];
  /** What was inserted, for the confirmation message. */
  description: string;
  /** The new id (or first new title) in the document after the edit: the client selects and shows it. */
  select?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** An edit adding the best-ranked catalog abuse case to a use case (a skeleton without a catalog). */
export const addAbuseCaseRequest = new RequestType<InsertionParams, Insertion, void>('abuseCases/addAbuseCase');

/** An edit adding a mitigation (the template's suggestions, or a skeleton) to an abuse case. */
export const addMitigationRequest = new RequestType<InsertionParams, Insertion, void>('abuseCases/addMitigation');

/** Facts about the running server, for diagnostics and tests (its pid shows that a restart happened). */
export const serverInfoRequest = new RequestType0<{ pid: number; version: string; files: number }, void>(
  'abuseCases/serverInfo',
);

/** The command of a use case's code lens: reveals its row in the coverage view. Arguments: the uri and a position. */
export const REVEAL_IN_COVERAGE_COMMAND = 'abuseCases.revealInCoverage';

/**
 * The command of a backlog item's code lens: lists what names it in the references view. Arguments: the uri, the
 * position of the item's id, and the places (LSP locations), which the client turns into VS Code's objects.
 */
export const SHOW_REFERENCES_COMMAND = 'abuseCases.showReferences';
