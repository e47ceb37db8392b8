import { Rule } from '../rule';
import { quoted } from '../quote';

export const unmitigated: Rule = {
  code: 'unmitigated',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description: 'An abuse case with neither mitigations nor a risk acceptance.',
  docs: {
    rationale:
      'Naming a threat is half the work: each abuse case needs at least one mitigation, or a risk acceptance signed by someone who may accept it.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing with leaked passwords\n        threatens: [confidentiality]\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing with leaked passwords\n        threatens: [confidentiality]\n        mitigations:\n          - title: Rate-limit sign-in attempts per account and per IP\n            backlog: [RM-12]\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      for (const abuseCase of useCase.abuseCases) {
        if (abuseCase.mitigations.length > 0 || abuseCase.accepted) continue;
        const name = abuseCase.id ? quoted(abuseCase.id.value) : 'This abuse case';
        context.report({
          range: abuseCase.anchor,
          message: `${name} has no mitigations and no risk acceptance.`,
          data: { abuseCase: abuseCase.id?.value },
        });
      }
    }
  },
};
