// The states live in the contract shared with the client (shared/coverageStates.ts); the engine re-exports them.
export {
  BASELINE_LEGEND,
  COVERAGE_STATES,
  legendMarkdown,
  STATE_LEGEND,
  stateBadge,
  worstState,
} from '../../../shared/coverageStates';
export type { CoverageState, RiskState, StateLegend } from '../../../shared/coverageStates';
