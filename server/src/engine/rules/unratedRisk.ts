import { Rule } from '../rule';

export const unratedRisk: Rule = {
  code: 'unrated-risk',
  severity: 'hint',
  description: 'An abuse case without a likelihood or an impact.',
  docs: {
    rationale:
      'Likelihood and impact rank the risks, so that the backlog takes the worst first. Rating them is quick and worth doing for every abuse case.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n        likelihood: likely\n        impact: major\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      for (const abuseCase of useCase.abuseCases) {
        const missing = ['likelihood', 'impact'].filter((field) => !abuseCase.writtenKeys.has(field));
        if (missing.length === 0) continue;
        context.report({
          range: abuseCase.anchor,
          message: `Rate this abuse case: it has no ${missing.join(' and no ')}.`,
          data: { missing },
        });
      }
    }
  },
};
