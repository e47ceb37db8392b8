import { coverageOf, needsAbuseCase } from './cia';
import { DataClass } from './dataClasses';
import { AbuseCase } from './model';
import { ParsedFile } from './workspace';

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

const HIGH_IMPACTS: ReadonlySet<string> = new Set(['major', 'severe']);

/** Major or severe impact: in the model (`AbuseCase`) as in the coverage tree. */
export function isHighRisk(abuseCase: Pick<AbuseCase, 'impact'>): boolean {
  return abuseCase.impact !== undefined && HIGH_IMPACTS.has(abuseCase.impact);
}

export function summarizeCoverage(
  files: Iterable<ParsedFile>,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): CoverageSummary {
  const summary: CoverageSummary = {
    useCases: 0,
    requiredDimensions: 0,
    coveredDimensions: 0,
    abuseCases: 0,
    closedAbuseCases: 0,
    openHighRisks: 0,
  };
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
