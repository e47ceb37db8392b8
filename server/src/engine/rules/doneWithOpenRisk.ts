import { isRiskClosed } from '../cia';
import { RelatedLocation, Rule } from '../rule';
import { quoted } from '../quote';

export const doneWithOpenRisk: Rule = {
  code: 'done-with-open-risk',
  scope: 'workspace',
  severity: 'warning',
  description: 'A backlog item marked done while a use case it builds still has an open abuse case.',
  docs: {
    rationale:
      'Done should mean safe to ship. An abuse case stays open until one of its mitigations is implemented or verified, or a risk acceptance that has not expired covers it. The finding sits on `status: done` and links to each open abuse case, wherever it is written.',
    bad: 'backlog:\n  - id: RM-101\n    title: Share a roadmap through a private link\n    status: done\nuse_cases:\n  - id: UC-share\n    title: Share a roadmap\n    actor: Product manager\n    backlog: [RM-101]\n    abuse_cases:\n      - id: AB-forwarded\n        title: The link is forwarded to a competitor\n        threatens: [confidentiality]\n        mitigations:\n          - title: Links expire and can be revoked\n            backlog: [RM-101]\n            status: planned\n',
    good: 'backlog:\n  - id: RM-101\n    title: Share a roadmap through a private link\n    status: done\nuse_cases:\n  - id: UC-share\n    title: Share a roadmap\n    actor: Product manager\n    backlog: [RM-101]\n    abuse_cases:\n      - id: AB-forwarded\n        title: The link is forwarded to a competitor\n        threatens: [confidentiality]\n        mitigations:\n          - title: Links expire and can be revoked\n            backlog: [RM-101]\n            status: implemented\n',
  },
  check(context) {
    for (const item of context.model.backlog) {
      if (item.status !== 'done' || !item.id || !item.statusRange) continue;
      const open: (RelatedLocation & { which: string })[] = [];
      for (const { uri, useCase } of context.workspace.useCasesBuiltBy(item.id.value)) {
        for (const abuseCase of useCase.abuseCases) {
          if (isRiskClosed(abuseCase, context.today)) continue;
          const which = `abuse case ${quoted(abuseCase.id?.value ?? abuseCase.title ?? '?')} of use case ${quoted(useCase.id?.value ?? '?')}`;
          open.push({ uri, range: abuseCase.anchor, message: `Open: ${which}.`, which });
        }
      }
      if (open.length === 0) continue;
      const first = open[0].which;
      const more = open.length > 1 ? ` and ${open.length - 1} more are` : ' is';
      context.report({
        range: item.statusRange,
        message: `${quoted(item.id.value)} is done, but ${first}${more} still open: no implemented or verified mitigation, no unexpired acceptance.`,
        related: open.map(({ uri, range, message }) => ({ uri, range, message })),
      });
    }
  },
};
