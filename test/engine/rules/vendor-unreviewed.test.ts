import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

/** SendGrid receives `receives`, with the `review` lines given (indented under the vendor). */
const vendor = (receives: string, review = '') => `
  vendors:
    - id: sendgrid
      name: SendGrid
      purpose: Sends the sign-up and password-reset e-mails
      receives: [${receives}]
${review}`;

const review = (on: string, until?: string) =>
  [
    '      review:',
    '        by: Dana Reyes, security lead',
    `        on: ${on}`,
    ...(until === undefined ? [] : [`        until: ${until}`]),
    '        evidence: [soc2, dpa]',
  ].join('\n') + '\n';

describe('rule vendor-unreviewed', () => {
  it('holds a review through its until day, and reports the until value the day after', () => {
    expectNoFindings('vendor-unreviewed', vendor('pii', review('2026-01-10', '2026-11-24')), {}, '2026-11-24');
    const [finding] = expectFindings(
      'vendor-unreviewed',
      vendor('pii', review('2026-01-10', '⟦2026-11-24⟧')),
      {},
      '2026-11-25',
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "'sendgrid' receives pii (high confidentiality), and its review held until 2026-11-24, 1 day ago: until it is reviewed again it counts as unreviewed.",
    );
    assert.deepStrictEqual(finding.data, { review: 'lapsed', today: '2026-11-25' });
  });

  it('reports a vendor with no review at its id', () => {
    const [finding] = expectFindings('vendor-unreviewed', vendor('pii', '').replace('id: sendgrid', 'id: ⟦sendgrid⟧'));
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "'sendgrid' receives pii (high confidentiality) and has no review: has someone checked that it meets your security standards? Add a 'review:' with who, when, until when and the evidence.",
    );
    assert.deepStrictEqual(finding.data?.review, 'none');
  });

  it('counts a review without an until day as unreviewed', () => {
    const [finding] = expectFindings(
      'vendor-unreviewed',
      vendor('pii', review('2026-01-10')).replace('id: sendgrid', 'id: ⟦sendgrid⟧'),
    );
    assert.strictEqual(
      finding.message,
      "'sendgrid' receives pii (high confidentiality), and its review says no valid last day ('until'): it counts as unreviewed.",
    );
    assert.deepStrictEqual(finding.data?.review, 'incomplete');
  });

  it('counts a review that holds until a day before it was done as unreviewed', () => {
    const [finding] = expectFindings(
      'vendor-unreviewed',
      vendor('pii', review('2026-06-01', '2026-01-01')).replace('id: sendgrid', 'id: ⟦sendgrid⟧'),
      {},
      '2026-03-01',
    );
    assert.strictEqual(
      finding.message,
      "'sendgrid' receives pii (high confidentiality), and its review holds until 2026-01-01, before it was done: it counts as unreviewed.",
    );
  });

  it('needs no review for a vendor that receives only low-confidentiality data', () => {
    expectNoFindings('vendor-unreviewed', vendor('telemetry'));
    expectNoFindings('vendor-unreviewed', vendor('public'));
    expectNoFindings('vendor-unreviewed', vendor('telemetry, public'));
    expectNoFindings('vendor-unreviewed', vendor(''));
  });

  it('names only the data that makes the review necessary, medium confidentiality included', () => {
    const [finding] = expectFindings(
      'vendor-unreviewed',
      vendor('telemetry, internal, pii').replace('id: sendgrid', 'id: ⟦sendgrid⟧'),
    );
    assert.match(
      finding.message,
      /^'sendgrid' receives internal \(medium confidentiality\), pii \(high confidentiality\) and has no review/,
    );
  });
});
