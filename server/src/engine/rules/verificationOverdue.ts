import { relativeDay } from '../dates';
import { verificationDue } from '../evidence';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const verificationOverdue: Rule = {
  code: 'verification-overdue',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description:
    'A mitigation whose `verified_on` + `reverify_every` has passed: until it is verified again, it counts as implemented, not verified.',
  docs: {
    rationale:
      'A restore that worked once, a penetration test from two years ago or an access review nobody repeated are claims with a date. A mitigation that says when it was verified (`verified_on`) and how often it must be again (`reverify_every`: `30d`, `12w`, `6m`, `1y`) lapses on the day after `verified_on` + `reverify_every`: from then on the sidebar, the reports and the gate count it as implemented, not verified, until the verification is renewed. The quick fix dates the verification today, once it has been done again.',
    bad: 'use_cases:\n  - id: UC-restore\n    title: Restore a deleted roadmap\n    actor: Admin\n    abuse_cases:\n      - id: AB-lost\n        title: Backups turn out to be unusable when needed\n        threatens: [availability]\n        mitigations:\n          - title: Restore drill from the nightly backup\n            status: verified\n            verified_on: 2020-01-15\n            reverify_every: 3m\n',
    good: 'use_cases:\n  - id: UC-restore\n    title: Restore a deleted roadmap\n    actor: Admin\n    abuse_cases:\n      - id: AB-lost\n        title: Backups turn out to be unusable when needed\n        threatens: [availability]\n        mitigations:\n          - title: Restore drill from the nightly backup\n            status: verified\n            verified_on: 2999-01-15\n            reverify_every: 3m\n',
  },
  check(context) {
    const seen = new Set<object>();
    for (const useCase of context.model.useCases)
      for (const abuseCase of useCase.abuseCases)
        for (const mitigation of abuseCase.mitigations) {
          const due = verificationDue(mitigation);
          // An aliased mitigation is one verification, named once.
          if (due === undefined || due >= context.today || seen.has(mitigation)) continue;
          seen.add(mitigation);
          const title = mitigation.title ? quoted(mitigation.title.value) : 'This mitigation';
          const counts =
            mitigation.status === 'verified' ? ' Until it is, it counts as implemented, not verified.' : '';
          context.report({
            range: mitigation.verifiedOn!.range,
            message: `${title} was verified on ${mitigation.verifiedOn!.value}, to be verified again every ${mitigation.reverifyEvery!.value}: that was due on ${due}, ${relativeDay(due, context.today)}.${counts}`,
            data: { due, today: context.today },
          });
        }
  },
};
