import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule cia-uncovered', () => {
  it('warns on the data class that requires a dimension at high when no abuse case threatens it', () => {
    const [integrity] = expectFindings(
      'cia-uncovered',
      `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          data: [⟦payment⟧]
          abuse_cases:
            - id: AB-card-leak
              title: Card numbers leak from the logs
              threatens: [confidentiality, availability]
      `,
    );
    assert.strictEqual(integrity.severity, 'warning');
    assert.match(integrity.message, /Integrity is required at high by the data class 'payment'/);
    assert.deepStrictEqual(integrity.data, { dimension: 'integrity', level: 'high', useCase: 'UC-pay' });
  });

  it('is information for a dimension required at medium', () => {
    const findings = expectFindings(
      'cia-uncovered',
      `
      use_cases:
        - id: UC-log
          title: Review who changed a roadmap
          actor: Admin
          data: [⟦⟦⟦audit-log⟧⟧⟧]
          abuse_cases: []
      `,
    );
    assert.deepStrictEqual(Object.fromEntries(findings.map((d) => [d.data?.dimension, d.severity])), {
      confidentiality: 'information',
      integrity: 'warning',
      availability: 'information',
    });
  });

  it('names the data class that sets the highest level, not the first one listed', () => {
    const findings = expectFindings(
      'cia-uncovered',
      `
      use_cases:
        - id: UC-profile
          title: Edit my profile
          actor: Customer
          data: [telemetry, ⟦⟦pii⟧⟧]
          abuse_cases:
            - id: AB-x
              title: x
              threatens: [availability]
      `,
    );
    assert.match(
      findings.map((d) => d.message).join('\n'),
      /Confidentiality is required at high by the data class 'pii'/,
    );
  });

  it("points at an explicit 'cia:' level, which overrides what the data implies", () => {
    expectFindings(
      'cia-uncovered',
      `
      use_cases:
        - id: UC-status
          title: Read the public status page
          actor: Visitor
          data: [public]
          cia:
            integrity: low
            availability: ⟦high⟧
          abuse_cases:
            - id: AB-deface
              title: The page is defaced
              threatens: [confidentiality]
      `,
    );
  });

  it('does not fire when every required dimension is threatened, or when nothing is required', () => {
    expectNoFindings(
      'cia-uncovered',
      `
      use_cases:
        - id: UC-pay
          title: Pay
          actor: Customer
          data: [payment]
          abuse_cases:
            - id: AB-1
              title: x
              threatens: [confidentiality, integrity]
            - id: AB-2
              title: y
              threatens: [availability]
        - id: UC-telemetry
          title: Send usage data
          actor: App
          data: [telemetry]
          abuse_cases: []
      `,
    );
  });
});
