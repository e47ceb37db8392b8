import * as assert from 'assert';
import { analyse, expectFindings, expectNoFindings } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

describe('rule unused-suppression', () => {
  it('reports a rule a next-line suppression names when no finding of it starts on the next line', () => {
    const [finding] = expectFindings(
      'unused-suppression',
      `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          # abuse-cases-disable-next-line ⟦unknown-vendor⟧ -- Stripe is defined by the payments team
          vendors: [stripe]
      vendors:
        - id: stripe
          name: Stripe
      `,
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "No 'unknown-vendor' finding starts on the next line: this comment suppresses nothing of it. Remove it.",
    );
  });

  it('reports only the names of a list that suppress nothing', () => {
    expectFindings(
      'unused-suppression',
      `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          # abuse-cases-disable-next-line unknown-vendor, ⟦unknown-data-class⟧ -- mine
          vendors: [strype]
      `,
    );
  });

  it('reports the whole comment when it names no rule and nothing starts on the next line', () => {
    const [finding] = expectFindings(
      'unused-suppression',
      `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          ⟦# abuse-cases-disable-next-line -- every rule⟧
          actor: Customer
      `,
    );
    assert.strictEqual(
      finding.message,
      'This comment suppresses nothing: no finding starts on the next line. Remove it.',
    );
  });

  it('reports a disable that covers no finding of its rule before its enable', () => {
    const [finding] = expectFindings(
      'unused-suppression',
      `
      # abuse-cases-disable ⟦unknown-vendor⟧
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
      # abuse-cases-enable unknown-vendor
          vendors: [strype]
      `,
    );
    assert.match(finding.message, /^No 'unknown-vendor' finding starts in the lines it disables/);
  });

  it('says that its own findings and unknown-rule findings cannot be suppressed', () => {
    const findings = expectFindings(
      'unused-suppression',
      `
      # abuse-cases-disable ⟦unused-suppression⟧
      # abuse-cases-disable-next-line ⟦unknown-vendor⟧
      use_cases: []
      `,
    );
    assert.strictEqual(
      findings[0].message,
      "'unused-suppression' findings cannot be suppressed. Remove it from the comment.",
    );
    // The second comment's finding stays, though it is in the lines the first one disables.
    assert.ok(findings[1].message.startsWith("No 'unknown-vendor' finding"));
  });

  it('leaves an unknown name to unknown-rule, and an enable alone', () => {
    expectNoFindings(
      'unused-suppression',
      `
      # abuse-cases-disable-next-line unknwn-vendor
      use_cases: []
      # abuse-cases-enable
      `,
    );
    assert.deepStrictEqual(
      analyse(dedent('# abuse-cases-disable-next-line unknwn-vendor\nuse_cases: []\n')).map((d) => d.code),
      ['unknown-rule'],
    );
  });

  it('is not reported for a disable without enable that suppresses a finding further down', () => {
    expectNoFindings(
      'unused-suppression',
      `
      # abuse-cases-disable unknown-vendor -- the vendors live in the payments repository
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          vendors: [strype]
      `,
    );
  });
});
