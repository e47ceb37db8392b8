import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule wrong-type', () => {
  it("reports a single dimension where 'threatens' expects a list, and shows the list to write", () => {
    const [finding] = expectFindings(
      'wrong-type',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: ⟦confidentiality⟧
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(
      finding.message,
      `'threatens' expects a list (for one item: [confidentiality]), not the text "confidentiality".`,
    );
  });

  it('does not fire on values of the right kind, including text that looks like a number', () => {
    expectNoFindings(
      'wrong-type',
      `
      product: 2026
      backlog:
        - id: RM-1
          title: 404 page
          sprint: 2026.20
          points: 2.5
          security: false
        - id: RM-2
          title: Empty estimate
          points: 0
          security:
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          backlog: [RM-1]
          data: []
          cia: {}
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [confidentiality]
              mitigations: []
      `,
    );
  });

  it('reports text where a number or true/false is expected', () => {
    const findings = expectFindings(
      'wrong-type',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          points: ⟦five⟧
          security: ⟦yes-please⟧
        - id: RM-2
          title: Revoke a link
          points: ⟦"3"⟧
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        `'points' expects a number, not the text "five".`,
        `'security' expects true or false, not the text "yes-please".`,
        `'points' expects a number, not the text "3".`,
      ],
    );
  });

  it("reports a mapping where 'abuse_cases' expects a list", () => {
    const [finding] = expectFindings(
      'wrong-type',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases: ⟦{}⟧
      `,
    );
    assert.strictEqual(finding.message, "'abuse_cases' expects a list (for one item: [...]), not a mapping.");
  });

  it('reports a list or a mapping where a single value is expected', () => {
    const findings = expectFindings(
      'wrong-type',
      `
      product: ⟦[Roadmaps]⟧
      backlog:
        - id: RM-1
          title: ⟦{ text: Share a roadmap }⟧
          parent: ⟦[RM-0]⟧
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          abuse_cases:
            - id: AB-stuffing
              title: Credential stuffing
              threatens: [⟦[confidentiality]⟧]
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        "'product' expects a single value, not a list.",
        "'title' expects a single value, not a mapping.",
        "'parent' expects a single value, not a list.",
        "'threatens' expects a single value, not a list.",
      ],
    );
  });

  it('reports text where an object is expected, naming the object', () => {
    const findings = expectFindings(
      'wrong-type',
      `
      backlog:
        - ⟦RM-1⟧
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          cia: ⟦high⟧
          abuse_cases:
            - ⟦Credential stuffing⟧
            - id: AB-sms
              title: SIM swap defeats SMS codes
              threatens: [confidentiality]
              mitigations:
                - ⟦Rate-limit sign-in attempts⟧
              accepted: ⟦yes⟧
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        `'backlog' expects a mapping (a backlog item), not the text "RM-1".`,
        `'cia' expects a mapping (a CIA requirement), not the text "high".`,
        `'abuse_cases' expects a mapping (an abuse case), not the text "Credential stuffing".`,
        `'mitigations' expects a mapping (a mitigation), not the text "Rate-limit sign-in attempts".`,
        `'accepted' expects a mapping (a risk acceptance), not the text "yes".`,
      ],
    );
  });

  it('reports a file whose root is a list, over the whole file', () => {
    const [finding] = expectFindings(
      'wrong-type',
      `
      ⟦- id: UC-login
        title: Sign in
      ⟧`,
    );
    assert.strictEqual(
      finding.message,
      "A use-case file is a mapping with 'product', 'backlog', 'use_cases', 'vendors' and 'feedback', not a list.",
    );
  });

  it('reports a file that is a single value', () => {
    const [finding] = expectFindings(
      'wrong-type',
      `
      ⟦just some notes⟧
      `,
    );
    assert.match(finding.message, /not the text "just some notes"\.$/);
  });

  it('does not fire on an empty file or a file of comments only', () => {
    expectNoFindings('wrong-type', '');
    expectNoFindings(
      'wrong-type',
      `
      # use cases of the roadmap sharing, to be written
      `,
    );
  });
});
