import * as assert from 'assert';
import { EngineDiagnostic } from '../../../server/src/engine';
import { applyEdits, TextEdit } from '../../../server/src/engine/features/edits';
import { QuickFix, quickFixesFor } from '../../../server/src/engine/features/quickFixes';
import { rankTemplates } from '../../../server/src/engine/features/ranking';
import { UseCase } from '../../../server/src/engine/model';
import { MAIN_URI, TODAY } from '../../helpers/engine';
import { PATCHING_FAMILY_CATALOG } from '../../helpers/baseline';
import { countByCode, STRUCTURAL_CODES, TEAM_CATALOG_URI, workspaceWith } from '../../helpers/features';
import { dedent, marked } from '../../helpers/marked';

interface FixOptions {
  /** Picks the fix by its title; without it, the preferred fix. */
  titleMatches?: RegExp;
  /** Other files of the workspace (uri → text). */
  others?: Record<string, string>;
  /** Line endings of the document. */
  eol?: '\n' | '\r\n';
  /** The fix edits a comment (a suppression's): only the comments outside its edits must survive. */
  editsComment?: boolean;
}

interface Fixed {
  fix: QuickFix;
  /** The document before the fix, markers removed. */
  before: string;
  after: string;
  /** The other files after the fix (uri → text). */
  othersAfter: Record<string, string>;
}

const covers = (text: string, d: EngineDiagnostic) =>
  `${d.code} ${JSON.stringify(text.slice(d.range.start, d.range.end))}: ${d.message}`;

/** Where an offset of the text before the edits is in the text after them. */
function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  return edits.reduce(
    (moved, edit) =>
      edit.range.end <= offset ? moved + edit.newText.length - (edit.range.end - edit.range.start) : moved,
    offset,
  );
}

/** Fixes that repair the finding, without the "Suppress … on this line" every finding is offered. */
function repairs(fixes: QuickFix[]): QuickFix[] {
  return fixes.filter((fix) => !fix.title.startsWith('Suppress '));
}

function commentsOf(text: string): string[] {
  return [...text.matchAll(/(?:^|[ \t])(#.*)$/gm)].map((match) => match[1]);
}

/**
 * Applies the fix of the (single) `code` finding on the ⟦marked⟧ range, and
 * checks what every fix must do: the finding goes, no structural finding
 * comes, and nothing outside the edits changes (comments and line endings
 * included). Returns the document before and after, and the fix.
 */
function applyFix(code: string, source: string, options: FixOptions = {}): Fixed {
  const eol = options.eol ?? '\n';
  const { text, ranges } = marked(dedent(source).replace(/\n/g, eol));
  assert.strictEqual(ranges.length, 1, 'the test marks the finding to fix');
  const [range] = ranges;
  const workspace = workspaceWith(text, options.others);
  const diagnostics = workspace.diagnostics(MAIN_URI);
  const targets = diagnostics.filter(
    (d) => d.code === code && d.range.start === range.start && d.range.end === range.end,
  );
  assert.strictEqual(
    targets.length,
    1,
    `one '${code}' on ${JSON.stringify(text.slice(range.start, range.end))}; findings:\n${diagnostics.map((d) => covers(text, d)).join('\n')}`,
  );
  const [target] = targets;

  const fixes = quickFixesFor(workspace, MAIN_URI, range).filter((fix) => fix.diagnostic === target);
  assert.ok(fixes.length > 0, `a fix for ${covers(text, target)}`);
  if (repairs(fixes).length)
    assert.strictEqual(
      fixes.filter((fix) => fix.isPreferred).length,
      1,
      `one preferred fix among: ${fixes.map((fix) => fix.title).join(' / ')}`,
    );
  const chosen = options.titleMatches
    ? fixes.filter((fix) => options.titleMatches!.test(fix.title))
    : fixes.filter((fix) => fix.isPreferred);
  assert.strictEqual(
    chosen.length,
    1,
    `one fix titled ${options.titleMatches} among: ${fixes.map((fix) => fix.title).join(' / ')}`,
  );
  const [fix] = chosen;
  assert.ok(fix.edits.length > 0);

  const after = applyEdits(text, fix.edits);
  const othersAfter = Object.fromEntries(
    Object.entries(options.others ?? {}).map(([uri, other]) => [
      uri,
      applyEdits(dedent(other), fix.elsewhere?.[uri] ?? []),
    ]),
  );
  const fresh = workspaceWith(after, othersAfter).diagnostics(MAIN_URI);

  // (a) The finding is gone: one fewer of its code, and none left where it was.
  const count = (findings: EngineDiagnostic[]) => findings.filter((d) => d.code === code).length;
  assert.strictEqual(
    count(fresh),
    count(diagnostics) - 1,
    `'${code}' findings after the fix:\n${fresh.map((d) => covers(after, d)).join('\n')}\n---\n${after}`,
  );
  const moved = { start: mapOffset(target.range.start, fix.edits), end: mapOffset(target.range.end, fix.edits) };
  const stillThere = fresh.filter((d) => d.code === code && d.range.start === moved.start && d.range.end === moved.end);
  assert.deepStrictEqual(
    stillThere.map((d) => covers(after, d)),
    [],
  );

  // (b) No structural finding appears.
  const beforeCounts = countByCode(diagnostics);
  const afterCounts = countByCode(fresh);
  for (const structural of STRUCTURAL_CODES) {
    const allowed = (beforeCounts.get(structural) ?? 0) - (structural === code ? 1 : 0);
    assert.ok(
      (afterCounts.get(structural) ?? 0) <= allowed,
      `new '${structural}' findings:\n${fresh
        .filter((d) => d.code === structural)
        .map((d) => covers(after, d))
        .join('\n')}\n---\n${after}`,
    );
  }

  // (c) Only the edited span changes; comments and line endings survive.
  const first = Math.min(...fix.edits.map((edit) => edit.range.start));
  const last = Math.max(...fix.edits.map((edit) => edit.range.end));
  assert.strictEqual(after.slice(0, first), text.slice(0, first), 'the text before the first edit');
  assert.strictEqual(
    after.slice(after.length - (text.length - last)),
    text.slice(last),
    'the text after the last edit',
  );
  const remaining = commentsOf(after);
  // The lines the edits touch are left out when the fix edits a comment on them.
  const untouched = options.editsComment
    ? text.slice(0, text.lastIndexOf('\n', first - 1) + 1) + text.slice(text.indexOf('\n', last - 1) + 1)
    : text;
  for (const comment of commentsOf(untouched)) {
    const at = remaining.indexOf(comment);
    assert.ok(at >= 0, `the comment '${comment}' is kept`);
    remaining.splice(at, 1);
  }
  if (eol === '\r\n') assert.ok(!/(?<!\r)\n/.test(after), `only CRLF line endings: ${JSON.stringify(after)}`);
  return { fix, before: text, after, othersAfter };
}

/** The text of the document once the fix is applied, after the checks of `applyFix`. */
function expectFix(code: string, source: string, options: FixOptions = {}): string {
  return applyFix(code, source, options).after;
}

/** The first use case of a document, as the engine reads it. */
function useCaseOf(text: string, others: Record<string, string> = {}, index = 0): UseCase {
  return workspaceWith(text, others).file(MAIN_URI)!.model.useCases[index];
}

function bestTemplateFor(text: string, dimension: 'confidentiality' | 'integrity' | 'availability') {
  const workspace = workspaceWith(text);
  const useCase = workspace.file(MAIN_URI)!.model.useCases[0];
  return rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, { dimension, today: TODAY })[0].template;
}

describe('quick fixes', () => {
  describe('typos: the suggested word replaces the finding', () => {
    it('invalid-value', () => {
      const after = expectFix(
        'invalid-value',
        `
        use_cases:
          - id: UC-pay
            title: Pay an invoice # by card
            actor: Customer
            abuse_cases:
              - id: AB-tamper
                title: The amount is changed in transit
                threatens: [confidentiality, ⟦integrty⟧]
        `,
      );
      assert.match(after, /\n {8}threatens: \[confidentiality, integrity\]\n/);
    });

    it('unknown-key', () => {
      const { fix, after } = applyFix(
        'unknown-key',
        `
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            ⟦actr⟧: Customer
        `,
      );
      assert.strictEqual(fix.title, "Change to 'actor'");
      assert.strictEqual(after, 'use_cases:\n  - id: UC-pay\n    title: Pay an invoice\n    actor: Customer\n');
    });

    it('unknown-data-class', () => {
      const after = expectFix(
        'unknown-data-class',
        `
        use_cases:
          - id: UC-signup
            title: Sign up
            actor: Visitor
            data: [⟦pi⟧, telemetry]
            abuse_cases: []
        `,
      );
      assert.match(after, /\n {4}data: \[pii, telemetry\]\n/);
    });

    it('unknown-template, for built-in and team templates', () => {
      const abuseCase = (template: string) => `
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Member
            abuse_cases:
              - id: AB-stuffing
                title: Credential stuffing
                threatens: [confidentiality]
                template: ${template}
                accepted: {by: Ann (CISO), reason: Low value, until: 2027-03-31}
      `;
      assert.match(
        expectFix('unknown-template', abuseCase('⟦credential-stuffin⟧')),
        /\n {8}template: credential-stuffing\n/,
      );
      const team = {
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
      };
      assert.match(
        expectFix('unknown-template', abuseCase('⟦invoice-forgry⟧'), { others: team }),
        /\n {8}template: invoice-forgery\n/,
      );
    });

    it('offers nothing when no known word is close', () => {
      const { text, ranges } = marked(
        dedent(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            ⟦notes⟧: paid by card
      `),
      );
      const workspace = workspaceWith(text);
      assert.deepStrictEqual(
        workspace
          .diagnostics(MAIN_URI)
          .filter((d) => d.code === 'unknown-key')
          .map((d) => d.range),
        ranges,
      );
      assert.deepStrictEqual(
        repairs(quickFixesFor(workspace, MAIN_URI, ranges[0])).filter((fix) => fix.diagnostic?.code === 'unknown-key'),
        [],
      );
    });
  });

  describe("data-class-suspected: names the template's kind of data in the use case's data, in the list's own style", () => {
    const reminders = (data: string) => `
      use_cases:
        - id: UC-reminders
          title: Send appointment reminders by SMS
          actor: Clinic${data}
          abuse_cases:
            - id: AB-reminder-leak
              title: A reminder reveals the reason for a visit # to whoever reads the phone
              threatens: [confidentiality]
              template: ⟦sensitive-notification-content⟧
    `;
    const lines = (text: string) => text.split('\n').slice(1, 6).join('\n');

    it('a flow list gets the value after its last item', () => {
      const { fix, after } = applyFix('data-class-suspected', reminders('\n          data: [pii] # contact details'));
      assert.strictEqual(fix.title, "Add 'health' to the data of 'UC-reminders'");
      assert.strictEqual(
        lines(after),
        '  - id: UC-reminders\n    title: Send appointment reminders by SMS\n    actor: Clinic\n    data: [pii, health] # contact details\n    abuse_cases:',
      );
    });

    it('a block list gets an item, and a use case without data gets the key', () => {
      const block = applyFix('data-class-suspected', reminders('\n          data:\n            - pii')).after;
      assert.match(block, /\n {4}data:\n {6}- pii\n {6}- health\n {4}abuse_cases:/);
      const none = applyFix('data-class-suspected', reminders('')).after;
      assert.match(none, /\n {4}actor: Clinic\n {4}abuse_cases:[^]*\n {4}data: \[health\]\n$/);
    });

    it('offers each kind of data the template is about, the first preferred', () => {
      const { text, ranges } = marked(dedent(reminders('\n          data: [pii]')));
      const fixes = repairs(quickFixesFor(workspaceWith(text), MAIN_URI, ranges[0])).filter(
        (candidate) => candidate.diagnostic?.code === 'data-class-suspected',
      );
      assert.deepStrictEqual(
        fixes.map((candidate) => [candidate.title, candidate.isPreferred]),
        [
          ["Add 'health' to the data of 'UC-reminders'", true],
          ["Add 'sensitive-pii' to the data of 'UC-reminders'", false],
          ["Add 'financial' to the data of 'UC-reminders'", false],
        ],
      );
    });
  });

  it('no-unwitting-case: adds the best-ranked unwitting abuse case of the catalog, the next one as an alternative', () => {
    const source = `
      use_cases:
        - id: UC-records
          title: Share a patient record with a specialist
          actor: Clinician
          data: [health]
          ⟦abuse_cases⟧:
            - id: AB-stolen-session
              title: An attacker reuses a stolen session
              threatens: [confidentiality, integrity, availability]
    `;
    const { text, ranges } = marked(dedent(source));
    const workspace = workspaceWith(text);
    const useCase = workspace.file(MAIN_URI)!.model.useCases[0];
    const ranked = rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, { today: TODAY }).filter(
      (entry) => entry.template.intent === 'unwitting',
    );
    assert.deepStrictEqual(
      repairs(quickFixesFor(workspace, MAIN_URI, ranges[0]))
        .filter((candidate) => candidate.diagnostic?.code === 'no-unwitting-case')
        .map((candidate) => candidate.title),
      ranked.slice(0, 2).map((entry) => `Add abuse case: ${entry.template.title}`),
    );
    // The preferred one, applied: the finding is gone (applyFix checks it), and the new abuse case is unwitting.
    const { after } = applyFix('no-unwitting-case', source);
    const added = useCaseOf(after).abuseCases[1];
    assert.deepStrictEqual([added.intent, added.template?.value], ['unwitting', ranked[0].template.id]);
  });

  describe('cia-uncovered: adds an abuse case threatening the dimension, from the best-ranked template', () => {
    /** The abuse case the fix added, and the template it should come from. */
    function added(
      after: string,
      dimension: 'integrity' | 'availability' | 'confidentiality',
      others: Record<string, string> = {},
    ) {
      const useCase = useCaseOf(after, others);
      const abuseCase = useCase.abuseCases[useCase.abuseCases.length - 1];
      assert.ok(
        abuseCase.threatens.some((threat) => threat.value === dimension),
        `the new abuse case threatens ${dimension}`,
      );
      return abuseCase;
    }

    it('appends to a block list of abuse cases, after its last item and before what follows', () => {
      const source = `
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            data: [⟦payment⟧]
            abuse_cases:
              - id: AB-card-leak
                title: Card numbers leak from the logs # see incident 12
                threatens: [confidentiality, availability]
                accepted: {by: Ann (CISO), reason: Tokenised soon, until: 2027-03-31}
          # The refund flow is next.
          - id: UC-refund
            title: Refund an order
            actor: Support agent
            abuse_cases: []
      `;
      const best = bestTemplateFor(marked(dedent(source)).text, 'integrity');
      const { fix, after } = applyFix('cia-uncovered', source);
      assert.strictEqual(fix.title, `Add abuse case: ${best.title}`);
      const abuseCase = added(after, 'integrity');
      assert.strictEqual(abuseCase.template?.value, best.id);
      assert.strictEqual(abuseCase.id?.value, `AB-${best.id}`);
      assert.deepStrictEqual(
        abuseCase.mitigations.map((m) => m.title?.value),
        best.mitigations.map((m) => m.title),
      );
      // At the column of the other items, right after the last one.
      const lines = after.split('\n');
      const at = lines.indexOf(`      - id: AB-${best.id}`);
      assert.strictEqual(
        lines[at - 1],
        '        accepted: {by: Ann (CISO), reason: Tokenised soon, until: 2027-03-31}',
      );
      assert.ok(lines.indexOf('  # The refund flow is next.') > at);
      assert.strictEqual(useCaseOf(after, {}, 1).abuseCases.length, 0, 'the next use case is untouched');
    });

    const PUBLIC = (abuseCases: string) => `
      use_cases:
        - id: UC-status
          title: Publish the status page
          actor: Operator
          data: [⟦public⟧]
${abuseCases}
        - id: UC-next
          title: Read the status page
          actor: Visitor
          cia: {integrity: low}
          abuse_cases: []
    `;

    for (const [shape, abuseCases] of [
      ["'abuse_cases: []'", '          abuse_cases: []'],
      ["'abuse_cases:' with no value", '          abuse_cases:'],
      ["'abuse_cases:' with no value and a comment", '          abuse_cases: # none yet'],
      ['no abuse_cases key', '          steps: [Write the incident, Publish it]'],
    ]) {
      it(`works with ${shape}`, () => {
        const source = PUBLIC(abuseCases);
        const best = bestTemplateFor(marked(dedent(source)).text, 'integrity');
        const after = expectFix('cia-uncovered', source);
        const abuseCase = added(after, 'integrity');
        assert.strictEqual(abuseCase.template?.value, best.id);
        // A comment after the key stays on the key's line.
        const keyLine = abuseCases.includes('#') ? 'abuse_cases: # none yet' : 'abuse_cases:';
        assert.ok(after.includes(`\n    ${keyLine}\n      - id: AB-${best.id}\n        title: `), after);
        assert.strictEqual(useCaseOf(after).abuseCases.length, 1);
        assert.strictEqual(useCaseOf(after, {}, 1).id?.value, 'UC-next');
      });
    }

    it('offers the three best templates, the first preferred, each naming a fresh id', () => {
      const { text, ranges } = marked(
        dedent(`
          use_cases:
            - id: UC-status
              title: Publish the status page
              actor: Operator
              data: [⟦public⟧]
              abuse_cases: []
            - id: UC-other
              title: Other
              actor: Operator
              abuse_cases:
                - id: AB-certificate-expiry
                  title: Already taken
                  threatens: [availability]
                  accepted: {by: Ann (CISO), reason: Low value, until: 2027-03-31}
        `),
      );
      const workspace = workspaceWith(text);
      const fixes = repairs(quickFixesFor(workspace, MAIN_URI, ranges[0])).filter(
        (fix) => fix.diagnostic?.code === 'cia-uncovered',
      );
      const ranked = rankTemplates(useCaseOf(text), workspace.catalog(), workspace.dataClasses, {
        dimension: 'integrity',
        today: TODAY,
      });
      assert.deepStrictEqual(
        fixes.map((fix) => [fix.title, !!fix.isPreferred]),
        ranked.slice(0, 3).map(({ template }, index) => [`Add abuse case: ${template.title}`, index === 0]),
      );
      // An id used anywhere in the workspace is numbered.
      const taken = fixes.find((fix) => fix.edits[0].newText.includes('template: certificate-expiry'));
      if (taken) assert.match(taken.edits[0].newText, /- id: AB-certificate-expiry-2\n/);
    });

    it('keeps CRLF line endings in what it inserts', () => {
      const { fix, after } = applyFix(
        'cia-uncovered',
        `
        # Payments
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            data: [⟦payment⟧]
            abuse_cases:
              - id: AB-card-leak
                title: Card numbers leak from the logs # incident 12
                threatens: [confidentiality, availability]
                accepted: {by: Ann (CISO), reason: Tokenised soon, until: 2027-03-31}
        # end
        `,
        { eol: '\r\n' },
      );
      const inserted = fix.edits[0].newText;
      assert.ok(inserted.startsWith('\r\n      - id: AB-'), JSON.stringify(inserted));
      assert.ok(!/(?<!\r)\n/.test(inserted), JSON.stringify(inserted));
      assert.ok(after.endsWith('\r\n# end\r\n'));
      added(after, 'integrity');
    });
  });

  describe('unmitigated: adds mitigations', () => {
    const LOGIN = (abuseCase: string) => `
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Member
          abuse_cases:
${abuseCase}
        - id: UC-next
          title: Sign out
          actor: Member
    `;
    const mitigationsOf = (after: string) =>
      useCaseOf(after).abuseCases[0].mitigations.map((mitigation) => [
        mitigation.title?.value,
        mitigation.status,
        mitigation.controls,
      ]);
    const credentialStuffing = () => workspaceWith('').templateOf('credential-stuffing')!;

    it("those of the abuse case's template, when 'mitigations:' is absent", () => {
      const { fix, after } = applyFix(
        'unmitigated',
        LOGIN(`
            - id: ⟦AB-stuffing⟧
              title: Bots replay leaked passwords
              threatens: [confidentiality]
              template: credential-stuffing # from the catalog`),
      );
      assert.strictEqual(fix.title, "Add the mitigations suggested by 'credential-stuffing'");
      assert.deepStrictEqual(
        mitigationsOf(after),
        credentialStuffing().mitigations.map((m) => [m.title, 'proposed', m.controls]),
      );
      assert.ok(
        after.includes(
          'template: credential-stuffing # from the catalog\n        mitigations:\n          - title: Reject passwords',
        ),
        after,
      );
    });

    it("those of the template its title matches, when 'mitigations: []'", () => {
      const after = expectFix(
        'unmitigated',
        LOGIN(`
            - id: ⟦AB-stuffing⟧
              title: Bots replay leaked passwords (credential stuffing)
              threatens: [confidentiality]
              mitigations: []`),
      );
      const titles = mitigationsOf(after).map(([title]) => title);
      assert.deepStrictEqual(
        titles,
        credentialStuffing().mitigations.map((m) => m.title),
      );
      assert.ok(after.includes('\n        mitigations:\n          - title: '), after);
    });

    it('a mitigation to describe, when no template matches, or when asked', () => {
      const skeleton = [['Describe how the product prevents, detects or limits this abuse', 'proposed', []]];
      const after = expectFix(
        'unmitigated',
        LOGIN(`
            - id: ⟦AB-later⟧
              title: Nothing yet
              threatens: [availability]
              mitigations:`),
      );
      assert.deepStrictEqual(mitigationsOf(after), skeleton);
      assert.ok(
        after.includes(
          '\n        mitigations:\n          - title: Describe how the product prevents, detects or limits this abuse\n            status: proposed\n  - id: UC-next\n',
        ),
        after,
      );
      const chosen = expectFix(
        'unmitigated',
        LOGIN(`
            - id: ⟦AB-stuffing⟧
              title: Bots replay leaked passwords
              threatens: [confidentiality]
              template: credential-stuffing`),
        { titleMatches: /^Add a mitigation to describe$/ },
      );
      assert.deepStrictEqual(mitigationsOf(chosen), skeleton);
    });
  });

  describe('baseline-gap: answers the question with a backlog item, or an abuse case of its family', () => {
    const NOTES = `
      product: ⟦Notes⟧ # the product
      backlog:
        - id: NT-1
          title: Publish notes
          answers: [incident-readiness]
      use_cases:
        - id: UC-publish
          title: Publish a public note
          actor: Member
          backlog: [NT-1]
          data: [public]
    `;

    it('creates a backlog item that answers it, titled after what it takes, in the backlog file', () => {
      const { fix, after } = applyFix('baseline-gap', NOTES, { titleMatches: /patching/ });
      assert.strictEqual(fix.title, "Create backlog item NT-2 that answers 'patching'");
      assert.ok(fix.isPreferred);
      assert.match(
        after,
        /\n {2}- id: NT-1\n {4}title: Publish notes\n {4}answers: \[incident-readiness\]\n {2}- id: NT-2\n {4}title: Patch systems and dependencies every month, and keep anti-malware and firewalls current\n {4}security: true\n {4}answers: \[patching\]\nuse_cases:/,
      );
    });

    it("adds to the use case that makes it apply an abuse case of the question's family, with its mitigations", () => {
      const { after } = applyFix('baseline-gap', NOTES, {
        titleMatches: /^Add abuse case to 'UC-publish': A known hole/,
        others: {
          [TEAM_CATALOG_URI]: PATCHING_FAMILY_CATALOG,
        },
      });
      assert.match(after, /template: notes-unpatched-editor\n/);
      assert.match(after, /- title: Update the editor library every month\n/);
    });
  });

  describe('dated evidence: renewed today, once done again', () => {
    it('verification-overdue dates the verification today', () => {
      const after = expectFix(
        'verification-overdue',
        `
        use_cases:
          - id: UC-restore
            title: Restore a deleted roadmap
            actor: Admin
            abuse_cases:
              - id: AB-lost
                title: Backups turn out to be unusable when needed
                threatens: [availability]
                mitigations:
                  - title: Restore drill from the nightly backup
                    status: verified
                    verified_on: ⟦2020-01-15⟧ # the last drill
                    reverify_every: 3m
        `,
      );
      assert.match(after, /\n {12}verified_on: 2026-11-24 # the last drill\n/);
    });

    it('recurring-overdue records the work as done today, and adds last_done where it is missing', () => {
      assert.match(
        expectFix(
          'recurring-overdue',
          'backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: monthly\n    last_done: ⟦2020-03-02⟧\n',
        ),
        /last_done: 2026-11-24\n$/,
      );
      assert.strictEqual(
        expectFix('recurring-overdue', 'backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: ⟦monthly⟧\n'),
        'backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: monthly\n    last_done: 2026-11-24\n',
      );
    });
  });

  describe('vendors: a review to fill in, a lapsed review renewed, a misspelt vendor', () => {
    it('vendor-unreviewed adds a review dated today, holding for a year, under the vendor', () => {
      assert.strictEqual(
        expectFix('vendor-unreviewed', 'vendors:\n  - id: ⟦sendgrid⟧\n    name: SendGrid\n    receives: [pii]\n'),
        'vendors:\n  - id: sendgrid\n    name: SendGrid\n    receives: [pii]\n    review:\n      by: Name, role\n      on: 2026-11-24\n      until: 2027-11-24\n      evidence: [dpa]\n',
      );
    });

    it('vendor-unreviewed renews a lapsed review from today', () => {
      assert.match(
        expectFix(
          'vendor-unreviewed',
          'vendors:\n  - id: sendgrid\n    name: SendGrid\n    receives: [pii]\n    review:\n      by: Dana\n      on: 2025-01-10\n      until: ⟦2026-01-09⟧\n',
        ),
        /on: 2026-11-24\n {6}until: 2027-11-24\n$/,
      );
    });

    it('unknown-vendor changes a misspelt vendor to the closest one', () => {
      assert.match(
        expectFix(
          'unknown-vendor',
          'use_cases:\n  - id: UC-pay\n    title: Pay\n    actor: Customer\n    vendors: [⟦strype⟧]\nvendors:\n  - id: stripe\n    name: Stripe\n',
        ),
        /vendors: \[stripe\]/,
      );
    });
  });

  describe('unknown-backlog-item: creates the item in this file', () => {
    it("under the file's backlog, titled after the mitigation and marked as security work", () => {
      const after = expectFix(
        'unknown-backlog-item',
        `
        backlog:
          - id: RM-1
            title: Sign in # the epic's first story
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Member
            backlog: [RM-1]
            abuse_cases:
              - id: AB-stuffing
                title: Bots replay leaked passwords
                threatens: [confidentiality]
                mitigations:
                  - title: "Rate-limit sign-in: per account and per IP"
                    backlog: [⟦RM-9⟧]
        `,
      );
      assert.ok(
        after.startsWith(
          'backlog:\n  - id: RM-1\n    title: Sign in # the epic\'s first story\n  - id: RM-9\n    title: "Rate-limit sign-in: per account and per IP"\n    security: true\nuse_cases:\n',
        ),
        after,
      );
    });

    it("adds 'backlog:' to a file without one", () => {
      const after = expectFix(
        'unknown-backlog-item',
        `
        product: Roadmaps # the product
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Member
            abuse_cases:
              - id: AB-stuffing
                title: Bots replay leaked passwords
                threatens: [confidentiality]
                mitigations:
                  - title: Rate-limit sign-in attempts
                    backlog: [⟦RM-9⟧]
        `,
      );
      assert.ok(
        after.endsWith(
          'backlog: [RM-9]\nbacklog:\n  - id: RM-9\n    title: Rate-limit sign-in attempts\n    security: true\n',
        ),
        after,
      );
    });

    it('titles an item a use case refers to after the use case, and a parent as an epic', () => {
      const fromUseCase = expectFix(
        'unknown-backlog-item',
        `
        backlog:
          - id: RM-1
            title: Something else
        use_cases:
          - id: UC-share
            title: Share a roadmap
            actor: Product manager
            backlog: [RM-1, ⟦RM-2⟧]
        `,
      );
      assert.ok(
        fromUseCase.startsWith(
          'backlog:\n  - id: RM-1\n    title: Something else\n  - id: RM-2\n    title: Share a roadmap\nuse_cases:\n',
        ),
        fromUseCase,
      );
      const parent = expectFix(
        'unknown-backlog-item',
        `
        backlog:
          - id: RM-1
            title: Share a roadmap
            parent: ⟦EP-1⟧
        `,
      );
      assert.strictEqual(
        parent,
        'backlog:\n  - id: RM-1\n    title: Share a roadmap\n    parent: EP-1\n  - id: EP-1\n    title: TODO describe this epic\n    type: epic\n',
      );
    });
  });

  describe('missing-field: adds a value that satisfies the rules', () => {
    it("an absent 'actor'", () => {
      const after = expectFix(
        'missing-field',
        `
        use_cases:
          - id: ⟦UC-login⟧
            title: Sign in # members only
        # more to come
        `,
      );
      assert.strictEqual(
        after,
        'use_cases:\n  - id: UC-login\n    title: Sign in # members only\n    actor: TODO\n# more to come\n',
      );
    });

    it("an empty 'title:'", () => {
      const after = expectFix(
        'missing-field',
        `
        use_cases:
          - id: UC-login
            ⟦title⟧:
            actor: Member
        `,
      );
      assert.strictEqual(after, 'use_cases:\n  - id: UC-login\n    title: TODO\n    actor: Member\n');
    });

    it("an empty 'threatens: []', with the dimension the use case leaves uncovered", () => {
      const after = expectFix(
        'missing-field',
        `
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            data: [payment]
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                threatens: [confidentiality]
                accepted: {by: Ann (CISO), reason: Tokenised soon, until: 2027-03-31}
              - id: AB-tamper
                title: The amount is changed
                ⟦threatens⟧: []
                accepted: {by: Ann (CISO), reason: Signed soon, until: 2027-03-31}
        `,
      );
      assert.ok(after.includes('\n        title: The amount is changed\n        threatens: [integrity]\n'), after);
    });

    it("a missing 'until' in 'accepted:', three months ahead", () => {
      const after = expectFix(
        'missing-field',
        `
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Member
            abuse_cases:
              - id: AB-stuffing
                title: Bots replay leaked passwords
                threatens: [confidentiality]
                ⟦accepted⟧:
                  by: Ann (CISO)
                  reason: Few accounts
        `,
      );
      assert.ok(
        after.endsWith('\n          by: Ann (CISO)\n          reason: Few accounts\n          until: 2027-02-24\n'),
        after,
      );
    });

    it("a missing 'id', made from the title and unique in the workspace", () => {
      const after = expectFix(
        'missing-field',
        `
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Member
            abuse_cases:
              - ⟦title⟧: Bots replay leaked passwords!
                threatens: [confidentiality]
                accepted: {by: Ann (CISO), reason: Few accounts, until: 2027-03-31}
        `,
      );
      assert.ok(after.endsWith('until: 2027-03-31}\n        id: AB-bots-replay-leaked-passwords\n'), after);

      const taken = expectFix(
        'missing-field',
        `
        use_cases:
          - ⟦title⟧: Sign in
            actor: Member
        `,
        { others: { 'file:///workspace/other.usecase.yaml': 'backlog:\n  - id: UC-sign-in\n    title: Taken\n' } },
      );
      assert.strictEqual(taken, 'use_cases:\n  - title: Sign in\n    actor: Member\n    id: UC-sign-in-2\n');
    });
  });

  it('marks exactly one fix of each finding as preferred', () => {
    const text = dedent(`
      backlog:
        - id: RM-1
          title: Sign in
          parent: EP-1
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actr: Customer
          data: [payment, pi]
          backlog: [RM-2]
          abuse_cases:
            - id: AB-tamper
              title: Bots replay leaked passwords
              threatens: [integrty]
              template: credential-stuffin
            - title: The amount is changed
              threatens: []
              mitigations:
                - title: Sign requests
                  backlog: [RM-3]
              accepted:
                by: Ann (CISO)
    `);
    const workspace = workspaceWith(text);
    const fixes = repairs(quickFixesFor(workspace, MAIN_URI, { start: 0, end: text.length }));
    const byDiagnostic = new Map<EngineDiagnostic, QuickFix[]>();
    for (const fix of fixes)
      if (fix.diagnostic) byDiagnostic.set(fix.diagnostic, [...(byDiagnostic.get(fix.diagnostic) ?? []), fix]);
    const fixed = new Set([...byDiagnostic.keys()].map((d) => d.code));
    for (const code of [
      'invalid-value',
      'unknown-key',
      'unknown-data-class',
      'unknown-template',
      'cia-uncovered',
      'unmitigated',
      'unknown-backlog-item',
      'missing-field',
    ]) {
      assert.ok(fixed.has(code), `the document has a fixable '${code}'`);
    }
    for (const [diagnostic, offered] of byDiagnostic) {
      assert.strictEqual(
        offered.filter((fix) => fix.isPreferred).length,
        1,
        `${covers(text, diagnostic)}: ${offered.map((fix) => fix.title).join(' / ')}`,
      );
    }
    // Every missing field gets its fix: the misspelt actor, the absent id, the empty threatens, the acceptance's reason and until.
    const missing = workspace.diagnostics(MAIN_URI).filter((d) => d.code === 'missing-field');
    assert.deepStrictEqual(
      missing.map((d) => [d.data?.field, byDiagnostic.get(d)?.map((fix) => fix.title)]),
      [
        ['actor', ["Add 'actor: TODO'"]],
        ['id', ["Add 'id: AB-the-amount-is-changed'"]],
        // 'integrty' threatens nothing, so confidentiality is the first dimension left uncovered.
        ['threatens', ["Add 'threatens: [confidentiality]'"]],
        ['reason', ["Add 'reason: TODO'"]],
        ['until', ["Add 'until: 2027-02-24'"]],
      ],
    );
  });

  describe('reveal what they insert, and plan what they add', () => {
    const BACKLOG_FILE = 'file:///workspace/backlog.usecase.yaml';
    const BACKLOG_ITEMS = `
      backlog:
        - id: RM-101
          title: Share a roadmap
        - id: RM-140
          title: Expire links
        - id: OPS-7
          title: Monitoring
    `;
    const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    it('selects the id of the abuse case it added, in the text after the fix', () => {
      const { fix, after } = applyFix(
        'cia-uncovered',
        `
        use_cases:
          - id: UC-pay
            title: Pay an invoice by card
            actor: Customer
            data: [⟦payment⟧]
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak, and the card form goes down
                threatens: [confidentiality, availability]
                likelihood: rare
                impact: minor
      `,
      );
      assert.ok(fix.select, 'the fix says what to select');
      const selected = after.slice(fix.select.start, fix.select.end);
      assert.match(selected, /^AB-[\w-]+$/);
      assert.match(after, new RegExp(`\\n {6}- id: ${escaped(selected)}\\n {8}title: `));
    });

    it('selects the first mitigation it added', () => {
      const { fix, after } = applyFix(
        'unmitigated',
        `
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Customer
            abuse_cases:
              - id: ⟦AB-stuffing⟧
                title: Credential stuffing with leaked passwords
                threatens: [confidentiality]
                template: credential-stuffing
                likelihood: likely
                impact: major
      `,
      );
      const selected = after.slice(fix.select!.start, fix.select!.end);
      assert.ok(selected.length > 10, JSON.stringify(selected));
      assert.match(after, new RegExp(`\\n {10}- title: ${escaped(selected)}\\n`));
    });

    it("creates the backlog item of an unplanned mitigation in the workspace's backlog file, numbered in its own pattern", () => {
      const { fix, after, othersAfter } = applyFix(
        'unplanned-mitigation',
        `
        use_cases:
          - id: UC-share
            title: Share a link
            actor: Product manager
            backlog: [RM-101]
            abuse_cases:
              - id: AB-forwarded
                title: The link is forwarded
                threatens: [confidentiality]
                mitigations:
                  - title: ⟦Links expire after 30 days⟧
                    status: proposed
                  - title: Owners can revoke a link
                    backlog: []
      `,
        { others: { [BACKLOG_FILE]: BACKLOG_ITEMS } },
      );
      assert.strictEqual(fix.title, 'Create backlog item RM-141 for this mitigation');
      assert.match(after, /- title: Links expire after 30 days\n {12}status: proposed\n {12}backlog: \[RM-141\]\n/);
      assert.match(
        othersAfter[BACKLOG_FILE],
        /- id: OPS-7\n {4}title: Monitoring\n {2}- id: RM-141\n {4}title: Links expire after 30 days\n {4}security: true\n/,
      );
    });

    it('offers, on the id of an abuse case, the backlog items of all its unplanned mitigations at once', () => {
      const { text, cursor } = marked(
        dedent(`
        backlog:
          - id: RM-7
            title: Sign in
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Customer
            backlog: [RM-7]
            abuse_cases:
              - id: AB-stu|ffing
                title: Credential stuffing
                threatens: [confidentiality]
                mitigations:
                  - title: Rate-limit sign-in attempts
                  - title: Check passwords against known breaches
                    backlog: []
      `),
        { cursor: true },
      );
      const workspace = workspaceWith(text);
      const [followUp] = quickFixesFor(workspace, MAIN_URI, { start: cursor!, end: cursor! }).filter(
        (fix) => !fix.diagnostic,
      );
      assert.strictEqual(followUp?.title, "Create backlog items RM-8, RM-9 for the 2 mitigations of 'AB-stuffing'");
      const after = applyEdits(text, followUp.edits);
      assert.match(
        after,
        /- id: RM-7\n {4}title: Sign in\n {2}- id: RM-8\n {4}title: Rate-limit sign-in attempts\n {4}security: true\n {2}- id: RM-9\n/,
      );
      const findings = countByCode(workspaceWith(after).diagnostics(MAIN_URI));
      assert.strictEqual(findings.get('unplanned-mitigation') ?? 0, 0);
      assert.strictEqual(findings.get('unknown-backlog-item') ?? 0, 0);
      assert.deepStrictEqual(
        STRUCTURAL_CODES.filter((code) => findings.has(code)),
        [],
      );
    });
  });

  describe('suppressions', () => {
    const pay = (vendors: string, comment = '') => `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          abuse_cases: []${comment}
          vendors: ${vendors}
    `;

    it('suppresses a finding with a disable-next-line comment above its line, at its indentation, the cursor on the reason', () => {
      const { fix, after } = applyFix('unknown-vendor', pay('[⟦strype⟧]'), { titleMatches: /^Suppress/ });
      assert.strictEqual(fix.title, "Suppress 'unknown-vendor' on this line");
      assert.ok(!fix.isPreferred, 'fixing the finding comes first');
      assert.strictEqual(
        after,
        dedent(pay('[strype]', '\n          # abuse-cases-disable-next-line unknown-vendor -- ')),
      );
      assert.strictEqual(
        after.slice(0, fix.select!.start).split('\n').at(-1),
        '    # abuse-cases-disable-next-line unknown-vendor -- ',
      );
      assert.deepStrictEqual(
        workspaceWith(after)
          .suppressed(MAIN_URI)
          .map(({ finding }) => finding.code),
        ['unknown-vendor'],
      );
    });

    it('keeps CRLF line endings in the comment it inserts', () => {
      const after = expectFix('unknown-vendor', pay('[⟦strype⟧]'), { titleMatches: /^Suppress/, eol: '\r\n' });
      assert.match(after, /\r\n {4}# abuse-cases-disable-next-line unknown-vendor -- \r\n {4}vendors:/);
    });

    it('is offered for every finding but those about suppressions', () => {
      const { text } = marked(
        dedent(pay('[strype]', '\n          # abuse-cases-disable-next-line unknown-vendr, no-abuse-cases')),
      );
      const workspace = workspaceWith(text);
      const titles = quickFixesFor(workspace, MAIN_URI, { start: 0, end: text.length }).map((fix) => fix.title);
      assert.ok(titles.includes("Suppress 'unknown-vendor' on this line"));
      assert.ok(titles.includes("Suppress 'no-abuse-cases' on this line"));
      assert.ok(
        !titles.some((title) => /Suppress '(unknown-rule|unused-suppression)'/.test(title)),
        titles.join(' / '),
      );
    });

    it('removes an unused suppression: the whole comment line when nothing of it is used', () => {
      const source = pay(
        '[stripe]',
        '\n          # abuse-cases-disable-next-line ⟦unknown-vendor⟧ -- in the payments repo',
      );
      const { fix, after } = applyFix(
        'unused-suppression',
        `${source}\n      vendors:\n        - id: stripe\n          name: Stripe\n`,
        { editsComment: true },
      );
      assert.strictEqual(fix.title, 'Remove this unused suppression');
      assert.ok(!after.includes('abuse-cases-disable'));
      assert.match(after, /abuse_cases: \[\]\n {4}vendors: \[stripe\]\n/);
    });

    it('removes an unused suppression: only the unused name when another of the list is used', () => {
      const { fix, after } = applyFix(
        'unused-suppression',
        pay('[strype]', '\n          # abuse-cases-disable-next-line ⟦unknown-data-class⟧, unknown-vendor -- mine'),
        { editsComment: true },
      );
      assert.strictEqual(fix.title, "Remove 'unknown-data-class' from this suppression");
      assert.match(after, /\n {4}# abuse-cases-disable-next-line unknown-vendor -- mine\n/);
      const last = expectFix(
        'unused-suppression',
        pay('[strype]', '\n          # abuse-cases-disable-next-line unknown-vendor, ⟦unknown-data-class⟧ -- mine'),
        { editsComment: true },
      );
      assert.match(last, /\n {4}# abuse-cases-disable-next-line unknown-vendor -- mine\n/);
    });

    it('corrects a misspelt rule name to the closest code', () => {
      const after = expectFix(
        'unknown-rule',
        pay('[strype]', '\n          # abuse-cases-disable-next-line ⟦unknwn-vendor⟧ -- payments repo'),
        { editsComment: true },
      );
      assert.match(after, /# abuse-cases-disable-next-line unknown-vendor -- payments repo\n/);
      assert.deepStrictEqual(
        workspaceWith(after)
          .suppressed(MAIN_URI)
          .map(({ finding }) => finding.code),
        ['unknown-vendor'],
      );
    });
  });
});
