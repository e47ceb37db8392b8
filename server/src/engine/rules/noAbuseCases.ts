import { Rule } from '../rule';
import { quoted } from '../quote';

export const noAbuseCases: Rule = {
  code: 'no-abuse-cases',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description: 'A use case without any abuse case.',
  docs: {
    rationale:
      'Every feature that gives a legitimate user value can be turned against the product, its data or other users. A use case with no abuse case is one whose security nobody has thought about yet.',
    bad: 'use_cases:\n  - id: UC-export\n    title: Export a roadmap as CSV\n    actor: Product manager\n',
    good: 'use_cases:\n  - id: UC-export\n    title: Export a roadmap as CSV\n    actor: Product manager\n    abuse_cases:\n      - id: AB-export-all\n        title: A departing employee exports every roadmap\n        threatens: [confidentiality]\n        mitigations:\n          - title: Exports are rate-limited and logged\n            backlog: [RM-7]\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      if (useCase.abuseCases.length > 0) continue;
      const name = useCase.id ? quoted(useCase.id.value) : 'This use case';
      context.report({
        range: useCase.abuseCasesKey ?? useCase.anchor,
        message: `${name} has no abuse cases: how could an attacker or a careless user turn it against the product?`,
      });
    }
  },
};
