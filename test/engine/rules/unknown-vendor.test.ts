import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

const VENDORS_URI = 'file:///workspace/vendors.usecase.yaml';

describe('rule unknown-vendor', () => {
  it('reports a vendor no file defines, and suggests the closest one', () => {
    const [finding] = expectFindings(
      'unknown-vendor',
      `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          vendors: [⟦strype⟧]
      vendors:
        - id: stripe
          name: Stripe
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(
      finding.message,
      "No vendor 'strype' in the workspace. Did you mean 'stripe'? Define it under 'vendors:' in any use-case file.",
    );
    assert.deepStrictEqual(finding.data, { id: 'strype', suggestion: 'stripe' });
  });

  it('resolves a vendor defined in another file of the workspace', () => {
    const source = `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          vendors: [stripe, sendgrid]
      vendors:
        - id: sendgrid
          name: SendGrid
      `;
    expectNoFindings('unknown-vendor', source, {
      [VENDORS_URI]: `
        vendors:
          - id: stripe
            name: Stripe
      `,
    });
    // Without the other file, the same reference is unknown.
    expectFindings('unknown-vendor', source.replace('[stripe,', '[⟦stripe⟧,'));
  });

  it('keeps vendor ids apart from backlog items, use cases and abuse cases', () => {
    const findings = expectFindings(
      'unknown-vendor',
      `
      backlog:
        - id: stripe
          title: Take payments by card
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          vendors: [⟦stripe⟧, ⟦UC-pay⟧]
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        "No vendor 'stripe' in the workspace. Define it under 'vendors:' in any use-case file.",
        "No vendor 'UC-pay' in the workspace. Define it under 'vendors:' in any use-case file.",
      ],
    );
    assert.deepStrictEqual(findings[0].data, { id: 'stripe' });
  });
});
