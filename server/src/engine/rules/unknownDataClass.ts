import { didYouMean } from '../didYouMean';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const unknownDataClass: Rule = {
  code: 'unknown-data-class',
  scope: 'workspace',
  perEntry: true,
  severity: 'error',
  description:
    "A data class that is not one of the known data classes (in a use case's `data:`, a template's, or what a vendor `receives:`).",
  docs: {
    rationale:
      'Data classes decide which CIA dimensions a use case must defend: `pii` requires high confidentiality, `payment` high integrity. An unknown class requires nothing, so a typo would hide a gap.',
    bad: 'use_cases:\n  - id: UC-signup\n    title: Sign up\n    actor: Visitor\n    data: [pi]\n',
    good: 'use_cases:\n  - id: UC-signup\n    title: Sign up\n    actor: Visitor\n    data: [pii]\n',
  },
  check(context) {
    const known = [...context.dataClasses.keys()];
    // Use cases, team templates and vendors (what they receive) name data classes.
    const used = [
      ...context.model.useCases.flatMap((useCase) => useCase.data),
      ...context.model.templates.flatMap((template) => template.data),
      ...context.model.vendors.flatMap((vendor) => vendor.receives),
    ];
    for (const item of used) {
      if (context.dataClasses.has(item.value)) continue;
      const suggestion = didYouMean(item.value, known);
      const hint = suggestion ? `Did you mean ${quoted(suggestion)}? ` : '';
      context.report({
        range: item.range,
        message: `Unknown data class ${quoted(item.value)}. ${hint}Known classes: ${known.join(', ')}.`,
        data: suggestion ? { suggestion } : undefined,
      });
    }
  },
};
