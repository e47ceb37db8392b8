import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule unplanned-mitigation', () => {
  it('warns on a mitigation that no backlog item builds', () => {
    const [finding] = expectFindings(
      'unplanned-mitigation',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations:
                - title: ⟦Rate-limit sign-in attempts⟧
                  status: planned
      `,
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "No backlog item builds the mitigation 'Rate-limit sign-in attempts': add 'backlog: [ID]'.",
    );
  });

  it('does not fire once a backlog item is named, even one that does not exist (unknown-backlog-item reports that)', () => {
    expectNoFindings(
      'unplanned-mitigation',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations:
                - title: Rate-limit sign-in attempts
                  backlog: [RM-404]
      `,
    );
  });

  it("fires on an empty 'backlog' list, and on one whose only item is empty", () => {
    expectFindings(
      'unplanned-mitigation',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations:
                - title: ⟦Lock accounts⟧
                  backlog: []
                - title: ⟦Monitor sign-ins⟧
                  backlog: [""]
      `,
    );
  });

  it("fires on a 'backlog' written as a single value, beside wrong-type", () => {
    expectFindings(
      'unplanned-mitigation',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations:
                - title: ⟦Captcha⟧
                  backlog: RM-12
      `,
    );
  });

  it('points at the first key of a mitigation without a title, and leaves the title out of the message', () => {
    const [finding] = expectFindings(
      'unplanned-mitigation',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations:
                - ⟦status⟧: planned
      `,
    );
    assert.strictEqual(finding.message, "No backlog item builds the mitigation: add 'backlog: [ID]'.");
  });
});
