/**
 * The coverage model as it crosses the wire: what `abuseCases/coverage` answers, for tests, the JSON report and
 * other clients. Types, and the one pure helper that reads a location (`editorLocation`). The engine builds it (server/src/engine/coverageTree.ts); a test checks that the
 * engine's types and these stay the same (test/shared/contract.test.ts).
 */
import type { CoverageState, RiskState } from './coverageStates';

export type { CoverageState, RiskState, StateLegend } from './coverageStates';

export type Dimension = 'confidentiality' | 'integrity' | 'availability';
export type Level = 'none' | 'low' | 'medium' | 'high';

export interface Position {
  /** 0-based line */
  line: number;
  /** 0-based UTF-16 code unit offset in the line, as in LSP */
  character: number;
}

/** Whether the requirement is met by some abuse case: covered, required at medium or high but uncovered, not required. */
export type DimensionMark = 'covered' | 'uncovered' | 'not-required';

export interface CiaMark {
  /** What to show for the dimension (see STATE_LEGEND). */
  state: CoverageState;
  /** Whether the requirement is covered by an abuse case, as `cia-uncovered` and the gate count it. */
  mark: DimensionMark;
  level: Level;
  /** Why the level is required: a data class, or `cia:`. */
  requiredBy?: string;
  /** The abuse cases threatening the dimension. */
  abuseCases: string[];
}

/**
 * Where a node is, compactly, since a large product's model holds hundreds of thousands of them: its file, as an index
 * into `CoverageModel.files`, then the range of the whole YAML node and the range of what names it (its id or title),
 * each as 0-based start line, start character, end line and end character (UTF-16 code units, as in LSP).
 * `editorLocation` turns it into an LSP-shaped location.
 */
export type NodeLocation = [
  file: number,
  startLine: number,
  startCharacter: number,
  endLine: number,
  endCharacter: number,
  nameStartLine: number,
  nameStartCharacter: number,
  nameEndLine: number,
  nameEndCharacter: number,
];

export interface Range {
  start: Position;
  end: Position;
}

/** A node's place as an editor opens it: the file's uri, the whole YAML node, and the part to select. */
export interface EditorLocation {
  uri: string;
  range: Range;
  /** What names it (its id or title), the part to select. */
  selection: Range;
}

/** A model's location in the LSP's shape, for an editor to open. */
export function editorLocation(files: readonly string[], location: NodeLocation): EditorLocation {
  const [file, line, character, endLine, endCharacter, nameLine, nameCharacter, nameEndLine, nameEndCharacter] =
    location;
  return {
    uri: files[file],
    range: { start: { line, character }, end: { line: endLine, character: endCharacter } },
    selection: {
      start: { line: nameLine, character: nameCharacter },
      end: { line: nameEndLine, character: nameEndCharacter },
    },
  };
}

export interface MitigationNode {
  kind: 'mitigation';
  title: string;
  /** As of today: a verification past its due day counts as implemented. */
  status: string;
  /** The day its verification lapsed, when it did (`verified_on` + `reverify_every`). */
  verificationDue?: string;
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
  /** The vendors it hands data to. */
  vendors: string[];
  /**
   * What it says of the personal data it processes: the personal data classes it names (special categories included),
   * its GDPR art. 6 basis, how long it keeps the data, its art. 9 condition.
   */
  privacy: { personalData: string[]; lawfulBasis?: string; retention?: string; specialCategoryCondition?: string };
  cia: Record<Dimension, CiaMark>;
  /** The worst state of its dimensions and abuse cases. */
  state: CoverageState;
  abuseCases: AbuseCaseNode[];
  location: NodeLocation;
}

/** A third party the product hands data to, with where its review stands as of today. */
export interface VendorNode {
  kind: 'vendor';
  id: string;
  name: string;
  purpose?: string;
  receives: string[];
  /** Whether it receives data requiring medium or high confidentiality: then it must have a current review. */
  needsReview: boolean;
  /**
   * `current` through its `until`, `lapsed` from the day after, `none` without a review, `incomplete` when it lacks a
   * valid `on` or `until` (or ends before it was done).
   */
  review: {
    status: 'current' | 'lapsed' | 'none' | 'incomplete';
    by?: string;
    on?: string;
    until?: string;
    evidence: string[];
  };
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
  /** The release it ships in. */
  release?: string;
  /** Where it came from (`feedback`, `research`, ...) and what: a feedback id, a ticket, an abuse case. */
  source?: { kind?: string; ref?: string };
  /** The worst state below it: of the use cases it builds, the abuse cases its mitigations answer, its children. */
  state: CoverageState;
  /** Per dimension, the worst over the same. */
  cia: Record<Dimension, CiaMark>;
  children: BacklogNode[];
  useCases: UseCaseNode[];
  mitigations: BuiltMitigation[];
  location: NodeLocation;
}

/** How a sprint's points split between security work and the rest. */
export interface SprintCapacity {
  sprint: string;
  totalPoints: number;
  securityPoints: number;
  /** securityPoints / totalPoints; undefined when the sprint's items carry no points (nothing to measure). */
  share?: number;
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

export type ThresholdName =
  | 'no-errors'
  | 'max-open-high-risks'
  | 'require-mitigated-for-done'
  | 'min-coverage'
  | 'security-capacity'
  | 'max-baseline-gaps'
  | 'max-overdue'
  | 'require-source'
  | 'require-security-for-release';

/** Evidence that lapses soon, or has: a risk acceptance, a verification, recurring work, a vendor review. */
export interface ExpiringNode {
  kind: 'acceptance' | 'verification' | 'recurring' | 'review';
  /** The abuse case's, backlog item's or vendor's id, or the mitigation's title. */
  label: string;
  /** The last day it holds. */
  due: string;
  /** Past its day already. */
  overdue: boolean;
  /** "in 12 days", "today", "3 days ago". */
  when: string;
  location: NodeLocation;
}

/** Where a product stands on a question of the security baseline. */
export type CapabilityStatus = 'answered' | 'gap' | 'not-applicable' | 'turned-off';

/** What answers a question of the baseline: a backlog item or mitigation that says so, a control tag, an abuse case. */
export interface BaselineAnswerNode {
  kind: 'mitigation' | 'backlog item' | 'abuse case' | 'vendor';
  /** The id, or a mitigation's title. */
  label: string;
  /**
   * `answers` (it says so), `control` (one of its control tags maps to the question), `template` (its template's
   * family), `review` (a vendor's review: current, it answers the third-party question; lapsed or missing, it holds it open).
   */
  route: 'answers' | 'control' | 'template' | 'review';
  /** The control tag or the template id. */
  via?: string;
  status: 'proposed' | 'planned' | 'implemented' | 'verified';
  location: NodeLocation;
}

/** One question of the baseline for one product: the JSON report's `baseline` entries, the sidebar's rows. */
export interface BaselineNode {
  kind: 'baseline-question';
  capability: string;
  /** The short name: "Backups". */
  name: string;
  question: string;
  /** The product's name, or "This workspace" for files that name none. */
  product: string;
  status: CapabilityStatus;
  /** How far the furthest answer has come. */
  progress?: BaselineAnswerNode['status'];
  /** Why it applies ("handles health data (UC-records)"), or why the team turned it off. */
  why?: string;
  /** The question as the finding asks it: "Acme Clinic handles health data (UC-records): can its data …?" */
  sentence: string;
  /** What answers it, the furthest first: at most 100 (a large product may have thousands). */
  answeredBy: BaselineAnswerNode[];
  /** How many things answer it. */
  answerCount: number;
  /** What holds it open whatever answers it: vendors that receive confidential data without a current review (`via` says: none, lapsed, incomplete). */
  heldOpenBy: BaselineAnswerNode[];
  /** Where the finding is: the product's line, or the configuration's. */
  location?: NodeLocation;
}

export interface ThresholdResult {
  threshold: ThresholdName;
  passed: boolean;
  /** What a failure does: `fail` fails the gate (exit 1), `report` is only said (gates, not blocks). */
  mode: 'fail' | 'report';
  /** What was found and, on a failure, by how much it misses. */
  message: string;
  /** The ids (abuse cases, backlog items, sprints) that make it fail. */
  offenders: string[];
}

export interface GateResult {
  /** No threshold in `fail` mode fails; thresholds in `report` mode may. */
  passed: boolean;
  /** How many thresholds in `report` mode fail: what the gate says without stopping anything. */
  reported: number;
  thresholds: ThresholdResult[];
}

export interface CoverageModel {
  /**
   * The uris of the files that locations name by index (`NodeLocation[0]`). An index stays the file's while the
   * server runs, so the list may hold files since deleted, which no location names.
   */
  files: string[];
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
  /** The security baseline: every question of every product, in the order of the products and the capabilities. */
  baseline: BaselineNode[];
  /** Evidence that has lapsed or lapses within the configured days (`expiring-within`), soonest first. */
  expiring: ExpiringNode[];
  /** How many days ahead `expiring` looks. */
  expiringWithinDays: number;
  /** Every vendor of the workspace, in the order of the files and the text. */
  vendors: VendorNode[];
}
