import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule missing-field', () => {
  it("reports an absent required field on the object's id", () => {
    const [finding] = expectFindings(
      'missing-field',
      `
      use_cases:
        - id: ⟦UC-login⟧
          title: Sign in
          abuse_cases: []
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(finding.message, "This use case has no 'actor'.");
    assert.deepStrictEqual(finding.data, { field: 'actor' });
  });

  it('does not fire when every required field has a value and only optional ones are left out', () => {
    expectNoFindings(
      'missing-field',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
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
              accepted:
                by: Jane Doe (CISO)
                reason: Rate limits are enough for now
                until: 2027-01-31
      `,
    );
  });

  it('reports a field written without a value on its key', () => {
    const findings = expectFindings(
      'missing-field',
      `
      use_cases:
        - id: UC-login
          ⟦title⟧:
          ⟦actor⟧: ""
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      ["'title' of this use case has no value.", "'actor' of this use case has no value."],
    );
    assert.deepStrictEqual(findings[0].data, { field: 'title' });
  });

  it("reports an empty 'threatens' list on its key", () => {
    const [finding] = expectFindings(
      'missing-field',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              ⟦threatens⟧: []
      `,
    );
    assert.strictEqual(finding.message, "'threatens' of this abuse case is an empty list.");
    assert.deepStrictEqual(finding.data, { field: 'threatens' });
  });

  it('reports an absent field on the first key of an object without an id', () => {
    const findings = expectFindings(
      'missing-field',
      `
      backlog:
        - ⟦title⟧: Share a roadmap
          status: todo
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
                  backlog: [RM-1]
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      ["This backlog item has no 'id'.", "This mitigation has no 'title'."],
    );
  });

  it("reports an empty 'id' on its key, and the fields missing beside it on that same key", () => {
    const findings = expectFindings(
      'missing-field',
      `
      backlog:
        - ⟦⟦id⟧⟧:
          status: todo
      `,
    );
    assert.deepStrictEqual(findings.map((d) => d.message).sort(), [
      "'id' of this backlog item has no value.",
      "This backlog item has no 'title'.",
    ]);
  });

  it("reports a risk acceptance without an expiry date on its 'accepted' key", () => {
    const [finding] = expectFindings(
      'missing-field',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              ⟦accepted⟧:
                by: Jane Doe (CISO)
                reason: SMS is the only second factor our customers have
      `,
    );
    assert.strictEqual(finding.message, "This risk acceptance has no 'until'.");
    assert.deepStrictEqual(finding.data, { field: 'until' });
  });

  it('reports every required field of an empty mapping on the key that holds it', () => {
    const findings = expectFindings(
      'missing-field',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              ⟦⟦⟦accepted⟧⟧⟧: {}
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.data?.field),
      ['by', 'reason', 'until'],
    );
  });

  it('leaves a required field of the wrong kind to wrong-type', () => {
    expectNoFindings(
      'missing-field',
      `
      use_cases:
        - id: UC-login
          title: [Sign in]
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: confidentiality
      `,
    );
  });
});
