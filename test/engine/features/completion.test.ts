import { BUILT_IN_TEMPLATES } from '../../../server/src/engine/catalog';
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { buildModel, useCaseAt } from '../../../server/src/engine/model';
import { parseYamlTree } from '../../../server/src/engine/yamlTree';
import { Completion, completionsAt, documentationOf } from '../../../server/src/engine/features/completion';
import { MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';
import {
  atCursor,
  BACKLOG_URI,
  CursorDocument,
  resolveSnippet,
  STRUCTURAL_CODES,
  TEAM_CATALOG_URI,
  workspaceWith,
} from '../../helpers/features';

function complete(
  source: string,
  others: Record<string, string> = {},
  uri = MAIN_URI,
): Completion[] & { document: CursorDocument } {
  const document = atCursor(source, others, uri);
  return Object.assign(completionsAt(document.workspace, document.uri, document.offset), { document });
}

const labels = (completions: readonly Completion[]) => completions.map((completion) => completion.label);
const byLabel = (completions: readonly Completion[], label: string) => {
  const found = completions.find((completion) => completion.label === label);
  assert.ok(found, `no completion '${label}' among ${labels(completions).join(', ')}`);
  return found;
};
/** In the order the editor shows them: by sortText (else label), compared as plain strings. */
const sorted = (completions: readonly Completion[]) =>
  [...completions].sort((a, b) => {
    const [x, y] = [a.sortText ?? a.label, b.sortText ?? b.label];
    return x < y ? -1 : x > y ? 1 : 0;
  });

const TEAM_CATALOG = `
  templates:
    - id: invoice-forgery
      title: "A forged invoice is paid: money goes to a fraudster"
      description: A supplier's invoice is forged and paid.
      intent: malicious
      actor: Fraudster
      threatens: [integrity]
      stride: tampering
      data: [payment]
      keywords: [invoice, pay]
      likelihood: possible
      impact: major
      mitigations:
        - title: Check new payees by phone
          controls: [nist-800-53:AC-5]
`;

const BACKLOG = `
  backlog:
    - id: RM-7
      title: Roadmaps epic
      type: epic
    - id: RM-101
      title: Share a roadmap
      status: in-progress
      sprint: "2026.23"
`;

describe('completion', () => {
  describe('keys', () => {
    it('offers the keys of an abuse case not yet written, on a blank line between its keys', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                |
                threatens: [confidentiality]
      `);
      const at = completions.document.offset;
      // The risk acceptance comes as a whole snippet too, before the keys.
      assert.deepStrictEqual(labels(sorted(completions)), [
        'Risk acceptance',
        'actor',
        'intent',
        'description',
        'template',
        'likelihood',
        'impact',
        'mitigations',
        'accepted',
      ]);
      assert.ok(
        completions.every(
          (completion) =>
            completion.kind === (completion.label === 'Risk acceptance' ? 'snippet' : 'property') &&
            completion.range.start === at &&
            completion.range.end === at,
        ),
      );
      assert.strictEqual(byLabel(completions, 'intent').insertText, 'intent: ${1|malicious,unwitting|}');
      assert.strictEqual(byLabel(completions, 'intent').detail, 'malicious | unwitting');
      // A nested list goes on the next line, two columns in from the cursor.
      assert.strictEqual(byLabel(completions, 'mitigations').insertText, 'mitigations:\n          - $0');
      assert.strictEqual(byLabel(completions, 'actor').insertText, 'actor: $0');
    });

    it('offers the keys of a use case, required ones first', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            |
      `);
      assert.deepStrictEqual(labels(sorted(completions)), [
        'actor',
        'description',
        'backlog',
        'data',
        'cia',
        'steps',
        'vendors',
        'lawful_basis',
        'retention',
        'special_category_condition',
        'abuse_cases',
      ]);
      assert.strictEqual(byLabel(completions, 'actor').detail, 'required · text');
      assert.strictEqual(byLabel(completions, 'data').insertText, 'data: [$1]');
      assert.strictEqual(byLabel(completions, 'abuse_cases').insertText, 'abuse_cases:\n      - $0');
      assert.match(documentationOf(byLabel(completions, 'cia'))!, /overrides what the data classes imply/);
    });

    it('offers the keys of a mitigation', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                threatens: [confidentiality]
                mitigations:
                  - title: Tokenise card numbers
                    |
      `);
      assert.deepStrictEqual(labels(sorted(completions)), [
        'backlog',
        'status',
        'controls',
        'answers',
        'verified_on',
        'reverify_every',
      ]);
      assert.strictEqual(
        byLabel(completions, 'status').insertText,
        'status: ${1|proposed,planned,implemented,verified|}',
      );
    });

    it('offers the top-level keys of a use-case file', () => {
      assert.deepStrictEqual(labels(complete('product: Roadmaps\n|\nuse_cases: []\n')), [
        'backlog',
        'vendors',
        'feedback',
      ]);
      const empty = complete('# Roadmaps\n|');
      assert.deepStrictEqual(labels(empty), [
        'New use-case file',
        'product',
        'backlog',
        'use_cases',
        'vendors',
        'feedback',
      ]);
      assert.strictEqual(byLabel(empty, 'use_cases').insertText, 'use_cases:\n  - $0');
    });

    it('offers the keys of a team catalog file, at its top level and in a template', () => {
      const top = complete('# Team threat catalog\n|', {}, TEAM_CATALOG_URI);
      assert.deepStrictEqual(labels(top), ['templates']);
      assert.strictEqual(top[0].insertText, 'templates:\n  - $0');

      const inTemplate = complete(
        `
        templates:
          - id: invoice-forgery
            title: A forged invoice is paid
            |
        `,
        {},
        TEAM_CATALOG_URI,
      );
      assert.deepStrictEqual(labels(sorted(inTemplate)), [
        'description',
        'intent',
        'actor',
        'threatens',
        'stride',
        'data',
        'mitigations',
        'capec',
        'cwe',
        'family',
        'keywords',
        'likelihood',
        'impact',
      ]);
    });

    it('replaces a half-typed key', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                thr|
      `);
      const threatens = byLabel(completions, 'threatens');
      const { text, offset } = completions.document;
      assert.strictEqual(text.slice(threatens.range.start, threatens.range.end), 'thr');
      assert.strictEqual(threatens.range.end, offset);
      assert.strictEqual(threatens.insertText, 'threatens: [$1]');
      assert.strictEqual(threatens.detail, 'required · list of confidentiality | integrity | availability');
      assert.ok(!labels(completions).includes('title'));
    });
  });

  describe('values', () => {
    const ABUSE_CASE = (line: string) => `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          abuse_cases:
            - id: AB-leak
              title: Card numbers leak
              ${line}
    `;

    it('offers the CIA dimensions not yet listed in a flow list, with their NIST definition', () => {
      const completions = complete(ABUSE_CASE('threatens: [confidentiality, |]'));
      assert.deepStrictEqual(labels(completions), ['integrity', 'availability']);
      assert.strictEqual(byLabel(completions, 'integrity').insertText, 'integrity');
      assert.match(
        documentationOf(byLabel(completions, 'integrity'))!,
        /Guarding against improper information modification/,
      );
      const atCursorOnly = completions.every(
        (completion) =>
          completion.range.start === completions.document.offset &&
          completion.range.end === completions.document.offset,
      );
      assert.ok(atCursorOnly);
    });

    it('offers the dimensions in a block list too, and wraps a value typed after the key in brackets', () => {
      const block = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                threatens:
                  - availability
                  - |
      `);
      assert.deepStrictEqual(labels(block), ['confidentiality', 'integrity']);
      const afterKey = complete(ABUSE_CASE('threatens: |'));
      assert.deepStrictEqual(
        afterKey.map((completion) => completion.insertText),
        ['[confidentiality]', '[integrity]', '[availability]'],
      );
    });

    it('offers likelihoods, impacts and intents, replacing what is typed', () => {
      assert.deepStrictEqual(labels(complete(ABUSE_CASE('likelihood: |'))), [
        'rare',
        'unlikely',
        'possible',
        'likely',
        'almost-certain',
      ]);
      assert.deepStrictEqual(labels(complete(ABUSE_CASE('impact: |'))), [
        'negligible',
        'minor',
        'moderate',
        'major',
        'severe',
      ]);
      const intent = complete(ABUSE_CASE('intent: un|'));
      assert.deepStrictEqual(labels(intent), ['malicious', 'unwitting']);
      const { text } = intent.document;
      assert.ok(intent.every((completion) => text.slice(completion.range.start, completion.range.end) === 'un'));
    });

    it("offers a backlog item's statuses and types, and a mitigation's own statuses", () => {
      const item = (line: string) => `
        backlog:
          - id: RM-1
            title: Share a roadmap
            ${line}
      `;
      assert.deepStrictEqual(labels(complete(item('status: |'))), ['todo', 'in-progress', 'done']);
      assert.deepStrictEqual(labels(complete(item('type: |'))), ['epic', 'story', 'task', 'bug', 'spike']);
      assert.deepStrictEqual(labels(complete(item('security: |'))), ['true', 'false']);
      const mitigation = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                threatens: [confidentiality]
                mitigations:
                  - title: Tokenise card numbers
                    status: |
      `);
      assert.deepStrictEqual(labels(mitigation), ['proposed', 'planned', 'implemented', 'verified']);
    });

    it('offers CIA levels under cia:, explained for the dimension', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            cia:
              integrity: |
      `);
      assert.deepStrictEqual(labels(completions), ['none', 'low', 'medium', 'high']);
      assert.match(
        documentationOf(byLabel(completions, 'high'))!,
        /^\*\*high\*\* integrity — A loss would have a severe or catastrophic adverse effect/,
      );
    });

    it('offers the data classes not yet listed, with what each requires', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            data: [pii, |]
      `);
      assert.ok(!labels(completions).includes('pii'));
      assert.deepStrictEqual(labels(completions), [
        'public',
        'internal',
        'sensitive-pii',
        'credentials',
        'payment',
        'financial',
        'health',
        'customer-content',
        'audit-log',
        'telemetry',
      ]);
      assert.strictEqual(byLabel(completions, 'payment').detail, 'C high · I high · A medium');
      assert.strictEqual(byLabel(completions, 'public').detail, 'C none · I medium · A low');
      assert.match(documentationOf(byLabel(completions, 'payment'))!, /\| high \| high \| medium \|/);
    });

    it('offers a date three months ahead for an acceptance', () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            abuse_cases:
              - id: AB-leak
                title: Card numbers leak
                threatens: [confidentiality]
                accepted:
                  until: |
      `);
      assert.deepStrictEqual(labels(completions), ['2027-02-24']);
    });
  });

  describe('backlog references', () => {
    it("offers the backlog items of another file in a use case's backlog, with their titles", () => {
      const completions = complete(
        `
        use_cases:
          - id: UC-share
            title: Share a roadmap
            actor: Product manager
            backlog: [|]
        `,
        { [BACKLOG_URI]: BACKLOG },
      );
      assert.deepStrictEqual(
        completions.map((completion) => [completion.label, completion.detail, completion.kind, completion.insertText]),
        [
          ['RM-7', 'Roadmaps epic', 'reference', 'RM-7'],
          ['RM-101', 'Share a roadmap', 'reference', 'RM-101'],
        ],
      );
      assert.match(documentationOf(byLabel(completions, 'RM-101'))!, /story · in-progress · sprint 2026\.23/);
    });

    it("offers them in a mitigation's backlog, leaving out those listed", () => {
      const completions = complete(
        `
        use_cases:
          - id: UC-share
            title: Share a roadmap
            actor: Product manager
            abuse_cases:
              - id: AB-leak
                title: The link leaks
                threatens: [confidentiality]
                mitigations:
                  - title: Expire links
                    backlog: [RM-101, |]
        `,
        { [BACKLOG_URI]: BACKLOG },
      );
      assert.deepStrictEqual(
        completions.map((completion) => [completion.label, completion.detail]),
        [['RM-7', 'Roadmaps epic']],
      );
    });

    it("offers them as an item's parent", () => {
      const completions = complete(
        `
        backlog:
          - id: RM-102
            title: Revoke a link
            parent: |
        `,
        { [BACKLOG_URI]: BACKLOG },
      );
      assert.deepStrictEqual(byLabel(completions, 'RM-7').detail, 'Roadmaps epic');
      assert.ok(labels(completions).includes('RM-101'));
    });
  });

  describe('templates', () => {
    const PAY = (abuseCases: string) => `
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          data: [payment]
          abuse_cases:
            - id: AB-credential-stuffing
              title: Card numbers leak from the logs
              threatens: [confidentiality]
              template: card-data-stored
              accepted: {by: Ann (CISO), reason: Tokenised soon, until: 2027-01-31}
${abuseCases}
    `;

    it("offers catalog ids for 'template:', ranked for the use case, with the team's templates", () => {
      const completions = complete(
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
                template: |
        `,
        { [TEAM_CATALOG_URI]: TEAM_CATALOG },
      );
      const inOrder = sorted(completions);
      assert.strictEqual(completions.length, BUILT_IN_TEMPLATES.length + 1);
      // Confidentiality is covered; integrity (high) is not.
      const first = completions.document.workspace.templateOf(inOrder[0].label)!;
      assert.ok(first.threatens.includes('integrity'), `${first.id} threatens ${first.threatens}`);
      const team = byLabel(completions, 'invoice-forgery');
      assert.strictEqual(team.detail, 'A forged invoice is paid: money goes to a fraudster');
      assert.strictEqual(team.insertText, 'invoice-forgery');
      assert.match(
        documentationOf(byLabel(completions, 'credential-stuffing'))!,
        /capec\.mitre\.org\/data\/definitions\/600\.html/,
      );
    });

    it("offers whole abuse cases after '- ' in abuse_cases, ranked first, as snippets indented to the cursor", () => {
      const completions = complete(PAY('            - |'), { [TEAM_CATALOG_URI]: TEAM_CATALOG });
      const templates = completions.filter((completion) => completion.kind === 'template');
      const keys = completions.filter((completion) => completion.kind === 'property');
      assert.strictEqual(
        templates.length,
        BUILT_IN_TEMPLATES.length,
        'the built-in templates and 1 team template, less the one the use case uses',
      );
      assert.ok(keys.length > 0, 'the keys of an abuse case are offered too');
      assert.ok(
        sorted(completions)
          .slice(0, templates.length)
          .every((completion) => completion.kind === 'template'),
      );
      assert.strictEqual(templates.filter((completion) => completion.preselect).length, 1);

      const forgery = templates.find((completion) => completion.filterText?.startsWith('invoice-forgery '))!;
      assert.ok(forgery.isSnippet);
      assert.strictEqual(forgery.label, 'A forged invoice is paid: money goes to a fraudster');
      assert.strictEqual(forgery.detail, 'Abuse case · threatens integrity');
      assert.strictEqual(
        forgery.insertText,
        [
          'id: ${1:AB-invoice-forgery}',
          '        title: ${2:"A forged invoice is paid: money goes to a fraudster"}',
          '        actor: ${3:Fraudster}',
          '        intent: malicious',
          '        threatens: [integrity]',
          '        template: invoice-forgery',
          '        likelihood: ${4|possible,rare,unlikely,likely,almost-certain|}',
          '        impact: ${5|major,negligible,minor,moderate,severe|}',
          '        mitigations:',
          '          - title: ${6:Check new payees by phone}',
          '            backlog: [$7]',
          '            status: proposed',
          '            controls: [nist-800-53:AC-5]',
        ].join('\n'),
      );
      for (const template of templates) {
        const id = template.filterText!.split(' ')[0];
        const lines = template.insertText.split('\n');
        assert.match(lines[0], /^id: \$\{1:AB-[a-z0-9-]+\}$/);
        for (const part of [
          `template: ${id}`,
          'threatens: [',
          'likelihood: ${',
          'impact: ${',
          'mitigations:',
          '${2:',
        ]) {
          assert.ok(template.insertText.includes(part), `${id} inserts '${part}'`);
        }
        assert.ok(
          lines.slice(1).every((line) => line.startsWith('        ') && !line.startsWith('         -')),
          `${id} is indented to column 8`,
        );
      }
    });

    it('ranks first a template that threatens what the use case leaves uncovered', () => {
      const completions = complete(PAY('            - |'));
      const first = sorted(completions)[0];
      assert.strictEqual(first.kind, 'template');
      assert.match(first.detail!, /^Abuse case · threatens .*integrity/);
      assert.match(documentationOf(first)!, /^\*Suggested because it covers integrity/);
    });

    it('does not offer a template the use case already uses, and numbers an id already taken', () => {
      const completions = complete(PAY('            - |')).filter((completion) => completion.kind === 'template');
      const ids = completions.map((completion) => completion.filterText!.split(' ')[0]);
      assert.ok(!ids.includes('card-data-stored'));
      const stuffing = completions.find((completion) => completion.filterText!.startsWith('credential-stuffing '))!;
      assert.match(stuffing.insertText, /^id: \$\{1:AB-credential-stuffing-2\}\n/);
    });

    it("offers whole abuse cases, dash included, on a blank line directly under 'abuse_cases:'", () => {
      const completions = complete(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            data: [payment]
            abuse_cases:
              |
      `);
      const templates = completions.filter((completion) => completion.kind === 'template');
      assert.strictEqual(templates.length, BUILT_IN_TEMPLATES.length);
      assert.deepStrictEqual(
        completions.filter((completion) => completion.kind !== 'template').map((completion) => completion.label),
        ['Abuse case (malicious)', 'Abuse case (unwitting)'],
      );
      for (const completion of templates) {
        const lines = completion.insertText.split('\n');
        assert.match(lines[0], /^- id: \$\{1:AB-/);
        assert.ok(
          lines.slice(1).every((line) => line.startsWith('        ')),
          completion.label,
        );
        assert.match(lines[1], /^ {8}title: /);
      }
    });

    describe('the inserted abuse case, placeholders resolved, is valid and complete', () => {
      const cases: [string, string][] = [
        ["after '- ', with an abuse case before it", PAY('            - |')],
        [
          "after '- ', before another abuse case and use case",
          `
          use_cases:
            - id: UC-pay
              title: Pay an invoice
              actor: Customer
              data: [payment]
              abuse_cases:
                - |
                - id: AB-later
                  title: Something else
                  threatens: [availability]
                  accepted: {by: Ann (CISO), reason: Later, until: 2027-01-31}
            - id: UC-refund
              title: Refund an order
              actor: Support agent
              abuse_cases: []
          `,
        ],
        [
          "on a blank line under 'abuse_cases:'",
          `
          use_cases:
            - id: UC-pay
              title: Pay an invoice
              actor: Customer
              data: [payment]
              abuse_cases:
                |
          `,
        ],
      ];
      for (const [name, source] of cases) {
        it(name, () => {
          const completions = complete(source, { [TEAM_CATALOG_URI]: TEAM_CATALOG });
          const { text, offset } = completions.document;
          const templates = completions.filter((completion) => completion.kind === 'template');
          assert.strictEqual(
            templates.length,
            BUILT_IN_TEMPLATES.length + (name.startsWith("after '- ', with") ? 0 : 1),
          );
          const before = workspaceWith(text, { [TEAM_CATALOG_URI]: TEAM_CATALOG }).file(MAIN_URI)!.model.useCases[0]
            .abuseCases.length;
          for (const completion of templates) {
            const id = completion.filterText!.split(' ')[0];
            const inserted = resolveSnippet(completion.insertText);
            assert.ok(!/\$\{|\$\d/.test(inserted), `${id}: every placeholder is resolved`);
            const after = text.slice(0, completion.range.start) + inserted + text.slice(completion.range.end);
            assert.strictEqual(completion.range.start, offset);
            const workspace = workspaceWith(after, { [TEAM_CATALOG_URI]: TEAM_CATALOG });
            const problems = workspace.diagnostics(MAIN_URI).filter((d) => STRUCTURAL_CODES.includes(d.code));
            assert.deepStrictEqual(
              problems.map((d) => `${d.code}: ${d.message}`),
              [],
              `${id} inserted:\n${after}`,
            );
            const abuseCases = workspace.file(MAIN_URI)!.model.useCases[0].abuseCases;
            assert.strictEqual(abuseCases.length, before + 1, id);
            const added = abuseCases.find((abuseCase) => abuseCase.template?.value === id);
            assert.ok(added, `${id}: the use case has the abuse case`);
            const template = workspace.templateOf(id)!;
            assert.deepStrictEqual(
              added.threatens.map((threat) => threat.value),
              template.threatens,
            );
            assert.strictEqual(added.title, template.title);
            assert.strictEqual(added.mitigations.length, template.mitigations.length);
            assert.ok(added.likelihood && added.impact, `${id} is rated`);
          }
        });
      }
    });
  });

  describe('nothing to offer', () => {
    const expectNone = (source: string) => assert.deepStrictEqual(labels(complete(source)), []);

    it('offers nothing in a free-text value', () => {
      expectNone(`
        use_cases:
          - id: UC-pay
            title: |
      `);
      expectNone(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            actor: Customer
            steps: [Open the invoice, |]
      `);
    });

    it('offers nothing outside the structures the format knows', () => {
      expectNone('notes:\n  owner: |\n');
      expectNone(`
        use_cases:
          - id: UC-pay
            title: Pay an invoice
            notes:
              owner: |
      `);
      expectNone('just some words\n|');
    });
  });

  it('completes the capabilities of the baseline in answers:, the questions not answered yet first', () => {
    const completions = complete(`
      product: Notes
      backlog:
        - id: NT-1
          title: Patch day
          answers: [|]
      use_cases:
        - id: UC-publish
          title: Publish a public note
          actor: Member
          data: [public]
    `);
    const first = sorted(completions).slice(0, 2);
    assert.deepStrictEqual(labels(first), ['patching', 'incident-readiness']);
    assert.strictEqual(first[0].detail, 'Patching · not answered yet');
    assert.strictEqual(labels(completions).length, 12);
  });

  it('offers today for the day a verification or recurring work was done, and three months ahead for an acceptance', () => {
    const done = complete('backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: monthly\n    last_done: |\n');
    assert.deepStrictEqual(
      done.map((item) => [item.label, item.detail]),
      [['2026-11-24', 'today']],
    );
  });
});

describe('completion of vendors and privacy', () => {
  it('offers the vendors of the workspace with where their review stands, and the lawful bases with what each means', () => {
    const vendors =
      '\nvendors:\n  - id: stripe\n    name: Stripe\n    receives: [payment]\n    review: { by: Dana, on: 2026-01-10, until: 2026-12-31 }\n  - id: sendgrid\n    name: SendGrid\n';
    const useCase = (line: string) =>
      `use_cases:\n  - id: UC-pay\n    title: Pay\n    actor: Customer\n    ${line}\n${vendors}`;
    const offered = complete(useCase('vendors: [|]'));
    assert.deepStrictEqual(
      offered.map((item) => [item.label, item.detail]),
      [
        ['stripe', 'Stripe · reviewed until 2026-12-31'],
        ['sendgrid', 'SendGrid · not reviewed'],
      ],
    );
    const bases = complete(useCase('lawful_basis: |'));
    assert.deepStrictEqual(
      bases.map((item) => item.label),
      ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'],
    );
    assert.match(String(bases[0].documentation), /withdraw/);
    const retention = complete(useCase('retention: |')).map((item) => item.label);
    assert.ok(retention.includes('until-account-deleted') && retention.includes('1y'), retention.join());
  });
});

describe('completion of sources and releases', () => {
  const backlog = (line: string) =>
    `feedback:\n  - id: FB-12\n    summary: Export as PDF\n    from: support tickets\nbacklog:\n  - id: RM-1\n    title: A\n    release: "2027.2"\n  - id: RM-2\n    title: B\n    release: "2027.10"\n  - id: RM-3\n    title: C\n    ${line}\n`;

  it('offers the releases the backlog names, in release order, with how many items ship in each', () => {
    assert.deepStrictEqual(
      complete(backlog('release: |')).map((item) => [item.label, item.detail]),
      [
        ['2027.2', '1 backlog item'],
        ['2027.10', '1 backlog item'],
      ],
    );
  });

  it('offers the kinds of source with what each means, and the feedback ids with their summaries', () => {
    const kinds = complete(backlog('source: { kind: | }'));
    assert.deepStrictEqual(
      kinds.map((item) => item.label),
      ['feedback', 'research', 'analytics', 'regulation', 'security', 'internal'],
    );
    assert.match(String(kinds[0].documentation), /Users asked for it/);
    assert.deepStrictEqual(
      complete(backlog('source: { kind: feedback, ref: | }')).map((item) => [item.label, item.detail]),
      [['FB-12', 'Export as PDF']],
    );
  });
});

describe('the use case at the cursor (useCaseAt)', () => {
  const EXAMPLES = path.resolve(__dirname, '../../../../examples');
  // An abuse case aliased into two use cases: read whole, as the model reads aliases.
  const ALIASED = dedent(`
    use_cases:
      - id: UC-a
        title: Export a report
        abuse_cases:
          - &shared
            id: AB-shared
            title: A report reaches the wrong team
            threatens: [confidentiality]
      - id: UC-b
        title: Share a report
        abuse_cases:
          - *shared
  `);

  it('is the use case the whole model has there, at every place of every example', () => {
    const texts = readdirSync(EXAMPLES)
      .filter((name) => name.endsWith('.usecase.yaml'))
      .map((name) => readFileSync(path.join(EXAMPLES, name), 'utf8'));
    let compared = 0;
    for (const text of [...texts, ALIASED]) {
      const tree = parseYamlTree(text);
      const useCases = buildModel(tree).useCases;
      compared += useCases.length;
      for (let offset = 0; offset <= text.length; offset += 5) {
        const expected = useCases.find((useCase) => useCase.range.start <= offset && offset <= useCase.range.end);
        assert.deepStrictEqual(useCaseAt(tree, offset), expected, `at ${offset} of ${text.slice(0, 60)}`);
      }
    }
    assert.ok(compared > 10, `${compared} use cases`);
  });
});
