/*
 * The coverage model's types: what the sidebar, the reports and the gate read. They have one home, the
 * contract shared with the client (shared/coverageModel.ts); the engine adds only what it alone uses.
 * Types only, so that the builder (coverageTree.ts), the walks (backlogTree.ts) and the gate share them
 * without importing each other.
 */
import type { BacklogNode, CoverageSummary, SprintCapacity, UseCaseNode } from '../../../shared/coverageModel';

export type {
  AbuseCaseNode,
  BacklogNode,
  BaselineAnswerNode,
  BaselineNode,
  BuiltMitigation,
  CapabilityStatus,
  CiaMark,
  CoverageModel,
  ExpiringNode,
  CoverageSummary,
  DimensionMark,
  GateResult,
  MitigationNode,
  NodeLocation,
  SprintCapacity,
  ThresholdName,
  ThresholdResult,
  UseCaseNode,
  VendorNode,
} from '../../../shared/coverageModel';

/** The model's figures, so that the gate sees exactly what the report and the sidebar show. */
export interface GateInput {
  /** The open high risks (`AB-1 (UC-1)`) of each use case once, in the order of the files. */
  openHighRisks: readonly string[];
  /** The required CIA dimensions that no abuse case threatens (`UC-1 integrity`), of each use case once. */
  gaps: readonly string[];
  /** The done backlog items that still build a use case with an open abuse case, with those abuse cases. */
  doneWithOpenRisks: readonly { id: string; open: readonly string[] }[];
  summary: CoverageSummary;
  sprints: readonly SprintCapacity[];
  /** Findings of severity error: a file the engine cannot fully read cannot pass a gate. */
  errors: number;
  /** The questions of the baseline that apply and that nothing answers (`Roadmaps: backups`). */
  baselineGaps: readonly string[];
  /** Lapsed evidence: expired acceptances, verifications and recurring work past their day. */
  overdue: readonly string[];
  /** The backlog items with where they came from, when `require-source` asks (each id once, the first stands). */
  items?: readonly TracedItem[];
}

/** A backlog item as `require-source` reads it. */
export interface TracedItem {
  id: string;
  sourceKind?: string;
  /** Security work (`security: true`, or it builds a mitigation) needs no source: it answers a risk. */
  security: boolean;
}

/**
 * Questions about a coverage model that its tree answers only by a walk of the whole model: the sidebar asks them
 * for each level and reveal. `lookupOf(model)` walks; the maintained index answers from its indexes.
 */
export interface CoverageLookup {
  /** Each use case once per file and id (the first in the file stands), in the order of the files and the text. */
  useCases(): readonly UseCaseNode[];
  /** The use cases and the backlog items whose YAML is in a file. */
  inFile(uri: string): { useCases: readonly UseCaseNode[]; items: readonly BacklogNode[] };
  /** The backlog item of an id (the first definition stands). */
  item(id: string): BacklogNode | undefined;
  /** The id of the epic a backlog item hangs under in the tree; none for a root. */
  epicOf(id: string): string | undefined;
}
