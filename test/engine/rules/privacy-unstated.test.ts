import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

/** UC-newsletter handles `data`, with the extra lines given. */
const newsletter = (data: string, ...lines: string[]) => `
  use_cases:
    - id: ⟦UC-newsletter⟧
      title: Subscribe to the newsletter
      actor: Visitor
      data: [${data}]
${lines.map((line) => `      ${line}\n`).join('')}`;

describe('rule privacy-unstated', () => {
  it('asks for both the lawful basis and the retention when both are missing', () => {
    const [finding] = expectFindings('privacy-unstated', newsletter('pii'));
    assert.strictEqual(finding.severity, 'information');
    assert.strictEqual(
      finding.message,
      "UC-newsletter handles personal data (pii) but does not say on what lawful basis it processes it, nor how long it keeps it: add 'lawful_basis' and 'retention'.",
    );
    assert.deepStrictEqual(finding.data, { missing: ['lawful_basis', 'retention'] });
  });

  it('asks only for what is missing', () => {
    const [noBasis] = expectFindings('privacy-unstated', newsletter('pii', 'retention: until-account-deleted'));
    assert.strictEqual(
      noBasis.message,
      "UC-newsletter handles personal data (pii) but does not say on what lawful basis it processes it: add 'lawful_basis'.",
    );
    assert.deepStrictEqual(noBasis.data, { missing: ['lawful_basis'] });
    const [noRetention] = expectFindings('privacy-unstated', newsletter('telemetry, pii', 'lawful_basis: consent'));
    assert.strictEqual(
      noRetention.message,
      "UC-newsletter handles personal data (pii) but does not say how long it keeps it: add 'retention'.",
    );
    assert.deepStrictEqual(noRetention.data, { missing: ['retention'] });
  });

  it('is silent when both are stated, or the data is not personal', () => {
    expectNoFindings(
      'privacy-unstated',
      newsletter('pii', 'lawful_basis: consent', 'retention: until-account-deleted'),
    );
    expectNoFindings('privacy-unstated', newsletter('credentials', 'lawful_basis: contract', 'retention: 30d'));
    expectNoFindings('privacy-unstated', newsletter('payment', 'lawful_basis: contract', 'retention: not-stored'));
    expectNoFindings('privacy-unstated', newsletter('telemetry, financial, public'));
  });

  it('counts a malformed retention or basis as missing, which invalid-value reports', () => {
    const source = newsletter('pii', 'lawful_basis: consent', 'retention: forever');
    const [finding] = expectFindings('privacy-unstated', source);
    assert.deepStrictEqual(finding.data, { missing: ['retention'] });
    const [invalid] = expectFindings(
      'invalid-value',
      source.replace(/[⟦⟧]/g, '').replace('retention: forever', 'retention: ⟦forever⟧'),
    );
    assert.strictEqual(
      invalid.message,
      "'forever' is not a valid value for 'retention': write a duration (30d, 12w, 6m, 1y) or one of until-account-deleted, until-contract-ends, as-required-by-law, not-stored.",
    );
    const [badBasis] = expectFindings('privacy-unstated', newsletter('pii', 'lawful_basis: because', 'retention: 2y'));
    assert.deepStrictEqual(badBasis.data, { missing: ['lawful_basis'] });
  });
});
