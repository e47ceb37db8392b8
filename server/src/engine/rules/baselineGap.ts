import { baselineSentence } from '../baselineState';
import { excerpt } from '../quote';
import { Rule } from '../rule';

export const baselineGap: Rule = {
  code: 'baseline-gap',
  scope: 'workspace',
  severity: 'warning',
  description:
    'A question of the secure-by-design baseline (backups, restore, vendors, encryption, audit trail, ...) that applies to the product and that nothing answers.',
  docs: {
    rationale:
      "Some capabilities cannot be retrofitted: backups and a restore that has been tried, vendors that meet your standards, encryption, an audit trail, strong sign-in, collecting only the data you need, consent and opt-out, patching, knowing the regulations, being ready for an incident. Each question applies when the workspace says it does (the data classes its use cases handle, the CIA levels they require, the words they use), and is answered by a backlog item or mitigation with `answers: [...]`, a mitigation's control tag that maps to it (`nist-800-53:CP-9` answers backups), or an abuse case that follows a catalog template of the question's family. One finding per question and product, on the `product:` line (or the configuration's first line when the files name no product, or several without one). The configuration's `baseline:` turns a question off with a reason, sets its severity, or adds the team's own. See docs/baseline.md.",
    bad: 'product: Notes\nuse_cases:\n  - id: UC-write\n    title: Write a note\n    actor: Member\n    data: [customer-content]\n',
    good: 'product: Notes\nbacklog:\n  - id: NT-1\n    title: Nightly off-site backups\n    answers: [backups]\n  - id: NT-2\n    title: Restore drill every quarter\n    answers: [restore]\n  - id: NT-3\n    title: TLS everywhere and encrypted storage\n    answers: [encryption]\n  - id: NT-4\n    title: Two-factor sign-in\n    answers: [strong-authentication]\n  - id: NT-5\n    title: Monthly patch day\n    answers: [patching]\n  - id: NT-6\n    title: Incident response plan and on-call rota\n    answers: [incident-readiness]\nuse_cases:\n  - id: UC-write\n    title: Write a note\n    actor: Member\n    data: [customer-content]\n',
  },
  check(context) {
    for (const anchor of context.workspace.baselineAnchoredIn(context.uri)) {
      for (const state of context.workspace.baselineOf(anchor.product)) {
        if (state.status !== 'gap') continue;
        const { capability } = state;
        context.report({
          range: anchor.range,
          message: baselineSentence(excerpt(anchor.name), state),
          severity: capability.severity,
          configured: capability.severity !== undefined,
          data: { capability: capability.id, product: anchor.product ?? null },
        });
      }
    }
  },
};
