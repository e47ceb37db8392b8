import * as assert from 'assert';
import { analyse, expectFindings, expectNoFindings } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

describe('rule unknown-rule', () => {
  it('reports a misspelt rule in a suppression, suggests the closest code, and the finding it meant stays', () => {
    const source = `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          # abuse-cases-disable-next-line ⟦unknown-vendr⟧ -- Stripe is defined by the payments team
          vendors: [strype]
      `;
    const [finding] = expectFindings('unknown-rule', source);
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "No rule 'unknown-vendr': this comment suppresses nothing of it. Did you mean 'unknown-vendor'? The rules are listed in docs/rules.",
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'unknown-vendor' });
    assert.deepStrictEqual(
      analyse(dedent(source).replace(/[⟦⟧]/g, ''))
        .map((d) => d.code)
        .filter((code) => code.startsWith('unknown-')),
      ['unknown-rule', 'unknown-vendor'],
    );
  });

  it('reports each unknown name of a list, in every kind of directive, and offers no guess when none is close', () => {
    const [finding] = expectFindings(
      'unknown-rule',
      `
      # abuse-cases-disable ⟦stripe-is-fine⟧, unknown-vendor
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          vendors: [strype]
      # abuse-cases-enable ⟦unknown-vendors⟧
      `,
    );
    assert.strictEqual(finding.data, undefined);
    assert.match(finding.message, /^No rule 'stripe-is-fine': this comment suppresses nothing of it. The rules/);
  });

  it('accepts every rule code, the suppression rules among them', () => {
    expectNoFindings(
      'unknown-rule',
      `
      # abuse-cases-disable-next-line unknown-vendor, unused-suppression, syntax -- known codes
      use_cases: []
      `,
    );
  });
});
