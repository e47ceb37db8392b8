import * as assert from 'assert';
import { excerpt, quoted, QUOTED_LENGTH } from '../../server/src/engine/quote';
import { analyse } from '../helpers/engine';

// eslint-disable-next-line no-control-regex -- the characters a message must never carry raw
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('values quoted in messages', () => {
  it('are cut to about 60 characters, the cut marked', () => {
    assert.strictEqual(quoted('RM-7'), "'RM-7'");
    const long = 'x'.repeat(1_000_000);
    assert.strictEqual(excerpt(long).length, QUOTED_LENGTH);
    assert.ok(excerpt(long).endsWith('…'));
    // Characters, not UTF-16 halves: an emoji is never cut in two.
    assert.strictEqual(Array.from(excerpt('🔐'.repeat(100))).length, QUOTED_LENGTH);
    assert.ok(!/[\ud800-\udbff]…/.test(excerpt('🔐'.repeat(100))));
  });

  it('show control and bidirectional characters as escapes, never raw', () => {
    assert.strictEqual(excerpt('a\u202eb\u0000c\nd\te'), 'a\\u{202e}b\\u{0}c\\nd\\te');
  });

  it('in every finding: a 1 MB scalar or a bidirectional override in a value gives a short, clean message', () => {
    const huge = 'A'.repeat(1_000_000);
    const findings = analyse(
      [
        'use_cases:',
        `  - id: UC-\u202eevil`,
        '    title: Sign in',
        '    actor: Customer',
        `    steps: ${huge}`,
        `    data: [pii, "unknown\u202e-class"]`,
        '',
      ].join('\n'),
    );
    assert.ok(findings.length >= 3, findings.map((d) => d.code).join());
    for (const finding of findings) {
      assert.ok(finding.message.length < 400, `${finding.code}: ${finding.message.length} characters`);
      assert.ok(
        !INVISIBLE.test(finding.message),
        `${finding.code} carries an invisible character raw: ${JSON.stringify(finding.message)}`,
      );
    }
    assert.deepStrictEqual(
      new Set(findings.map((d) => d.code)),
      new Set([
        'invalid-id',
        'wrong-type',
        'unknown-data-class',
        'no-abuse-cases',
        'cia-uncovered',
        'privacy-unstated',
      ]),
    );
  });
});
