import * as assert from 'assert';
import { analyse, expectFindings, expectNoFindings } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

describe('rule invalid-value', () => {
  it('reports a misspelt CIA dimension and suggests the right one', () => {
    const [finding] = expectFindings(
      'invalid-value',
      `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          abuse_cases:
            - id: AB-tamper
              title: The amount is changed in transit
              threatens: [confidentiality, ⟦integrty⟧]
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(
      finding.message,
      "'integrty' is not a valid value for 'threatens'. Did you mean 'integrity'? Expected one of: confidentiality, integrity, availability.",
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'integrity' });
  });

  it('does not fire on allowed values, a zero estimate, a leap day or an empty value', () => {
    expectNoFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          type: spike
          status: in-progress
          points: 0
        - id: RM-2
          title: Revoke a link
          status:
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          cia:
            availability: none
          abuse_cases:
            - id: AB-tamper
              title: The amount is changed in transit
              threatens: [integrity, availability]
              intent: unwitting
              likelihood: almost-certain
              impact: severe
              mitigations:
                - title: Sign the amount
                  status: verified
              accepted:
                by: Jane Doe (CISO)
                reason: Signing ships next quarter
                until: 2028-02-29
      `,
    );
  });

  it('lists the allowed values without a suggestion when none is close', () => {
    const [finding] = expectFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          status: ⟦finished⟧
      `,
    );
    assert.strictEqual(
      finding.message,
      "'finished' is not a valid value for 'status'. Expected one of: todo, in-progress, done.",
    );
    assert.strictEqual(finding.data, undefined);
  });

  it('suggests the value in the right case', () => {
    const [finding] = expectFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          status: ⟦Done⟧
      `,
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'done' });
  });

  it('checks every enumerated field against its own values', () => {
    const findings = expectFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          type: ⟦feature⟧
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          cia:
            integrity: ⟦critical⟧
          abuse_cases:
            - id: AB-tamper
              title: The amount is changed in transit
              threatens: [integrity]
              intent: ⟦malicous⟧
              likelihood: ⟦likley⟧
              impact: ⟦catastrophic⟧
              mitigations:
                - title: Sign the amount
                  status: ⟦implmented⟧
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => [d.message.match(/for '([a-z]+)'/)?.[1], d.data?.suggestion]),
      [
        ['type', undefined],
        ['integrity', undefined],
        ['intent', 'malicious'],
        ['likelihood', 'likely'],
        ['impact', undefined],
        ['status', 'implemented'],
      ],
    );
    assert.match(findings[1].message, /Expected one of: none, low, medium, high\.$/);
    assert.match(findings[5].message, /Expected one of: proposed, planned, implemented, verified\.$/);
  });

  it('reports a negative estimate', () => {
    const [finding] = expectFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          points: ⟦-1⟧
      `,
    );
    assert.strictEqual(finding.message, "'points' must be a finite number >= 0, not -1.");
  });

  it('reports an infinite, not-a-number or overflowing estimate, which never reaches a sum', () => {
    const source = `
      backlog:
        - id: RM-1
          title: Share a roadmap
          sprint: "42"
          points: ⟦.inf⟧
        - id: RM-2
          title: Expire links
          sprint: "42"
          points: ⟦.nan⟧
          security: true
        - id: RM-3
          title: Revoke links
          sprint: "42"
          points: ⟦1e400⟧
        - id: RM-4
          title: Audit links
          sprint: "42"
          points: ⟦-.inf⟧
        - id: RM-5
          title: Tidy up
          sprint: "42"
          points: 3
    `;
    const findings = expectFindings('invalid-value', source);
    assert.deepStrictEqual(
      findings.map((finding) => finding.message),
      ['.inf', '.nan', '1e400', '-.inf'].map((written) => `'points' must be a finite number >= 0, not ${written}.`),
    );
    // The sprint's sum counts only the valid estimate: 3 points, none of them security work.
    const capacity = analyse(dedent(source).replace(/[⟦⟧]/g, '')).find(
      (finding) => finding.code === 'security-capacity',
    );
    assert.match(capacity?.message ?? '', /spends 0 of 3 points/);
  });

  it('reports a date that does not exist, or is not written YYYY-MM-DD', () => {
    const findings = expectFindings(
      'invalid-value',
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
                until: ⟦2027-02-30⟧
            - id: AB-voice
              title: Voice codes are phished
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: Rarely used
                until: ⟦31/01/2027⟧
            - id: AB-email
              title: E-mail codes are read by a partner
              threatens: [confidentiality]
              accepted:
                by: Jane Doe (CISO)
                reason: Rarely used
                until: ⟦2027-1-5⟧
      `,
    );
    assert.strictEqual(
      findings[0].message,
      "'2027-02-30' is not a valid date; write it as YYYY-MM-DD, e.g. 2027-03-31.",
    );
    assert.match(findings[1].message, /^'31\/01\/2027' is not a valid date/);
    assert.match(findings[2].message, /^'2027-1-5' is not a valid date/);
  });

  it('leaves values of the wrong kind to wrong-type', () => {
    expectNoFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          status: [done]
          points: five
      `,
    );
  });

  it('suggests the value when two neighbouring letters are swapped', () => {
    const [finding] = expectFindings(
      'invalid-value',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          type: ⟦stroy⟧
      `,
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'story' });
  });

  it('names the expected form of a malformed review date and of a malformed retention', () => {
    const findings = expectFindings(
      'invalid-value',
      `
      vendors:
        - id: mailer
          name: Mailer
          review:
            by: Dana
            on: ⟦2026-13-01⟧
            until: 2027-01-01
      use_cases:
        - id: UC-1
          title: Sign up
          actor: Visitor
          data: [pii]
          lawful_basis: contract
          retention: ⟦two years⟧
      `,
    );
    assert.match(findings[0].message, /YYYY-MM-DD/);
    assert.match(findings[1].message, /a duration \(30d, 12w, 6m, 1y\) or one of until-account-deleted/);
  });
});
