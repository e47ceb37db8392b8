import { needsAbuseCase, requirementsOf } from '../cia';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const ciaUncovered: Rule = {
  code: 'cia-uncovered',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description:
    'A CIA dimension the use case requires at medium or high that none of its abuse cases threatens (warning for high, information for medium).',
  docs: {
    rationale:
      'The data a use case touches says what must be protected: `payment` data requires high integrity, so somebody must have asked how an attacker could change a payment. The finding sits on the data class (or the `cia:` level) that sets the requirement, and names the dimension.',
    bad: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    data: [payment]\n    abuse_cases:\n      - id: AB-card-leak\n        title: Card numbers leak from the logs\n        threatens: [confidentiality]\n',
    good: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    data: [payment]\n    abuse_cases:\n      - id: AB-card-leak\n        title: Card numbers leak from the logs\n        threatens: [confidentiality]\n      - id: AB-amount-tampered\n        title: The amount is changed before it is charged\n        threatens: [integrity]\n      - id: AB-checkout-flood\n        title: Bots flood the checkout\n        threatens: [availability]\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      for (const requirement of requirementsOf(useCase, context.dataClasses)) {
        if (!needsAbuseCase(requirement.level) || requirement.source.kind === 'none') continue;
        const { dimension, level, source } = requirement;
        if (useCase.abuseCases.some((abuseCase) => abuseCase.threatens.some((threat) => threat.value === dimension)))
          continue;
        const because = source.kind === 'data' ? `the data class ${quoted(source.dataClass)}` : `the use case's 'cia:'`;
        const Dimension = dimension[0].toUpperCase() + dimension.slice(1);
        context.report({
          range: source.range,
          severity: level === 'high' ? 'warning' : 'information',
          message: `${Dimension} is required at ${level} by ${because}, but no abuse case of ${useCase.id ? quoted(useCase.id.value) : 'this use case'} threatens ${dimension}.`,
          data: { dimension, level, useCase: useCase.id?.value },
        });
      }
    }
  },
};
