import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule acceptance-expired', () => {
  it("warns on an acceptance's 'until' once that day has passed", () => {
    const [finding] = expectFindings(
      'acceptance-expired',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
                until: ⟦2027-01-31⟧
      `,
      {},
      '2027-02-01',
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "The risk acceptance of 'AB-sms' expired on 2027-01-31: mitigate the abuse case or renew the acceptance.",
    );
  });

  it('does not fire on the last day of the acceptance, nor before', () => {
    const source = `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
                until: 2027-01-31
    `;
    expectNoFindings('acceptance-expired', source, {}, '2027-01-31');
    expectNoFindings('acceptance-expired', source, {}, '2026-12-31');
  });

  it('compares against today by default (2026-11-24 in the tests)', () => {
    expectFindings(
      'acceptance-expired',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
                until: ⟦2026-11-23⟧
            - id: AB-voice
              title: Voice codes are phished
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: Rarely used
                until: 2026-11-24
      `,
    );
  });

  it('covers a quoted date with its quotes, and leaves the id out of the message when there is none', () => {
    const [finding] = expectFindings(
      'acceptance-expired',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
                until: ⟦"2020-01-31"⟧
      `,
    );
    assert.strictEqual(
      finding.message,
      'The risk acceptance expired on 2020-01-31: mitigate the abuse case or renew the acceptance.',
    );
  });

  it('leaves a malformed date to invalid-value, even one long past', () => {
    expectNoFindings(
      'acceptance-expired',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
                until: 2020-02-30
            - id: AB-voice
              title: Voice codes are phished
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: Rarely used
                until: 31/01/2020
      `,
    );
  });
});
