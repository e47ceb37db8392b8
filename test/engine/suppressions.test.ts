import * as assert from 'assert';
import { Workspace } from '../../server/src/engine';
import { CONFIG_FILE_NAME } from '../../server/src/engine/config';
import { directivesIn } from '../../server/src/engine/suppressions';
import { MAIN_URI, TODAY } from '../helpers/engine';
import { workspaceWith } from '../helpers/features';
import { dedent } from '../helpers/marked';

/**
 * The findings left of the ⟦marked⟧ kinds and the ones suppressed, as `code "covered text"`: what the editor shows and
 * what the CLI counts as suppressed.
 */
function outcome(source: string, uri = MAIN_URI) {
  const text = dedent(source);
  const workspace = workspaceWith(text, {}, uri);
  const show = (d: { code: string; range: { start: number; end: number } }) =>
    `${d.code} ${JSON.stringify(text.slice(d.range.start, d.range.end))}`;
  return {
    shown: workspace.diagnostics(uri).map(show),
    suppressed: workspace.suppressed(uri).map(({ finding }) => show(finding)),
    workspace,
  };
}

const PAY = (vendorsLine: string, before = '') => `
  use_cases:
    - id: UC-pay
      title: Pay an invoice
      actor: Customer
      abuse_cases: []
${before}      ${vendorsLine}
`;

describe('suppressions', () => {
  describe('disable-next-line', () => {
    it('suppresses the named rule on the next line, and keeps the reason for the reports', () => {
      const { shown, suppressed, workspace } = outcome(
        PAY(
          'vendors: [strype]',
          '      # abuse-cases-disable-next-line unknown-vendor -- Stripe lives in the payments repo\n',
        ),
      );
      assert.deepStrictEqual(suppressed, ['unknown-vendor "strype"']);
      assert.ok(!shown.some((line) => line.startsWith('unknown-vendor')));
      const [{ by }] = workspace.suppressed(MAIN_URI);
      assert.deepStrictEqual(
        by.map((directive) => [directive.kind, directive.reason]),
        [['disable-next-line', 'Stripe lives in the payments repo']],
      );
    });

    it('leaves other rules, and the lines after the next, alone', () => {
      const { shown, suppressed } = outcome(`
        use_cases:
          - id: UC-pay
            # abuse-cases-disable-next-line unknown-vendor
            title: Pay an invoice
            actor: Customer
            abuse_cases: []
            vendors: [strype]
        # abuse-cases-disable-next-line unknown-key
            data: [paymnt]
      `);
      assert.deepStrictEqual(suppressed, []);
      assert.ok(shown.includes('unknown-vendor "strype"'));
      assert.ok(shown.includes('unknown-data-class "paymnt"'));
      assert.ok(shown.includes('unused-suppression "unknown-vendor"'));
      assert.ok(shown.includes('unused-suppression "unknown-key"'));
    });

    it('without a rule list, suppresses every rule on the next line', () => {
      const { shown, suppressed } = outcome(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases: []
            # abuse-cases-disable-next-line -- the payments team owns these
            vendors: [strype, strypo]
      `);
      assert.deepStrictEqual(suppressed, ['unknown-vendor "strype"', 'unknown-vendor "strypo"']);
      assert.deepStrictEqual(
        shown.filter((line) => !line.startsWith('no-abuse-cases')),
        [],
      );
    });

    it('stacks: comments between a directive and its line are skipped over', () => {
      const { suppressed, shown } = outcome(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases: []
            # abuse-cases-disable-next-line unknown-vendor -- payments repo
            # abuse-cases-disable-next-line unknown-data-class -- a class of the finance team
            # (both on the next line)
            vendors: [strype]
            data: [ledger]
      `);
      assert.deepStrictEqual(suppressed, ['unknown-vendor "strype"']);
      assert.ok(shown.includes('unused-suppression "unknown-data-class"'));
      assert.ok(shown.includes('unknown-data-class "ledger"'));
    });

    it('applies to file rules and workspace rules alike, and to a finding whose range starts on the line', () => {
      const { suppressed } = outcome(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            # abuse-cases-disable-next-line unknown-key -- kept for the migration script
            notes: paid by card
            actor: Customer
            # abuse-cases-disable-next-line no-abuse-cases -- analysed in UC-checkout
            abuse_cases: []
      `);
      assert.deepStrictEqual(suppressed, ['unknown-key "notes"', 'no-abuse-cases "abuse_cases"']);
    });
  });

  describe('disable … enable', () => {
    it('suppresses between the pair, and not after the enable', () => {
      const { suppressed, shown } = outcome(`
        use_cases:
          # abuse-cases-disable unknown-vendor -- the vendors of these live in the payments repo
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            vendors: [strype]
          - id: UC-refund
            title: Refund
            actor: Customer
            vendors: [adyen]
          # abuse-cases-enable unknown-vendor
          - id: UC-ship
            title: Ship
            actor: Warehouse
            vendors: [dhl]
      `);
      assert.deepStrictEqual(suppressed, ['unknown-vendor "strype"', 'unknown-vendor "adyen"']);
      assert.ok(shown.includes('unknown-vendor "dhl"'));
    });

    it('without an enable, suppresses to the end of the file', () => {
      const { suppressed } = outcome(`
        # abuse-cases-disable no-abuse-cases -- a draft: threats come at the review on Friday
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
          - id: UC-refund
            title: Refund
            actor: Customer
      `);
      assert.deepStrictEqual(suppressed, ['no-abuse-cases "UC-pay"', 'no-abuse-cases "UC-refund"']);
    });

    it('enable alone ends every disable; enable RULE ends only the one naming it, not a disable of every rule', () => {
      const text = dedent(`
        # abuse-cases-disable unknown-vendor, unknown-key
        a: 1
        # abuse-cases-disable
        b: 2
        # abuse-cases-enable unknown-key
        c: 3
        # abuse-cases-enable
        d: 4
      `);
      const ends = directivesIn(text).map((directive) => directive.covers?.end);
      // The first disable stays in force for unknown-vendor after `enable unknown-key`; both end at the plain enable.
      assert.deepStrictEqual(ends, [
        text.indexOf('# abuse-cases-enable\n'),
        text.indexOf('# abuse-cases-enable\n'),
        undefined,
        undefined,
      ]);
    });
  });

  it('enable RULE ends that rule of a disable that names several, the others stay suppressed', () => {
    const { suppressed, shown } = outcome(`
      use_cases:
        # abuse-cases-disable unknown-vendor, unknown-key -- migrated from the old tracker
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          abuse_cases: []
          jira: PAY-1
        # abuse-cases-enable unknown-key
        - id: UC-refund
          title: Refund
          actor: Customer
          abuse_cases: []
          jira: PAY-2
          vendors: [strype]
    `);
    assert.deepStrictEqual(suppressed, ['unknown-key "jira"', 'unknown-vendor "strype"']);
    assert.ok(shown.includes('unknown-key "jira"'));
  });

  it('a second disable of a rule already disabled suppresses nothing, and says so', () => {
    const source = `
      # abuse-cases-disable unknown-key
      use_cases:
        # abuse-cases-disable unknown-key
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          abuse_cases: []
          jira: PAY-1
    `;
    const { suppressed, shown } = outcome(source);
    assert.deepStrictEqual(suppressed, ['unknown-key "jira"']);
    // The first suppresses the finding: the second is the unused one.
    assert.deepStrictEqual(
      shown.filter((line) => line.startsWith('unused-suppression')),
      ['unused-suppression "unknown-key"'],
    );
    const unused = outcome(source)
      .workspace.diagnostics(MAIN_URI)
      .find((d) => d.code === 'unused-suppression')!;
    assert.ok(unused.range.start > dedent(source).indexOf('use_cases:'));
  });

  it('names rules with commas or spaces, and keeps the reason after two dashes', () => {
    const [directive] = directivesIn(
      '# abuse-cases-disable-next-line  unknown-vendor,unknown-key  no-abuse-cases --  why not  \na: 1\n',
    );
    assert.deepStrictEqual(
      directive.rules.map((rule) => rule.code),
      ['unknown-vendor', 'unknown-key', 'no-abuse-cases'],
    );
    assert.strictEqual(directive.reason, 'why not');
    assert.strictEqual(directivesIn('# abuse-cases-disable-next-line unknown-key\n')[0].reason, undefined);
  });

  it('reads only comments on a line of their own, not text in a block or quoted scalar, nor other words', () => {
    const text = dedent(`
      use_cases:
        - id: UC-pay
          title: Pay an invoice # abuse-cases-disable-next-line
          description: |
            # abuse-cases-disable
            How to write a suppression.
          steps:
            - "a step
              # abuse-cases-disable-next-line unknown-vendor
              over two lines"
          actor: Customer
          # abuse-cases-disabled unknown-vendor
          # not abuse-cases-disable unknown-vendor
          vendors: [strype]
    `);
    const workspace = workspaceWith(text);
    assert.deepStrictEqual(workspace.file(MAIN_URI)!.directives, []);
    assert.deepStrictEqual(workspace.suppressed(MAIN_URI), []);
  });

  it('keeps CRLF and lone-CR line ends apart from the lines they end', () => {
    for (const eol of ['\r\n', '\r']) {
      const text = [
        'use_cases:',
        '  - id: UC-pay',
        '    title: Pay',
        '    actor: Customer',
        '    abuse_cases: []',
        '    # abuse-cases-disable-next-line unknown-vendor',
        '    vendors: [strype]',
        '',
      ].join(eol);
      const workspace = workspaceWith(text);
      assert.deepStrictEqual(
        workspace.suppressed(MAIN_URI).map(({ finding }) => finding.code),
        ['unknown-vendor'],
        JSON.stringify(eol),
      );
    }
  });

  it('applies in the configuration file too', () => {
    const uri = `file:///workspace/${CONFIG_FILE_NAME}`;
    const { suppressed } = outcome(
      `
      # abuse-cases-disable-next-line unknown-key -- read by our release script
      release_notes: docs/notes.md
      `,
      uri,
    );
    assert.deepStrictEqual(suppressed, ['unknown-key "release_notes"']);
  });

  it('follows edits: a directive typed in suppresses, and one deleted lets the finding back', () => {
    const workspace = new Workspace({ today: () => TODAY });
    const before = dedent(PAY('vendors: [strype]'));
    workspace.set(MAIN_URI, before, 1);
    assert.ok(workspace.diagnostics(MAIN_URI).some((d) => d.code === 'unknown-vendor'));
    const directive = '    # abuse-cases-disable-next-line unknown-vendor\n';
    const at = before.indexOf('    vendors:');
    workspace.set(MAIN_URI, before.slice(0, at) + directive + before.slice(at), 2);
    assert.ok(!workspace.diagnostics(MAIN_URI).some((d) => d.code === 'unknown-vendor'));
    assert.strictEqual(workspace.suppressed(MAIN_URI).length, 1);
    workspace.set(MAIN_URI, before, 3);
    assert.ok(workspace.diagnostics(MAIN_URI).some((d) => d.code === 'unknown-vendor'));
    assert.deepStrictEqual(workspace.suppressed(MAIN_URI), []);
  });

  it("does not count a suppressed error against the gate's no-errors", () => {
    const noErrors = (text: string) =>
      workspaceWith(dedent(text))
        .coverage()
        .gate.thresholds.find((t) => t.threshold === 'no-errors')!.passed;
    assert.strictEqual(noErrors(PAY('vendors: [strype]')), false);
    assert.strictEqual(
      noErrors(PAY('vendors: [strype]', '      # abuse-cases-disable-next-line unknown-vendor\n')),
      true,
    );
  });

  it('reads no directive out of a file that is not YAML, or half typed, and never throws', () => {
    for (const text of [
      '# abuse-cases-disable-next-line',
      '{ a: [',
      '# abuse-cases-',
      '\u0000\u0001 abuse-cases-disable',
      '',
    ]) {
      const workspace = workspaceWith(text);
      assert.doesNotThrow(() => workspace.diagnostics(MAIN_URI));
      assert.deepStrictEqual(workspace.suppressed(MAIN_URI), []);
    }
  });
});
