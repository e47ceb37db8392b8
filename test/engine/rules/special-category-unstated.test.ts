import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

/** UC-records handles `data`, on a stated basis and retention, with the extra lines given. */
const records = (data: string, ...lines: string[]) => `
  use_cases:
    - id: UC-records
      title: Read a patient record
      actor: Clinician
      data: [${data}]
      lawful_basis: legal-obligation
      retention: as-required-by-law
${lines.map((line) => `      ${line}\n`).join('')}`;

describe('rule special-category-unstated', () => {
  it('reports health data without an art. 9 condition, on the health item', () => {
    const [finding] = expectFindings('special-category-unstated', records('pii, ⟦health⟧'));
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "UC-records handles special-category data (health), which the GDPR forbids unless a condition of art. 9(2) holds: say which in 'special_category_condition' (explicit-consent, health-care, employment, ...).",
    );
  });

  it('reports sensitive-pii as well, once per use case', () => {
    expectFindings('special-category-unstated', records('⟦sensitive-pii⟧, health'));
  });

  it('is silent with a condition, or for personal data that is not special', () => {
    expectNoFindings('special-category-unstated', records('health', 'special_category_condition: health-care'));
    expectNoFindings('special-category-unstated', records('pii'));
    expectNoFindings('special-category-unstated', records('pii, credentials, payment, telemetry'));
  });

  it('counts a condition outside art. 9(2) as missing', () => {
    expectFindings('special-category-unstated', records('⟦health⟧', 'special_category_condition: because'));
  });
});
