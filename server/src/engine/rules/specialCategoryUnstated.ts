import { excerpt } from '../quote';
import { Rule } from '../rule';

export const specialCategoryUnstated: Rule = {
  code: 'special-category-unstated',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description:
    'A use case that handles special-category data (health, beliefs, biometrics, ...) without the GDPR art. 9 condition that allows it (`special_category_condition`).',
  docs: {
    rationale:
      "Special categories of personal data (health, racial or ethnic origin, political opinions, religious or philosophical beliefs, trade-union membership, genetic and biometric data, sex life or sexual orientation) may not be processed at all unless one of the conditions of GDPR art. 9(2) holds, on top of a lawful basis: explicit consent, employment law, vital interests, a not-for-profit body's members, data made public by the person, legal claims, a substantial public interest, health care, public health, or research. A use case whose `data:` names a special-category class (`health`, `sensitive-pii`, or a class of the project's with `special-category: true`) states which one in `special_category_condition`.",
    bad: 'use_cases:\n  - id: UC-records\n    title: Read a patient record\n    actor: Clinician\n    data: [health]\n    lawful_basis: legal-obligation\n    retention: as-required-by-law\n',
    good: 'use_cases:\n  - id: UC-records\n    title: Read a patient record\n    actor: Clinician\n    data: [health]\n    lawful_basis: legal-obligation\n    retention: as-required-by-law\n    special_category_condition: health-care\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      if (useCase.specialCategoryCondition) continue;
      const special = useCase.data.find((ref) => context.dataClasses.get(ref.value)?.specialCategory);
      if (!special) continue;
      const name = useCase.id ? excerpt(useCase.id.value) : 'This use case';
      context.report({
        range: special.range,
        message: `${name} handles special-category data (${special.value}), which the GDPR forbids unless a condition of art. 9(2) holds: say which in 'special_category_condition' (explicit-consent, health-care, employment, ...).`,
      });
    }
  },
};
