import { didYouMean } from '../didYouMean';
import { quoted } from '../quote';
import { Rule } from '../rule';

export const unknownRule: Rule = {
  code: 'unknown-rule',
  scope: 'suppression',
  severity: 'warning',
  description: 'A suppression comment (`# abuse-cases-disable…`) names a rule that does not exist.',
  docs: {
    rationale:
      'A suppression names the rules whose findings it keeps quiet. A misspelt name suppresses nothing, so the finding it was meant for still shows, and the comment reads as if it were handled. The codes are the ones on the rule pages (and in each finding). This finding cannot itself be suppressed.',
    bad: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    # abuse-cases-disable-next-line unknown-vendr -- Stripe is defined by the payments team\n    vendors: [stripe]\n',
    good: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    # abuse-cases-disable-next-line unknown-vendor -- Stripe is defined by the payments team\n    vendors: [stripe]\n',
  },
  check(context) {
    const known = new Set(context.ruleCodes);
    for (const directive of context.directives)
      for (const rule of directive.rules) {
        if (known.has(rule.code)) continue;
        const suggestion = didYouMean(rule.code, context.ruleCodes);
        const hint = suggestion ? `Did you mean ${quoted(suggestion)}? ` : '';
        context.report({
          range: rule.range,
          message: `No rule ${quoted(rule.code)}: this comment suppresses nothing of it. ${hint}The rules are listed in docs/rules.`,
          data: suggestion ? { suggestion } : undefined,
        });
      }
  },
};
