import { DataClass, LEVEL_RANK } from './dataClasses';
import { Dimension, DIMENSIONS, Level } from './format';
import { AbuseCase, UseCase } from './model';
import { OffsetRange } from './text';

/** Where a use case's requirement on one dimension comes from. */
export type RequirementSource =
  { kind: 'data'; dataClass: string; range: OffsetRange } | { kind: 'explicit'; range: OffsetRange } | { kind: 'none' };

export interface Requirement {
  dimension: Dimension;
  level: Level;
  source: RequirementSource;
}

/**
 * The CIA level a use case requires per dimension: what `cia:` says for that
 * dimension, else the highest level over its data classes (the first data
 * class reaching it is named as the reason).
 */
export function requirementsOf(useCase: UseCase, dataClasses: ReadonlyMap<string, DataClass>): Requirement[] {
  return DIMENSIONS.map((dimension) => {
    const explicit = useCase.cia[dimension];
    if (explicit) return { dimension, level: explicit.value, source: { kind: 'explicit', range: explicit.range } };
    let requirement: Requirement = { dimension, level: 'none', source: { kind: 'none' } };
    for (const item of useCase.data) {
      const dataClass = dataClasses.get(item.value);
      if (!dataClass) continue;
      const level = dataClass.requires[dimension];
      if (LEVEL_RANK[level] > LEVEL_RANK[requirement.level]) {
        requirement = { dimension, level, source: { kind: 'data', dataClass: item.value, range: item.range } };
      }
    }
    return requirement;
  });
}

/** Whether a requirement is strong enough that some abuse case must threaten the dimension. */
export function needsAbuseCase(level: Level): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK.medium;
}

/**
 * An abuse case stops being an open risk once a mitigation is implemented or
 * verified, or while a risk acceptance has not expired (`until` is inclusive).
 */
export function isRiskClosed(abuseCase: AbuseCase, today: string): boolean {
  if (abuseCase.mitigations.some((m) => m.status === 'implemented' || m.status === 'verified')) return true;
  const until = abuseCase.accepted?.until?.value;
  return until !== undefined && until >= today;
}

export interface DimensionCoverage extends Requirement {
  /** Some abuse case threatens this dimension. */
  covered: boolean;
  /** Covered, and every abuse case threatening it is closed. */
  mitigated: boolean;
}

export interface UseCaseCoverage {
  dimensions: DimensionCoverage[];
  openRisks: AbuseCase[];
}

export function coverageOf(
  useCase: UseCase,
  dataClasses: ReadonlyMap<string, DataClass>,
  today: string,
): UseCaseCoverage {
  const dimensions = requirementsOf(useCase, dataClasses).map((requirement) => {
    const threatening = useCase.abuseCases.filter((abuseCase) =>
      abuseCase.threatens.some((threat) => threat.value === requirement.dimension),
    );
    return {
      ...requirement,
      covered: threatening.length > 0,
      mitigated: threatening.length > 0 && threatening.every((abuseCase) => isRiskClosed(abuseCase, today)),
    };
  });
  return { dimensions, openRisks: useCase.abuseCases.filter((abuseCase) => !isRiskClosed(abuseCase, today)) };
}
