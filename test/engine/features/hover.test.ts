import * as assert from 'assert';
import { Hover, hoverAt } from '../../../server/src/engine/features/hover';
import { MAIN_URI } from '../../helpers/engine';
import { BACKLOG_URI, TEAM_CATALOG_URI, workspaceWith } from '../../helpers/features';
import { dedent, marked } from '../../helpers/marked';

/**
 * Hovers at the `|` of the document and checks that the hover covers exactly
 * the ⟦marked⟧ node; returns its contents.
 */
function hover(source: string, others: Record<string, string> = {}): string {
  const { text, ranges, cursor } = marked(dedent(source), { cursor: true });
  const found = hoverAt(workspaceWith(text, others), MAIN_URI, cursor!);
  assert.ok(found, 'a hover');
  assert.strictEqual(ranges.length, 1, 'the test marks the hovered node');
  assert.strictEqual(
    JSON.stringify(text.slice(found.range.start, found.range.end)),
    JSON.stringify(text.slice(ranges[0].start, ranges[0].end)),
  );
  assert.deepStrictEqual(found.range, ranges[0]);
  return found.contents;
}

function noHover(source: string): Hover | undefined {
  const { text, cursor } = marked(dedent(source), { cursor: true });
  return hoverAt(workspaceWith(text), MAIN_URI, cursor!);
}

const RULE_DOCS = 'https://github.com/abuse-cases/abuse-cases/blob/main/docs/rules/';

/** A use case touching payment data whose abuse cases threaten all three dimensions, so that no finding adds to the hovers. */
const covered = (lines: { useCase?: string; threatens?: string; abuseCase?: string }) => `
  use_cases:
    - id: UC-pay
      title: Pay an invoice
      actor: Customer
      data: [payment]
      ${lines.useCase ?? ''}
      abuse_cases:
        - id: AB-tamper
          title: The amount is changed in transit
          threatens: ${lines.threatens ?? '[confidentiality, integrity, availability]'}
          likelihood: possible
          impact: major
          ${lines.abuseCase ?? ''}
          mitigations:
            - title: Sign payment requests
              status: implemented
`;

describe('hover', () => {
  it('explains a CIA dimension in threatens with its NIST definition and an example', () => {
    const contents = hover(covered({ threatens: '[confidentiality, ⟦integ|rity⟧, availability]' }));
    assert.strictEqual(
      contents,
      '**Integrity** — Guarding against improper information modification or destruction, and includes ensuring information non-repudiation and authenticity. *(NIST)*\n\n' +
        'For example: An attacker who changes the amount of a payment, or an admin who edits a record without a trace, breaks integrity.',
    );
  });

  it("explains a dimension's key under cia:, and a level as the harm of a loss", () => {
    const level = hover(covered({ useCase: 'cia:\n        availability: ⟦hi|gh⟧' }));
    assert.strictEqual(
      level,
      '**high** availability — A loss would have a severe or catastrophic adverse effect. Some abuse case must threaten this dimension (warning otherwise).',
    );
    const key = hover(covered({ useCase: 'cia:\n        ⟦avail|ability⟧: high' }));
    assert.match(
      key,
      /^\*\*Availability\*\* — Ensuring timely and reliable access to and use of information\. \*\(NIST\)\*/,
    );
    assert.match(key, /For example: /);
  });

  it('shows what a data class requires, as a table', () => {
    const contents = hover(covered({}).replace('data: [payment]', 'data: [⟦pay|ment⟧]'));
    assert.strictEqual(
      contents,
      [
        '**payment** — Card numbers, bank details and payment instructions.',
        '',
        '| Confidentiality | Integrity | Availability |',
        '| --- | --- | --- |',
        '| high | high | medium |',
        '',
        'Personal data (GDPR).',
        '',
        'A use case touching this data requires at least these levels; medium and high ones need an abuse case.',
      ].join('\n'),
    );
  });

  it('describes a template with its references and suggested mitigations', () => {
    const contents = hover(covered({ abuseCase: 'template: ⟦credential-stuff|ing⟧' }));
    const lines = contents.split('\n');
    assert.strictEqual(
      lines[0],
      '**Attackers take over accounts by replaying passwords leaked from other sites** `credential-stuffing`',
    );
    assert.ok(lines.includes('- Threatens: confidentiality, integrity'));
    assert.ok(
      lines.includes(
        '- References: [CAPEC-600](https://capec.mitre.org/data/definitions/600.html), [CWE-307](https://cwe.mitre.org/data/definitions/307.html)',
      ),
      contents,
    );
    const suggested = lines.slice(lines.indexOf('Suggested mitigations:') + 1);
    assert.strictEqual(suggested.length, 3);
    assert.strictEqual(
      suggested[1],
      '- Rate-limit sign-in attempts per account and per IP address, with a growing delay (`asvs:V2.2.1`, `nist-800-53:AC-7`)',
    );
  });

  it('says why a template claims more than its CAPEC patterns name', () => {
    const lines = hover(covered({ abuseCase: 'template: ⟦id|or⟧' })).split('\n');
    assert.ok(
      lines.includes(
        "- Beyond CAPEC's consequences: The same unchecked id in update or delete requests lets the user change other customers' records; CAPEC-87 lists only reading.",
      ),
      lines.join('\n'),
    );
  });

  it("marks a team catalog's template as such", () => {
    const contents = hover(covered({ abuseCase: 'template: ⟦invoice-|forgery⟧' }), {
      [TEAM_CATALOG_URI]: `
        templates:
          - id: invoice-forgery
            title: A forged invoice is paid
            description: A supplier's invoice is forged and paid.
            intent: malicious
            actor: Fraudster
            threatens: [integrity]
            stride: tampering
            data: [payment]
            mitigations:
              - title: Check new payees by phone
      `,
    });
    assert.match(
      contents,
      /^\*\*A forged invoice is paid\*\* `invoice-forgery` \*\(team catalog\)\*\n\nA supplier's invoice is forged and paid\./,
    );
    assert.match(contents, /- STRIDE: Tampering \(changing data or code\)/);
    assert.match(contents, /Suggested mitigations:\n- Check new payees by phone$/);
  });

  it('shows a backlog item defined in another file: title, type, status, sprint', () => {
    const contents = hover(covered({ useCase: 'backlog: [RM-7, ⟦RM-1|01⟧]' }), {
      [BACKLOG_URI]: `
        backlog:
          - id: RM-7
            title: Payments epic
            type: epic
          - id: RM-101
            title: Pay an invoice by card
            status: in-progress
            sprint: "2026.23"
            points: 5
            security: true
            parent: RM-7
      `,
    });
    assert.strictEqual(
      contents,
      '**RM-101** Pay an invoice by card\n\nstory · in-progress · sprint 2026.23 · 5 points · security work\n\n' +
        'Builds `UC-pay` Pay an invoice.\n\nEvery abuse case of what it builds is mitigated or accepted.',
    );
  });

  it('says what a done backlog item shipped with: its open abuse cases, the use cases it builds, the mitigations it carries', () => {
    const contents = hover(`
      backlog:
        - id: ⟦RM-3|01⟧
          title: Share a roadmap through a private link
          status: done
          sprint: "42"
          points: 5
      use_cases:
        - id: UC-share-link
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-301]
          abuse_cases:
            - id: AB-link-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
            - id: AB-fields-shown
              title: Internal fields are shown
              threatens: [confidentiality, integrity]
              mitigations:
                - title: Links expire after 30 days
                  backlog: [RM-301]
                  status: planned
            - id: AB-closed
              title: Old links keep working
              threatens: [confidentiality]
              mitigations:
                - title: Owners revoke links
                  status: verified
    `);
    assert.strictEqual(
      contents.split('\n\n---\n\n')[0],
      [
        '**RM-301** Share a roadmap through a private link',
        'story · done · sprint 42 · 5 points · security work',
        'Builds `UC-share-link` Share a roadmap.',
        '**Shipped with 2 open abuse cases**: `AB-link-forwarded` (confidentiality), `AB-fields-shown` (confidentiality, integrity).',
        'Carries the mitigation “Links expire after 30 days” (planned) against `AB-fields-shown`.',
      ].join('\n\n'),
    );
  });

  it('describes a key, saying whether it is required', () => {
    assert.strictEqual(
      hover(covered({}).replace('actor: Customer', '⟦act|or⟧: Customer')),
      '**actor** (required) — The legitimate user.',
    );
    assert.strictEqual(
      hover(covered({ abuseCase: '⟦inte|nt⟧: unwitting' })),
      '**intent** (optional, default `malicious`) — Whether the actor means harm (malicious) or causes it by mistake (unwitting).',
    );
    assert.strictEqual(
      hover(covered({}).replace('likelihood', '⟦likelihood|⟧')),
      '**likelihood** (optional) — How likely the abuse is.',
    );
  });

  it('appends the description and documentation link of the rules whose findings cover the word', () => {
    const typo = hover(covered({ threatens: '[confidentiality, ⟦integ|rty⟧, availability]' }));
    assert.strictEqual(
      typo,
      '`invalid-value` — A value outside what the field allows: an unknown CIA dimension or status, a negative estimate, a malformed date or duration, a review that ends before it was done. ' +
        `[Rule documentation](${RULE_DOCS}invalid-value.md)`,
    );

    // A word with a meaning and a finding gets both, the meaning first.
    const uncovered = hover(
      covered({ threatens: '[confidentiality, availability]' }).replace('data: [payment]', 'data: [⟦pay|ment⟧]'),
    );
    const [meaning, finding, ...rest] = uncovered.split('\n\n---\n\n');
    assert.deepStrictEqual(rest, []);
    assert.match(meaning, /^\*\*payment\*\* — /);
    assert.match(
      finding,
      /^`cia-uncovered` — A CIA dimension the use case requires at medium or high that none of its abuse cases threatens/,
    );
    assert.ok(finding.endsWith(`[Rule documentation](${RULE_DOCS}cia-uncovered.md)`), finding);
  });

  it('says nothing on blank space or on a value without a meaning of its own', () => {
    assert.strictEqual(noHover(covered({}).replace('      abuse_cases:', '  |\n      abuse_cases:')), undefined);
    assert.strictEqual(noHover(covered({}).replace('Pay an invoice', 'Pay an in|voice')), undefined);
    assert.strictEqual(noHover(covered({}).replace('Pay an invoice', 'Pay an invoice # by card|')), undefined);
  });

  it('explains a capability of answers: with its question, when it applies, what answers it, and where the product stands', () => {
    const contents = hover(`
      product: Notes
      backlog:
        - id: NT-1
          title: Nightly backups
          status: done
          answers: [⟦back|ups⟧, restore]
      use_cases:
        - id: UC-write
          title: Write a note
          actor: Member
          data: [customer-content]
    `);
    assert.match(contents, /^\*\*Backups\*\* \(`backups`\) — security baseline\n/);
    assert.match(contents, /\*Is its data backed up regularly, to a place an incident or a mistake cannot reach\?\*/);
    assert.match(
      contents,
      /Applies when a use case requires medium or higher availability, or requires high integrity\./,
    );
    assert.match(contents, /a mitigation's control tag \(`nist-800-53:CP-9`/);
    assert.match(contents, /\nNotes: answered \(implemented\): requires medium availability \(UC-write\)\.$/);
  });

  describe('on a suppression comment', () => {
    it('lists what it suppresses and gives its reason', () => {
      const contents = hover(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases: []
            ⟦# abuse-cases-disable-next-line unknown-|vendor -- in the payments repo⟧
            vendors: [strype]
      `);
      assert.match(
        contents,
        /^\*\*Suppression\*\* of `unknown-vendor` on the next line: 1 finding suppressed\.\n- `unknown-vendor` No vendor 'strype'/,
      );
      assert.match(contents, /\n\nReason: in the payments repo$/);
    });

    it('says when it suppresses nothing and has no reason', () => {
      const contents = hover(`
        # abuse-cases-enable
        ⟦# abuse-cases-|disable⟧
        use_cases: []
      `);
      assert.match(
        contents,
        /^\*\*Suppression\*\* of every rule until `abuse-cases-enable` or the end of the file: nothing suppressed\./,
      );
      assert.match(contents, /No reason given/);
    });
  });
});
