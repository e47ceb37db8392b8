/** The analysis engine: texts in, model and diagnostics out. No editor, transport or file-system code here. */
export { Workspace, parseFile } from './workspace';
export type { ParsedFile, WorkspaceOptions } from './workspace';
export { RULES, ruleOf } from './rules';
export { docsUrlOf } from './rule';
export type { EngineDiagnostic, Severity, Rule, RelatedLocation, Definition } from './rule';
export { LineIndex } from './text';
export type { OffsetRange, Position } from './text';
export { coverageOf, requirementsOf, isRiskClosed } from './cia';
export type { UseCaseCoverage, DimensionCoverage } from './cia';
export { BUILT_IN_DATA_CLASSES } from './dataClasses';
export * as format from './format';
export { summarizeCoverage, isHighRisk } from './coverage';
export type { CoverageSummary } from './coverage';
export { CONFIG_FILE_NAME, DEFAULT_CONFIG, isConfigFile, projectConfigOf } from './config';
export type { GateThresholds, ProjectConfig, RuleSetting } from './config';
