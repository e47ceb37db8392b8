import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule ignored-tag', () => {
  it('says that a custom tag is not acted on, on the tag and its value, and the value counts as written', () => {
    const findings = expectFindings(
      'ignored-tag',
      `
      use_cases:
        - id: UC-login
          title: ⟦!include titles/login.txt⟧
          actor: ⟦!!js/function Customer⟧
          abuse_cases: []
      `,
    );
    assert.deepStrictEqual(
      findings.map((finding) => [finding.severity, finding.message]),
      [
        ['information', 'The tag `!include` is not acted on: the value is read as what is written after it.'],
        ['information', 'The tag `!!js/function` is not acted on: the value is read as what is written after it.'],
      ],
    );
  });

  it("does not report YAML's own plain tags", () => {
    expectNoFindings(
      'ignored-tag',
      `
      use_cases:
        - id: !!str UC-login
          title: Sign in
          actor: Customer
      `,
    );
  });
});
