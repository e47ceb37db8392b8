import * as assert from 'assert';
import { analyse, expectFindings, expectNoFindings } from '../../helpers/engine';

describe('rule syntax', () => {
  it("reports the YAML parser's own message at the character where parsing failed", () => {
    const [finding] = expectFindings(
      'syntax',
      `
      use_cases:
        - id: UC-login
          backlog: [RM-1
          ⟦t⟧itle: Sign in
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.match(finding.message, /^Flow sequence in block collection must be sufficiently indented and end with a \]/);
  });

  it('does not fire once the list is closed, nor on colons and hashes inside quotes', () => {
    expectNoFindings(
      'syntax',
      `
      use_cases:
        - id: UC-login
          backlog: [RM-1]
          title: "Sign in: fast # really"
          actor: 'Customer: the one who pays'
      `,
    );
  });

  it('reports a key written twice on the repeated key', () => {
    const [finding] = expectFindings(
      'syntax',
      `
      product: Roadmaps
      ⟦p⟧roduct: Roadmaps Pro
      `,
    );
    assert.match(finding.message, /Map keys must be unique/);
  });

  it('reports a tab used as indentation', () => {
    const [finding] = expectFindings(
      'syntax',
      `
      product: Roadmaps
      ⟦\t⟧backlog: []
      `,
    );
    assert.match(finding.message, /Tabs are not allowed as indentation/);
  });

  it('reports each problem when there are several', () => {
    const findings = expectFindings(
      'syntax',
      `
      product: ⟦⟦R⟧oadmaps
        team⟧: Planning
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      ['Nested mappings are not allowed in compact mappings', 'Implicit keys need to be on a single line'],
    );
  });

  it('points a problem found at the end of the file at its last written character', () => {
    const [finding] = expectFindings(
      'syntax',
      `
      use_cases:
        - id: UC-login
          backlog: [RM-⟦1⟧
      `,
    );
    assert.match(finding.message, /end with a \]/);
  });

  it('points an unclosed quote at the last written character, not past the end of the file', () => {
    const [finding] = expectFindings(
      'syntax',
      `
      use_cases:
        - id: UC-login
          title: "Sign in
          actor: Custome⟦r⟧
      `,
    );
    assert.strictEqual(finding.message, 'Missing closing "quote');
  });

  it('refuses a file nested deeper than any real one, instead of exhausting the parser', () => {
    const text = `use_cases: ${'['.repeat(5000)}`;
    const findings = analyse(text);
    assert.deepStrictEqual(
      findings.map((d) => [d.code, d.message, d.range.start]),
      [['syntax', 'This file nests more than 100 levels deep; it is not analysed.', 'use_cases: '.length + 100]],
    );
  });

  it('does not count brackets inside quotes or comments as nesting', () => {
    const text = `product: "${'['.repeat(200)}" # ${'{'.repeat(200)}\n`;
    assert.deepStrictEqual(analyse(text), []);
  });

  it('says in its own words that a file holds a second document, where it starts', () => {
    const [finding] = expectFindings(
      'syntax',
      `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
      ⟦---
      use_cases: []⟧
      `,
    );
    assert.match(finding.message, /^This file holds a second YAML document, which starts here \(at `---`\)/);
    assert.ok(!finding.message.includes('parseAllDocuments'), finding.message);
  });

  it('quotes a few words of a stray line, with a terminal escape shown as an escape, not sent to the terminal', () => {
    const stray = `Ro\u001b[31madmap items carry fields meant for the team only, ${'and more '.repeat(20)}`;
    const text = `use_cases:\n  - id: UC-x\n    description: >\n >     ${stray}\n      more text\n`;
    const messages = analyse(text)
      .filter((finding) => finding.code === 'syntax')
      .map((finding) => finding.message);
    const token = messages.find((message) => message.startsWith('Not a YAML token: '));
    assert.ok(token, messages.join('\n'));
    // eslint-disable-next-line no-control-regex -- the escape character is what must not be there
    assert.ok(!/\u001b/.test(token), token);
    assert.match(token, /^Not a YAML token: Ro\\u\{1b\}\[31madmap items carry .{20,50}…$/);
  });
});
