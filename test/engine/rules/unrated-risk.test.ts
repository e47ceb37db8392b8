import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule unrated-risk', () => {
  it('hints on an abuse case with neither a likelihood nor an impact', () => {
    const [finding] = expectFindings(
      'unrated-risk',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: ⟦AB-stuffing⟧
              title: Credential stuffing
              threatens: [confidentiality]
      `,
    );
    assert.strictEqual(finding.severity, 'hint');
    assert.strictEqual(finding.message, 'Rate this abuse case: it has no likelihood and no impact.');
    assert.deepStrictEqual(finding.data, { missing: ['likelihood', 'impact'] });
  });

  it('does not fire when both are rated', () => {
    expectNoFindings(
      'unrated-risk',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              likelihood: likely
              impact: major
      `,
    );
  });

  it('names the one that is missing', () => {
    const findings = expectFindings(
      'unrated-risk',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: ⟦AB-stuffing⟧
              title: Credential stuffing
              threatens: [confidentiality]
              likelihood: likely
            - id: ⟦AB-sms⟧
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              impact: severe
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => [d.message, d.data]),
      [
        ['Rate this abuse case: it has no impact.', { missing: ['impact'] }],
        ['Rate this abuse case: it has no likelihood.', { missing: ['likelihood'] }],
      ],
    );
  });

  it('counts a key written without a value as missing', () => {
    const [finding] = expectFindings(
      'unrated-risk',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: ⟦AB-stuffing⟧
              title: Credential stuffing
              threatens: [confidentiality]
              likelihood:
              impact: major
      `,
    );
    assert.deepStrictEqual(finding.data, { missing: ['likelihood'] });
  });

  it('leaves a rating that is present but invalid to invalid-value and wrong-type', () => {
    expectNoFindings(
      'unrated-risk',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              likelihood: likley
              impact: [major]
      `,
    );
  });

  it('points at the title, or the first key, of an abuse case without an id', () => {
    expectFindings(
      'unrated-risk',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - title: ⟦Credential stuffing⟧
              threatens: [confidentiality]
            - ⟦threatens⟧: [availability]
              impact: minor
      `,
    );
  });
});
