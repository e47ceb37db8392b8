import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule invalid-id', () => {
  it('reports an id that starts with a digit, and one with a space', () => {
    const findings = expectFindings(
      'invalid-id',
      `
      backlog:
        - id: ⟦1bad⟧
          title: Share a roadmap
        - id: ⟦has space⟧
          title: Revoke a link
      `,
    );
    assert.strictEqual(findings[0].severity, 'error');
    assert.strictEqual(
      findings[0].message,
      "'1bad' is not a valid id: start with a letter (A-Z, a-z), then use only letters, digits, '_', '.' or '-'.",
    );
    assert.match(findings[1].message, /^'has space' is not a valid id/);
  });

  it('does not fire on ids of letters, digits, underscores, dots and dashes that start with a letter', () => {
    expectNoFindings(
      'invalid-id',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
        - id: r
          title: One letter is enough
        - id: Sprint_20.story-3
          title: Every allowed character
      use_cases:
        - id: UC.share
          title: Share a roadmap
          actor: Product manager
          backlog: [1bad]
          abuse_cases:
            - id: AB_forwarded
              title: The link is forwarded
              threatens: [confidentiality]
      `,
    );
  });

  it('checks the ids of backlog items, use cases and abuse cases', () => {
    const findings = expectFindings(
      'invalid-id',
      `
      backlog:
        - id: ⟦101⟧
          title: Share a roadmap
      use_cases:
        - id: ⟦UC/share⟧
          title: Share a roadmap
          actor: Product manager
          abuse_cases:
            - id: ⟦"-forwarded"⟧
              title: The link is forwarded
              threatens: [confidentiality]
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message.split(' is not')[0]),
      ["'101'", "'UC/share'", "'-forwarded'"],
    );
  });

  it('accepts ASCII letters only', () => {
    expectFindings(
      'invalid-id',
      `
      backlog:
        - id: ⟦Évènement-1⟧
          title: Share a roadmap
      `,
    );
  });

  it('leaves an id of the wrong kind to wrong-type', () => {
    expectNoFindings(
      'invalid-id',
      `
      backlog:
        - id: [RM 1]
          title: Share a roadmap
      `,
    );
  });
});
