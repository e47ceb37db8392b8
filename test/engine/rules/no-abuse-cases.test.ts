import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule no-abuse-cases', () => {
  it("warns on the use case's id when it has no 'abuse_cases'", () => {
    const [finding] = expectFindings(
      'no-abuse-cases',
      `
      use_cases:
        - id: ⟦UC-export⟧
          title: Export a roadmap as CSV
          actor: Product manager
      `,
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "'UC-export' has no abuse cases: how could an attacker or a careless user turn it against the product?",
    );
  });

  it('does not fire on a use case with one abuse case, however unfinished', () => {
    expectNoFindings(
      'no-abuse-cases',
      `
      use_cases:
        - id: UC-export
          title: Export a roadmap as CSV
          actor: Product manager
          abuse_cases:
            - title: A departing employee exports every roadmap
      `,
    );
  });

  it("warns on the 'abuse_cases' key when the list is empty or has no value", () => {
    expectFindings(
      'no-abuse-cases',
      `
      use_cases:
        - id: UC-export
          title: Export a roadmap as CSV
          actor: Product manager
          ⟦abuse_cases⟧: []
        - id: UC-import
          title: Import a roadmap
          actor: Product manager
          ⟦abuse_cases⟧:
      `,
    );
  });

  it('warns on the title, or the first key, of a use case without an id', () => {
    const findings = expectFindings(
      'no-abuse-cases',
      `
      use_cases:
        - title: ⟦Export a roadmap as CSV⟧
          actor: Product manager
        - ⟦actor⟧: Product manager
      `,
    );
    assert.match(findings[0].message, /^This use case has no abuse cases:/);
  });

  it("also warns when 'abuse_cases' holds no abuse case object (wrong-type reports the items)", () => {
    expectFindings(
      'no-abuse-cases',
      `
      use_cases:
        - id: UC-export
          title: Export a roadmap as CSV
          actor: Product manager
          ⟦abuse_cases⟧: [Mass export]
      `,
    );
  });
});
