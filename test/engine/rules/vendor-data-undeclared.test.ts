import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

const PAY_URI = 'file:///workspace/pay.usecase.yaml';

/** UC-pay handles `data` and hands it to Stripe, which receives `receives`. */
const pay = (data: string, receives: string, vendors = 'stripe') => `
  use_cases:
    - id: UC-pay
      title: Pay an invoice
      actor: Customer
      data: [${data}]
      vendors: [${vendors}]
  vendors:
    - id: stripe
      name: Stripe
      receives: [${receives}]
`;

describe('rule vendor-data-undeclared', () => {
  it('reports a class a vendor receives that no use case naming it declares', () => {
    const [finding] = expectFindings('vendor-data-undeclared', pay('payment, financial', 'payment, ⟦pii⟧'));
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      "'stripe' receives pii data, but none of the use cases that hand it data (UC-pay) declares pii under 'data:'.",
    );
    assert.deepStrictEqual(finding.data, { dataClass: 'pii', useCases: ['UC-pay'] });
  });

  it('reports what a vendor receives when no use case names it', () => {
    const [finding] = expectFindings(
      'vendor-data-undeclared',
      `
      vendors:
        - id: mailgun
          name: Mailgun
          receives: [⟦pii⟧]
      `,
    );
    assert.strictEqual(
      finding.message,
      "'mailgun' receives pii data, but no use case names it under 'vendors:': which use case hands it this data?",
    );
    assert.deepStrictEqual(finding.data, { dataClass: 'pii', useCases: [] });
  });

  it("reports a use case naming a vendor whose receives lists none of the use case's data", () => {
    const findings = expectFindings('vendor-data-undeclared', pay('financial', '⟦payment⟧', '⟦stripe⟧'));
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        "UC-pay hands data to 'stripe', whose 'receives:' lists none of the data it handles (financial): add what 'stripe' gets to its 'receives:'.",
        "'stripe' receives payment data, but none of the use cases that hand it data (UC-pay) declares payment under 'data:'.",
      ],
    );
    const handOff = findings.find((d) => d.covers === 'stripe')!;
    assert.deepStrictEqual(handOff.data, { vendor: 'stripe', dataClasses: ['financial'] });
    // A vendor that lists nothing it receives hears only of the use case.
    expectFindings('vendor-data-undeclared', pay('financial', '', '⟦stripe⟧'));
  });

  it('is silent when the use cases and the vendor agree, across files too', () => {
    expectNoFindings('vendor-data-undeclared', pay('payment, pii', 'payment'));
    expectNoFindings('vendor-data-undeclared', pay('payment, pii', 'payment, pii'));
    // The use case that declares pii lives in another file.
    expectNoFindings('vendor-data-undeclared', pay('payment', 'payment, pii'), {
      [PAY_URI]: `
        use_cases:
          - id: UC-signup
            title: Sign up
            actor: Visitor
            data: [pii]
            vendors: [stripe]
      `,
    });
  });
});
