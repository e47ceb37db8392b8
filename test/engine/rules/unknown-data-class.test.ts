import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule unknown-data-class', () => {
  it('reports a misspelt data class, suggests the known one and lists them all', () => {
    const [finding] = expectFindings(
      'unknown-data-class',
      `
      use_cases:
        - id: UC-signup
          title: Sign up
          actor: Visitor
          data: [credentials, ⟦pi⟧]
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(
      finding.message,
      "Unknown data class 'pi'. Did you mean 'pii'? Known classes: public, internal, pii, sensitive-pii, credentials, payment, financial, health, customer-content, audit-log, telemetry.",
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'pii' });
  });

  it('does not fire on the built-in data classes', () => {
    expectNoFindings(
      'unknown-data-class',
      `
      use_cases:
        - id: UC-everything
          title: Touch every kind of data
          actor: Admin
          data: [public, internal, pii, sensitive-pii, credentials, payment, financial, health, customer-content, audit-log, telemetry]
      `,
    );
  });

  it('is case-sensitive, and suggests the class in the right case', () => {
    const [finding] = expectFindings(
      'unknown-data-class',
      `
      use_cases:
        - id: UC-signup
          title: Sign up
          actor: Visitor
          data: [⟦PII⟧]
      `,
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'pii' });
  });

  it('suggests the class a half-typed name starts', () => {
    const [finding] = expectFindings(
      'unknown-data-class',
      `
      use_cases:
        - id: UC-signup
          title: Sign up
          actor: Visitor
          data: [⟦cred⟧]
      `,
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'credentials' });
  });

  it('only lists the known classes when nothing is close', () => {
    const [finding] = expectFindings(
      'unknown-data-class',
      `
      use_cases:
        - id: UC-signup
          title: Sign up
          actor: Visitor
          data: [⟦secrets⟧]
      `,
    );
    assert.match(finding.message, /^Unknown data class 'secrets'\. Known classes: public, /);
    assert.strictEqual(finding.data, undefined);
  });

  it('leaves data written as a single value to wrong-type', () => {
    expectNoFindings(
      'unknown-data-class',
      `
      use_cases:
        - id: UC-signup
          title: Sign up
          actor: Visitor
          data: pi
      `,
    );
  });

  it('checks the data classes a vendor receives', () => {
    const [finding] = expectFindings(
      'unknown-data-class',
      `
      vendors:
        - id: mailer
          name: Mailer
          receives: [pii, ⟦emails⟧]
      `,
    );
    assert.match(finding.message, /^Unknown data class 'emails'\./);
  });
});
