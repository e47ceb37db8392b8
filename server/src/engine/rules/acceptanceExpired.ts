import { Rule } from '../rule';
import { quoted } from '../quote';

export const acceptanceExpired: Rule = {
  code: 'acceptance-expired',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description: 'A risk acceptance whose `until` date has passed.',
  docs: {
    rationale:
      'Accepting a risk is a decision for a period, not forever. Once `until` has passed the abuse case is open again: mitigate it, or have the risk owner renew the acceptance.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-sms\n        title: SIM swap defeats SMS codes\n        threatens: [confidentiality]\n        accepted:\n          by: Jane Doe (CISO)\n          reason: SMS is the only second factor our customers have\n          until: 2020-01-31\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-sms\n        title: SIM swap defeats SMS codes\n        threatens: [confidentiality]\n        accepted:\n          by: Jane Doe (CISO)\n          reason: SMS is the only second factor our customers have\n          until: 2999-01-31\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      for (const abuseCase of useCase.abuseCases) {
        const until = abuseCase.accepted?.until;
        if (!until || until.value >= context.today) continue;
        context.report({
          range: until.range,
          message: `The risk acceptance${abuseCase.id ? ` of ${quoted(abuseCase.id.value)}` : ''} expired on ${until.value}: mitigate the abuse case or renew the acceptance.`,
        });
      }
    }
  },
};
