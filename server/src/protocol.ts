/**
 * The custom messages between the extension and the language server,
 * declared once and typed for both sides (as vscode-eslint's customMessages.ts
 * and rust-analyzer's lsp_ext.ts do). Only vscode-jsonrpc is imported, so the
 * client bundle does not pull the server library in.
 */
import { NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import type { CoverageModel } from './engine/coverageTree';

export type { AbuseCaseNode, BacklogNode, BuiltMitigation, CiaMark, CoverageModel, MitigationNode, NodeLocation, UseCaseNode } from './engine/coverageTree';
export type { CoverageState, RiskState, StateLegend } from './engine/coverageStates';
// The states' marks and words, for the sidebar to render (a module without imports, safe for the client bundle).
export { COVERAGE_STATES, STATE_LEGEND, stateBadge, worstState } from './engine/coverageStates';
export type { CoverageSummary } from './engine/coverage';
export type { GateResult, ThresholdResult } from './engine/gate';

export { flattenBacklog } from './engine/backlogTree';
export { escapeMarkdown } from './engine/markdown';

/** The coverage model of the whole workspace, for the sidebar and the status bar. */
export const coverageRequest = new RequestType0<CoverageModel, void>('abuseCases/coverage');

/** Sent after an analysis that may have changed the coverage model (debounced by the server). */
export const coverageChangedNotification = new NotificationType0('abuseCases/coverageChanged');

export interface InsertionParams {
  uri: string;
  /** The use case (for an abuse case) or abuse case (for a mitigation) to add to. */
  id: string;
}

export interface Insertion {
  /** The edit, in LSP terms; empty when nothing could be inserted. */
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[];
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
export const serverInfoRequest = new RequestType0<{ pid: number; version: string; files: number }, void>('abuseCases/serverInfo');
