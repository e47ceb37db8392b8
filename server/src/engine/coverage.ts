import { coverageOf, needsAbuseCase } from './cia';
import { DataClass } from './dataClasses';
import type { CoverageSummary } from './coverageModel';
import { AbuseCase, FileModel } from './model';

export type { CoverageSummary } from './coverageModel';

const HIGH_IMPACTS: ReadonlySet<string> = new Set(['major', 'severe']);

/** Major or severe impact: in the model (`AbuseCase`) as in the coverage tree. */
export function isHighRisk(abuseCase: Pick<AbuseCase, 'impact'>): boolean {
  return abuseCase.impact !== undefined && HIGH_IMPACTS.has(abuseCase.impact);
}

export function summarizeCoverage(
  files: Iterable<{ readonly model: Pick<FileModel, 'useCases'> }>,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): CoverageSummary {
  const summary = emptySummary();
  for (const file of files) {
    for (const useCase of file.model.useCases) {
      const coverage = coverageOf(useCase, dataClasses, today);
      summary.useCases++;
      for (const dimension of coverage.dimensions) {
        if (!needsAbuseCase(dimension.level)) continue;
        summary.requiredDimensions++;
        if (dimension.covered) summary.coveredDimensions++;
      }
      summary.abuseCases += useCase.abuseCases.length;
      summary.closedAbuseCases += useCase.abuseCases.length - coverage.openRisks.length;
      summary.openHighRisks += coverage.openRisks.filter(isHighRisk).length;
    }
  }
  return summary;
}

/** Adds one part's counts (a file's, a use case's) to a sum. */
export function addSummary(into: CoverageSummary, part: CoverageSummary): void {
  into.useCases += part.useCases;
  into.requiredDimensions += part.requiredDimensions;
  into.coveredDimensions += part.coveredDimensions;
  into.abuseCases += part.abuseCases;
  into.closedAbuseCases += part.closedAbuseCases;
  into.openHighRisks += part.openHighRisks;
}

/** Every count at zero: what a workspace without use cases sums to. */
export function emptySummary(): CoverageSummary {
  return {
    useCases: 0,
    requiredDimensions: 0,
    coveredDimensions: 0,
    abuseCases: 0,
    closedAbuseCases: 0,
    openHighRisks: 0,
  };
}
