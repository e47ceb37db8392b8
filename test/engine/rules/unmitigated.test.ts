import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule unmitigated', () => {
  it('warns on an abuse case with neither mitigations nor a risk acceptance', () => {
    const [finding] = expectFindings(
      'unmitigated',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: ⟦AB-stuffing⟧
              title: Credential stuffing with leaked passwords
              threatens: [confidentiality]
      `,
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(finding.message, "'AB-stuffing' has no mitigations and no risk acceptance.");
    assert.deepStrictEqual(finding.data, { abuseCase: 'AB-stuffing' });
  });

  it('does not fire on a proposed mitigation without backlog, nor on an acceptance, even an expired one', () => {
    expectNoFindings(
      'unmitigated',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing with leaked passwords
              threatens: [confidentiality]
              mitigations:
                - title: Rate-limit sign-in attempts
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
                until: 2020-01-31
      `,
    );
  });

  it("fires when 'mitigations' is an empty list, has no value, or holds no mitigation object", () => {
    expectFindings(
      'unmitigated',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: ⟦AB-stuffing⟧
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations: []
            - id: ⟦AB-phishing⟧
              title: Phishing
              threatens: [confidentiality]
              mitigations:
            - id: ⟦AB-sms⟧
              title: SIM swap
              threatens: [confidentiality]
              mitigations: [Use an authenticator app]
      `,
    );
  });

  it('points at the title, or the first key, of an abuse case without an id', () => {
    const findings = expectFindings(
      'unmitigated',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - title: ⟦Credential stuffing⟧
              threatens: [confidentiality]
            - ⟦threatens⟧: [availability]
      `,
    );
    assert.strictEqual(findings[0].message, 'This abuse case has no mitigations and no risk acceptance.');
  });
});
