import { didYouMean } from '../didYouMean';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const unknownVendor: Rule = {
  code: 'unknown-vendor',
  scope: 'workspace',
  perEntry: true,
  severity: 'error',
  description: "A use case's `vendors:` names a vendor that no file of the workspace defines.",
  docs: {
    rationale:
      "A use case names the vendors it hands data to, so that each vendor's review and the data it receives can be checked against what the use case handles. A name that resolves to no vendor checks nothing. Vendors are defined under `vendors:` in any `*.usecase.yaml` file of the workspace.",
    bad: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    vendors: [strype]\nvendors:\n  - id: stripe\n    name: Stripe\n',
    good: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    vendors: [stripe]\nvendors:\n  - id: stripe\n    name: Stripe\n',
  },
  check(context) {
    for (const useCase of context.model.useCases)
      for (const reference of useCase.vendors) {
        if (context.workspace.definitionsOf(reference.value, { namespace: 'vendors' }).length > 0) continue;
        const suggestion = didYouMean(reference.value, context.workspace.vendorIds());
        const hint = suggestion ? `Did you mean ${quoted(suggestion)}? ` : '';
        context.report({
          range: reference.range,
          message: `No vendor ${quoted(reference.value)} in the workspace. ${hint}Define it under 'vendors:' in any use-case file.`,
          data: { id: reference.value, ...(suggestion ? { suggestion } : {}) },
        });
      }
  },
};
