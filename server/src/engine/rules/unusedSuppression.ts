import { quoted } from '../quote';
import { Rule } from '../rule';

/** The rules whose findings no comment suppresses: they are about the comments themselves. */
export const UNSUPPRESSIBLE = new Set(['unknown-rule', 'unused-suppression']);

export const unusedSuppression: Rule = {
  code: 'unused-suppression',
  scope: 'suppression',
  severity: 'warning',
  description: 'A suppression comment (`# abuse-cases-disable…`) that suppresses no finding.',
  docs: {
    rationale:
      "A suppression outlives what it was written for: once the finding is fixed, or the line below it moves, the comment stays and would silently suppress the next finding that appears there. As eslint's unused-directive report does, each rule a suppression names that it suppresses nothing of (or the whole comment, when it names none) is reported, so that it can be removed. This finding cannot itself be suppressed.",
    bad: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    # abuse-cases-disable-next-line unknown-vendor -- Stripe is defined by the payments team\n    vendors: [stripe]\nvendors:\n  - id: stripe\n    name: Stripe\n',
    good: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    vendors: [stripe]\nvendors:\n  - id: stripe\n    name: Stripe\n',
  },
  check(context) {
    const known = new Set(context.ruleCodes);
    for (const directive of context.directives) {
      if (!directive.covers) continue;
      const used = context.used.get(directive);
      const where = directive.kind === 'disable-next-line' ? 'on the next line' : 'in the lines it disables';
      if (directive.rules.length === 0) {
        if (!used)
          context.report({
            range: directive.range,
            message: `This comment suppresses nothing: no finding starts ${where}. Remove it.`,
          });
        continue;
      }
      for (const rule of directive.rules) {
        // A misspelt name is unknown-rule's finding.
        if (!known.has(rule.code) || used?.has(rule.code)) continue;
        context.report({
          range: rule.range,
          message: UNSUPPRESSIBLE.has(rule.code)
            ? `${quoted(rule.code)} findings cannot be suppressed. Remove it from the comment.`
            : `No ${quoted(rule.code)} finding starts ${where}: this comment suppresses nothing of it. Remove it.`,
        });
      }
    }
  },
};
