/*
 * The coverage model's types: what the sidebar, the reports and the gate read. Types only, and imports of
 * types only, so that the builder (coverageTree.ts), the walks (backlogTree.ts), the gate and the protocol
 * share them without importing each other.
 */
import type { CoverageState, RiskState } from './coverageStates';
import type { Dimension, Level } from './format';
import type { Position } from './text';

/** Whether the requirement is met by some abuse case: covered, required at medium or high but uncovered, not required. */
export type DimensionMark = 'covered' | 'uncovered' | 'not-required';

export interface CiaMark {
  /**
   * What to show for the dimension: `uncovered` (required, no abuse case threatens it), the worst state of the
   * abuse cases threatening it (`open`, `accepted`, `mitigated`, `verified`), or `not-required` (nothing required
   * and nothing threatens it).
   */
  state: CoverageState;
  /** Whether the requirement is covered by an abuse case, as `cia-uncovered` and the gate count it. */
  mark: DimensionMark;
  level: Level;
  /** Why the level is required: a data class, or `cia:`. */
  requiredBy?: string;
  /** The abuse cases threatening the dimension. */
  abuseCases: string[];
}

export interface NodeLocation {
  uri: string;
  /** The whole YAML node. */
  range: { start: Position; end: Position };
  /** What names it (its id or title), the part to select. */
  selection: { start: Position; end: Position };
}

export interface MitigationNode {
  kind: 'mitigation';
  title: string;
  status: string;
  backlog: string[];
  /** What the mitigation alone does for its abuse case: `open` while proposed or planned (not built yet). */
  state: Extract<RiskState, 'open' | 'mitigated' | 'verified'>;
  location: NodeLocation;
}

export interface AbuseCaseNode {
  kind: 'abuse-case';
  id: string;
  title: string;
  intent: string;
  threatens: Dimension[];
  likelihood?: string;
  impact?: string;
  state: RiskState;
  acceptance?: { by?: string; until?: string; expired: boolean };
  mitigations: MitigationNode[];
  location: NodeLocation;
}

export interface UseCaseNode {
  kind: 'use-case';
  id: string;
  title: string;
  actor?: string;
  backlog: string[];
  data: string[];
  cia: Record<Dimension, CiaMark>;
  /** The worst state of its dimensions and abuse cases. */
  state: CoverageState;
  abuseCases: AbuseCaseNode[];
  location: NodeLocation;
}

/** A mitigation that a backlog item builds, seen from the item. */
export interface BuiltMitigation extends MitigationNode {
  abuseCase: string;
  useCase: string;
  /** What the abuse case threatens, and its state: what the backlog item building the mitigation answers. */
  threatens: Dimension[];
  abuseCaseState: RiskState;
}

export interface BacklogNode {
  kind: 'backlog-item';
  id: string;
  title: string;
  type: string;
  status: string;
  sprint?: string;
  points?: number;
  security: boolean;
  /** The worst state below it: of the use cases it builds, the abuse cases its mitigations answer, its children. */
  state: CoverageState;
  /** Per dimension, the worst over the same. */
  cia: Record<Dimension, CiaMark>;
  children: BacklogNode[];
  useCases: UseCaseNode[];
  mitigations: BuiltMitigation[];
  location: NodeLocation;
}

export interface CoverageModel {
  /** Root backlog items (no parent, or a parent that does not exist), epics holding their children. */
  backlog: BacklogNode[];
  /** Use cases that no existing backlog item builds. */
  unplanned: UseCaseNode[];
  summary: CoverageSummary;
  /** Every sprint of the backlog, in order, with its share of security work. */
  sprints: SprintCapacity[];
  /** The share of each sprint that should go to security work (the configured target). */
  securityCapacityTarget: number;
  /** The quality gate under the configured thresholds, as `abuse-cases gate` reports it. */
  gate: GateResult;
}

export interface CoverageSummary {
  useCases: number;
  /** Dimensions required at medium or high, summed over use cases. */
  requiredDimensions: number;
  /** Of those, the ones some abuse case threatens. */
  coveredDimensions: number;
  abuseCases: number;
  /** Abuse cases with an implemented or verified mitigation, or an unexpired acceptance. */
  closedAbuseCases: number;
  /** Open abuse cases whose impact is major or severe. */
  openHighRisks: number;
}

/** How a sprint's points split between security work and the rest. */
export interface SprintCapacity {
  sprint: string;
  totalPoints: number;
  securityPoints: number;
  /** securityPoints / totalPoints; undefined when the sprint's items carry no points (nothing to measure). */
  share?: number;
}

export type ThresholdName = 'no-errors' | 'max-open-high-risks' | 'require-mitigated-for-done' | 'min-coverage' | 'security-capacity';

export interface ThresholdResult {
  threshold: ThresholdName;
  passed: boolean;
  /** What was found and, on a failure, by how much it misses: "2 open high risks, 2 over the maximum of 0". */
  message: string;
  /** The ids (abuse cases, backlog items, sprints) that make it fail. */
  offenders: string[];
}

export interface GateResult {
  passed: boolean;
  thresholds: ThresholdResult[];
}

/** The model's figures, so that the gate sees exactly what the report and the sidebar show. */
export interface GateInput {
  model: Omit<CoverageModel, 'gate'>;
  /** Findings of severity error: a file the engine cannot fully read cannot pass a gate. */
  errors: number;
}

