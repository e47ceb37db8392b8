import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule unknown-key', () => {
  it('warns on a misspelt key and suggests the key that was meant', () => {
    const [finding] = expectFindings(
      'unknown-key',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          ⟦actr⟧: Customer
      `,
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(finding.message, "Unknown key 'actr' in a use case. Did you mean 'actor'?");
    assert.deepStrictEqual(finding.data, { suggestion: 'actor' });
  });

  it('lists the allowed keys when no key is close', () => {
    const [finding] = expectFindings(
      'unknown-key',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          ⟦priority⟧: high
      `,
    );
    assert.strictEqual(
      finding.message,
      "Unknown key 'priority' in a use case. Expected one of: id, title, actor, description, backlog, data, cia, steps, vendors, lawful_basis, retention, special_category_condition, abuse_cases.",
    );
    assert.strictEqual(finding.data, undefined);
  });

  it('does not fire on a file that uses every key of the format, spelt right', () => {
    expectNoFindings(
      'unknown-key',
      `
      product: Roadmaps
      backlog:
        - id: RM-1
          title: Share a roadmap
          type: epic
          status: in-progress
          sprint: 2026.20
          points: 8
          security: true
          parent: RM-0
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          description: Through a private link.
          backlog: [RM-1]
          data: [internal]
          cia:
            confidentiality: high
            integrity: medium
            availability: low
          steps: [Open the roadmap, Copy the link]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              actor: Former employee
              intent: malicious
              description: The link keeps working after they leave.
              threatens: [confidentiality]
              template: link-leak
              likelihood: likely
              impact: major
              mitigations:
                - title: Links expire
                  backlog: [RM-1]
                  status: planned
                  controls: [iso27001:a.9]
              accepted:
                by: Jane Doe (CISO)
                reason: Links are needed for the beta
                until: 2027-01-31
      `,
    );
  });

  it('knows the keys of every kind of object, and names the object in the message', () => {
    const findings = expectFindings(
      'unknown-key',
      `
      ⟦prodct⟧: Roadmaps
      backlog:
        - id: RM-1
          title: Share a roadmap
          ⟦staus⟧: done
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          cia:
            ⟦integrty⟧: high
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              ⟦threatns⟧: [confidentiality]
              mitigations:
                - title: Links expire
                  ⟦backlg⟧: [RM-1]
              accepted:
                by: Jane Doe (CISO)
                ⟦reasn⟧: Links are needed for the beta
                until: 2027-01-31
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        "Unknown key 'prodct' in a use-case file. Did you mean 'product'?",
        "Unknown key 'staus' in a backlog item. Did you mean 'status'?",
        "Unknown key 'integrty' in a CIA requirement. Did you mean 'integrity'?",
        "Unknown key 'threatns' in an abuse case. Did you mean 'threatens'?",
        "Unknown key 'backlg' in a mitigation. Did you mean 'backlog'?",
        "Unknown key 'reasn' in a risk acceptance. Did you mean 'reason'?",
      ],
    );
  });

  it('lists the allowed keys of every kind of object when nothing is close', () => {
    const findings = expectFindings(
      'unknown-key',
      `
      ⟦owner⟧: Planning team
      backlog:
        - id: RM-1
          title: Share a roadmap
          ⟦assignee⟧: Bob
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          cia:
            ⟦secrecy⟧: high
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
              ⟦severity⟧: high
              mitigations:
                - title: Links expire
                  ⟦owner⟧: Bob
              accepted:
                by: Jane Doe (CISO)
                reason: Links are needed for the beta
                until: 2027-01-31
                ⟦signed⟧: yes
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      [
        "Unknown key 'owner' in a use-case file. Expected one of: product, backlog, use_cases, vendors, feedback.",
        "Unknown key 'assignee' in a backlog item. Expected one of: id, title, type, status, sprint, points, security, parent, answers, recurs, last_done, source, release.",
        "Unknown key 'secrecy' in a CIA requirement. Expected one of: confidentiality, integrity, availability.",
        "Unknown key 'severity' in an abuse case. Expected one of: id, title, actor, intent, description, threatens, template, likelihood, impact, mitigations, accepted.",
        "Unknown key 'owner' in a mitigation. Expected one of: title, backlog, status, controls, answers, verified_on, reverify_every.",
        "Unknown key 'signed' in a risk acceptance. Expected one of: by, reason, until.",
      ],
    );
    assert.ok(findings.every((d) => d.data === undefined));
  });

  it('does not suggest a key the object already has', () => {
    const [finding] = expectFindings(
      'unknown-key',
      `
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: Links are needed for the beta
                until: 2027-01-31
                ⟦untl⟧: 2027-06-30
      `,
    );
    assert.strictEqual(finding.message, "Unknown key 'untl' in a risk acceptance. Expected one of: by, reason, until.");
    assert.strictEqual(finding.data, undefined);
  });

  it('suggests the one key that a half-typed key starts', () => {
    const [finding] = expectFindings(
      'unknown-key',
      `
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
              ⟦mitig⟧:
      `,
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'mitigations' });
  });

  it('reports keys that are not text, such as numbers and booleans', () => {
    const findings = expectFindings(
      'unknown-key',
      `
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          ⟦1⟧: Open the roadmap
          ⟦true⟧: yes
      `,
    );
    assert.match(findings[0].message, /^Unknown key '1' in a use case\. Expected one of: id, title/);
    assert.match(findings[1].message, /^Unknown key 'true' in a use case\./);
  });

  it('reports an unknown key once, not the keys inside its value', () => {
    expectFindings(
      'unknown-key',
      `
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          ⟦extra⟧:
            titel: Not looked into
            actr: Nor this
      `,
    );
  });
});
