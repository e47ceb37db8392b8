/*
 * The coverage model's types: what the sidebar, the reports and the gate read. They have one home, the
 * contract shared with the client (shared/coverageModel.ts); the engine adds only what it alone uses.
 * Types only, so that the builder (coverageTree.ts), the walks (backlogTree.ts) and the gate share them
 * without importing each other.
 */
import type { CoverageModel } from '../../../shared/coverageModel';

export type {
  AbuseCaseNode,
  BacklogNode,
  BuiltMitigation,
  CiaMark,
  CoverageModel,
  CoverageSummary,
  DimensionMark,
  GateResult,
  MitigationNode,
  NodeLocation,
  SprintCapacity,
  ThresholdName,
  ThresholdResult,
  UseCaseNode,
} from '../../../shared/coverageModel';

/** The model's figures, so that the gate sees exactly what the report and the sidebar show. */
export interface GateInput {
  model: Omit<CoverageModel, 'gate'>;
  /** Findings of severity error: a file the engine cannot fully read cannot pass a gate. */
  errors: number;
}
