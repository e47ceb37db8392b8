import { relativeDay } from '../dates';
import { confidentialDataOf, reviewStateOf } from '../evidence';
import { quoted } from '../quote';
import { Rule } from '../rule';

export const vendorUnreviewed: Rule = {
  code: 'vendor-unreviewed',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description:
    'A vendor that receives data requiring medium or high confidentiality, without a review that still holds.',
  docs: {
    rationale:
      "Products hand data to platforms and services they do not run: hosting, e-mail and SMS senders, payment providers, analytics. Each must meet or exceed the product's own security standards, and someone must have checked, recently. A vendor whose `receives:` includes data that requires medium or high confidentiality needs a `review:` (who, on which day, until which day it holds, and the evidence: a SOC 2 report, an ISO 27001 certificate, a data processing agreement). From the day after its `until`, the vendor counts as unreviewed again, and it holds the baseline's third-party question open. The quick fix writes a review to fill in, dated today.",
    bad: 'vendors:\n  - id: sendgrid\n    name: SendGrid\n    purpose: Sends the sign-up and password-reset e-mails\n    receives: [pii]\n',
    good: 'vendors:\n  - id: sendgrid\n    name: SendGrid\n    purpose: Sends the sign-up and password-reset e-mails\n    receives: [pii]\n    review:\n      by: Dana Reyes, security lead\n      on: 2999-01-10\n      until: 2999-12-31\n      evidence: [soc2, dpa]\n',
  },
  check(context) {
    for (const vendor of context.model.vendors) {
      const confidential = confidentialDataOf(vendor, context.dataClasses);
      if (confidential.length === 0) continue;
      const state = reviewStateOf(vendor, context.today);
      if (state.status === 'current') continue;
      const name = quoted(vendor.id?.value ?? vendor.name ?? 'This vendor');
      const data = confidential
        .map((dataClass) => `${dataClass.name} (${dataClass.requires.confidentiality} confidentiality)`)
        .join(', ');
      const receives = `${name} receives ${data}`;
      const message =
        state.status === 'none'
          ? `${receives} and has no review: has someone checked that it meets your security standards? Add a 'review:' with who, when, until when and the evidence.`
          : state.status === 'incomplete'
            ? `${receives}, and ${state.why}: it counts as unreviewed.`
            : `${receives}, and its review held until ${state.until}, ${relativeDay(state.until, context.today)}: until it is reviewed again it counts as unreviewed.`;
      context.report({
        range: state.status === 'lapsed' ? vendor.review!.until!.range : vendor.anchor,
        message,
        data: { review: state.status, today: context.today },
      });
    }
  },
};
