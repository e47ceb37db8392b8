import { Rule } from '../rule';
import { quoted } from '../quote';

export const unplannedMitigation: Rule = {
  code: 'unplanned-mitigation',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description: 'A mitigation that no backlog item builds.',
  docs: {
    rationale:
      'A mitigation that is not in the backlog is a wish: nobody will estimate it, schedule it or build it. Link it to the backlog item that builds it.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n        mitigations:\n          - title: Rate-limit sign-in attempts\n',
    good: 'backlog:\n  - id: RM-12\n    title: Rate-limit sign-in attempts\nuse_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n        mitigations:\n          - title: Rate-limit sign-in attempts\n            backlog: [RM-12]\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      for (const abuseCase of useCase.abuseCases) {
        for (const mitigation of abuseCase.mitigations) {
          if (mitigation.backlog.length > 0) continue;
          context.report({
            range: mitigation.anchor,
            message: `No backlog item builds the mitigation${mitigation.title ? ` ${quoted(mitigation.title.value)}` : ''}: add 'backlog: [ID]'.`,
          });
        }
      }
    }
  },
};
