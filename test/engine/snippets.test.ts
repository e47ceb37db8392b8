import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { analyse } from '../helpers/engine';
import { dedent } from '../helpers/marked';

const SNIPPETS: Record<string, { prefix: string; description: string; body: string[] }> = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../snippets/usecase-yaml.code-snippets'), 'utf8'),
);

/** What the user gets when accepting every default: choices take their first value, variables their value. */
function expand(body: string[], indent: number): string {
  const text = body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$CURRENT_YEAR/g, '2026')
    .replace(/\$\{\d+:((?:[^{}]|\{[^}]*\})*)\}/g, '$1')
    .replace(/\$\d+/g, '');
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? line : ' '.repeat(indent) + line))
    .join('\n');
}

const STRUCTURAL = ['syntax', 'unknown-key', 'missing-field', 'wrong-type', 'invalid-value', 'invalid-id', 'duplicate-id'];

/** Where each snippet goes: a document with a `$SNIPPET` line, and the column it is inserted at. */
const PLACES: Record<string, { document: string; indent: number }> = {
  'usecase-file': { document: '$SNIPPET', indent: 0 },
  'backlog-item': { document: 'backlog:\n  $SNIPPET\n', indent: 2 },
  'use-case': {
    document: 'use_cases:\n  $SNIPPETid: AB-1\n        title: x\n        threatens: [integrity]\n',
    indent: 2,
  },
  'abuse-case-malicious': { document: dedent(`
    use_cases:
      - id: UC-1
        title: Sign in
        actor: Customer
        abuse_cases:
          $SNIPPET
  `), indent: 6 },
  mitigation: { document: dedent(`
    backlog:
      - id: RM-1
        title: Rate limiting
    use_cases:
      - id: UC-1
        title: Sign in
        actor: Customer
        abuse_cases:
          - id: AB-1
            title: Credential stuffing
            threatens: [confidentiality]
            mitigations:
              $SNIPPET
  `), indent: 10 },
  accepted: { document: dedent(`
    use_cases:
      - id: UC-1
        title: Sign in
        actor: Customer
        abuse_cases:
          - id: AB-1
            title: Credential stuffing
            threatens: [confidentiality]
            $SNIPPET
  `), indent: 8 },
};
PLACES['abuse-case-unwitting'] = PLACES['abuse-case-malicious'];

describe('snippets', () => {
  it('cover a new file, a backlog item, a use case, malicious and unwitting abuse cases, a mitigation and a risk acceptance', () => {
    assert.deepStrictEqual(Object.values(SNIPPETS).map((s) => s.prefix).sort(), Object.keys(PLACES).sort());
  });

  for (const [name, snippet] of Object.entries(SNIPPETS)) {
    it(`"${name}" gives a well-formed document when its defaults are accepted`, () => {
      const place = PLACES[snippet.prefix];
      const text = place.document.replace('$SNIPPET', expand(snippet.body, place.indent));
      const structural = analyse(text, {}, '2026-11-24').filter((d) => STRUCTURAL.includes(d.code));
      assert.deepStrictEqual(structural.map((d) => `${d.code}: ${d.message}`), [], text);
      assert.ok(snippet.description.length > 10);
    });
  }
});
