import { isScalar } from 'yaml';
import { didYouMean } from '../didYouMean';
import { isAllowedNumber, isValidDate } from '../model';
import { Rule } from '../rule';
import { forEachTypedValue, nodeRange, scalarText } from '../yamlTree';
import { excerpt, quoted } from '../quote';

export const invalidValue: Rule = {
  code: 'invalid-value',
  scope: 'file',
  severity: 'error',
  description:
    'A value outside what the field allows: an unknown CIA dimension or status, a negative estimate, a malformed date or duration, a review that ends before it was done.',
  docs: {
    rationale:
      'Enumerated fields drive the analysis: a misspelt dimension such as `integrty` means the abuse case covers nothing. The message lists the allowed values and suggests the closest one.',
    bad: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    abuse_cases:\n      - id: AB-tamper\n        title: The amount is changed in transit\n        threatens: [integrty]\n',
    good: 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n    abuse_cases:\n      - id: AB-tamper\n        title: The amount is changed in transit\n        threatens: [integrity]\n',
  },
  check(context) {
    forEachTypedValue(context.tree.objects, ({ node, type, field }) => {
      if (!isScalar(node)) return;
      const range = nodeRange(node)!;
      const text = scalarText(node);
      if (type.kind === 'enum' && !type.values.includes(text)) {
        const suggestion = didYouMean(text, type.values);
        const hint = suggestion ? `Did you mean ${quoted(suggestion)}? ` : '';
        context.report({
          range,
          message: `${quoted(text)} is not a valid value for ${quoted(field)}. ${hint}Expected one of: ${type.values.join(', ')}.`,
          data: suggestion ? { suggestion } : undefined,
        });
      } else if (
        type.kind === 'number' &&
        typeof node.value === 'number' &&
        !isAllowedNumber(node.value, type.min, type.max)
      ) {
        const allowed = type.max === undefined ? `>= ${type.min}` : `from ${type.min} to ${type.max}`;
        // `.inf`, `.nan` and literals too large for a number (1e400) are numbers to YAML, not to an estimate.
        context.report({
          range,
          message: `${quoted(field)} must be a finite number ${allowed}, not ${excerpt(text)}.`,
        });
      } else if (type.kind === 'pattern' && !type.pattern.test(text)) {
        context.report({
          range,
          message: type.expected
            ? `${quoted(text)} is not a valid value for ${quoted(field)}: write ${type.expected}.`
            : `${quoted(text)} is not a valid item of ${quoted(field)}; write it like ${type.example}.`,
        });
      } else if (type.kind === 'date' && !isValidDate(text)) {
        context.report({
          range,
          message: `${quoted(text)} is not a valid date; write it as YYYY-MM-DD, e.g. 2027-03-31.`,
        });
      }
    });
    // A review cannot hold until a day before it was done: it would count as lapsed, and dates nothing.
    for (const vendor of context.model.vendors) {
      const { on, until } = vendor.review ?? {};
      if (on && until && until.value < on.value)
        context.report({
          range: until.range,
          message: `The review holds until ${until.value}, before it was done (on ${on.value}): 'until' is the last day it holds, on or after 'on'.`,
        });
    }
  },
};
