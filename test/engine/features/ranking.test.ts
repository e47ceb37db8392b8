import * as assert from 'assert';
import { Workspace } from '../../../server/src/engine';
import { rankTemplates, RankedTemplate, templateMatching } from '../../../server/src/engine/features/ranking';
import { AbuseCase, UseCase } from '../../../server/src/engine/model';
import { MAIN_URI, TODAY } from '../../helpers/engine';
import { workspaceWith } from '../../helpers/features';
import { dedent } from '../../helpers/marked';

/** The first use case of the document, in its workspace. */
function useCaseOf(source: string): { useCase: UseCase; workspace: Workspace } {
  const workspace = workspaceWith(dedent(source));
  const useCase = workspace.file(MAIN_URI)!.model.useCases[0];
  assert.ok(useCase, 'the document has a use case');
  return { useCase, workspace };
}

function rank(
  source: string,
  options: { dimension?: 'confidentiality' | 'integrity' | 'availability' } = {},
): readonly RankedTemplate[] {
  const { useCase, workspace } = useCaseOf(source);
  return rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, { ...options, today: TODAY });
}

const ids = (ranked: readonly RankedTemplate[]) => ranked.map((entry) => entry.template.id);

function abuseCaseOf(source: string): { abuseCase: AbuseCase; workspace: Workspace } {
  const { useCase, workspace } = useCaseOf(source);
  return { abuseCase: useCase.abuseCases[0], workspace };
}

describe('rankTemplates', () => {
  const PAY = `
    use_cases:
      - id: UC-pay
        title: Pay an invoice
        actor: Customer
        data: [payment]
        abuse_cases:
          - id: AB-card-leak
            title: Card numbers leak from the logs
            threatens: [confidentiality]
            template: card-data-stored
  `;

  it('puts a template threatening integrity first for payment data that no abuse case threatens in integrity', () => {
    const ranked = rank(PAY);
    assert.ok(
      ranked[0].template.threatens.includes('integrity'),
      `first: ${ranked[0].template.id} threatens ${ranked[0].template.threatens}`,
    );
    // Integrity is required at high, availability only at medium: every integrity template comes before any other.
    const lastIntegrity = ranked.map((entry) => entry.template.threatens.includes('integrity')).lastIndexOf(true);
    const firstOther = ranked.findIndex((entry) => !entry.template.threatens.includes('integrity'));
    assert.ok(lastIntegrity < firstOther, `${ids(ranked)[firstOther]} ranks above ${ids(ranked)[lastIntegrity]}`);
    // Among the rest, those closing the medium availability gap come before those closing nothing.
    const rest = ranked.slice(firstOther);
    const lastAvailability = rest.map((entry) => entry.template.threatens.includes('availability')).lastIndexOf(true);
    const firstConfidentialityOnly = rest.findIndex((entry) => !entry.template.threatens.includes('availability'));
    assert.ok(lastAvailability < firstConfidentialityOnly);
  });

  it('explains a suggestion with the dimension it covers and the data class that requires it', () => {
    const [first] = rank(PAY);
    const reasons = first.reasons.join('; ');
    assert.match(reasons, /integrity/);
    assert.match(reasons, /required high/);
    assert.match(reasons, /'payment'/);
  });

  it('leaves out the templates the use case already uses, and nothing else', () => {
    const ranked = rank(PAY);
    assert.ok(!ids(ranked).includes('card-data-stored'));
    const catalog = workspaceWith('').catalog();
    assert.strictEqual(ranked.length, catalog.length - 1);
  });

  it("ranks by the use case's own words within a tier, the data classes only a lesser signal", () => {
    // pii requires confidentiality high and integrity medium: both are threatened, so no template closes a gap.
    const ranked = rank(`
      use_cases:
        - id: UC-login
          title: Sign in with a password
          actor: Member
          data: [pii]
          abuse_cases:
            - id: AB-1
              title: Somebody reads a profile
              threatens: [confidentiality, integrity]
    `);
    // The password templates come first, whether or not they list pii among their data classes.
    assert.ok(
      ranked.slice(0, 6).every((entry) => entry.template.keywords.includes('password')),
      ids(ranked.slice(0, 6)).join(', '),
    );
    assert.match(ranked[0].reasons[0], /^matches .*'password'.* in the use case$/);
    const wordsOnly = ranked.findIndex(
      (entry) => !entry.template.data.includes('pii') && entry.reasons.some((reason) => reason.startsWith('matches')),
    );
    const dataOnly = ranked.findIndex(
      (entry) => entry.template.data.includes('pii') && !entry.reasons.some((reason) => reason.startsWith('matches')),
    );
    assert.ok(
      wordsOnly >= 0 && wordsOnly < dataOnly,
      `${ids(ranked)[dataOnly]} (pii, no word) ranks above ${ids(ranked)[wordsOnly]} (words only)`,
    );
    // Among the templates no word matches, those applying to the data come first.
    const noWord = ranked.filter((entry) => !entry.reasons.some((reason) => reason.startsWith('matches')));
    const lastData = noWord.map((entry) => entry.template.data.includes('pii')).lastIndexOf(true);
    const firstOther = noWord.findIndex((entry) => !entry.template.data.includes('pii'));
    assert.ok(lastData < firstOther);
  });

  it('does not let a template that lists many data classes outrank a narrow one about the use case', () => {
    const ranked = rank(`
      use_cases:
        - id: UC-sign-contract
          title: Sign a contract electronically
          actor: Signer
          description: The signer reviews the PDF and adds their signature.
          data: [pii, audit-log, financial]
          abuse_cases: []
    `);
    // disputed-action ("denies having signed a document") shares fewer data classes than broad templates such as idor.
    assert.strictEqual(ranked[0].template.id, 'disputed-action');
    // 'sign' is the catalog's word for signing only (a sign-in reads as 'login'), so it is a strong match too.
    assert.match(ranked[0].reasons.join('; '), /matches 'sign', 'contract'.* in the use case/);
  });

  it('gives no bonus for threatening more dimensions than the gap needs', () => {
    // Payment data requires confidentiality and integrity at high: a template threatening all three dimensions
    // (SQL injection) closes no more of the high gap than one threatening integrity alone.
    const ranked = rank(`
      use_cases:
        - id: UC-redeem
          title: Redeem a gift card balance
          actor: Shopper
          data: [payment]
          abuse_cases: []
    `);
    assert.strictEqual(ranked[0].template.id, 'balance-race-condition');
    assert.ok(ids(ranked).indexOf('sql-injection') > 10, `sql-injection at ${ids(ranked).indexOf('sql-injection')}`);
  });

  it('names the words of the use case that matched, as the use case writes them', () => {
    const ranked = rank(`
      use_cases:
        - id: UC-cv
          title: Upload a CV
          actor: Applicant
          steps:
            - Attach the file
          abuse_cases: []
    `);
    const fileUpload = ranked.find((entry) => entry.template.id === 'file-upload-abuse')!;
    assert.ok(
      fileUpload.reasons.includes("matches 'upload', 'file', 'attach' in the use case"),
      fileUpload.reasons.join('; '),
    );
  });

  it("does not read 'sign' into 'signature' or 'signup', or generic words into a match", () => {
    const ranked = rank(`
      use_cases:
        - id: UC-sig
          title: Draw a signature for the account name
          actor: User
          abuse_cases: []
    `);
    for (const entry of ranked) {
      const reason = entry.reasons.find((text) => text.startsWith('matches')) ?? '';
      assert.doesNotMatch(reason, /'(sign|signup|account|name|user)'/, `${entry.template.id}: ${reason}`);
    }
    // 'signature' itself does match, where a template has the word.
    assert.ok(ranked.some((entry) => entry.reasons.some((reason) => reason.includes("'signature'"))));
  });

  it('keeps the catalog order among templates nothing tells apart', () => {
    const ranked = rank(`
      use_cases:
        - id: UC-blank
          title: Xyzzy
          actor: Plugh
          abuse_cases: []
    `);
    const catalog = workspaceWith('').catalog();
    assert.deepStrictEqual(
      ids(ranked),
      catalog.map((template) => template.id),
    );
  });

  it('raises templates whose keywords appear in the title and steps', () => {
    const ranked = rank(`
      use_cases:
        - id: UC-share
          title: Share a roadmap through a private link
          actor: Product manager
          abuse_cases: []
    `);
    // No data, so no gap and no data match: the words decide, 'share' and 'link' together first.
    const linkish = (entry: RankedTemplate) =>
      entry.template.keywords.some((keyword) => keyword === 'link' || keyword === 'share');
    assert.ok(ranked.slice(0, 5).every(linkish), ids(ranked.slice(0, 5)).join(', '));
    const both = (entry: RankedTemplate) =>
      ['link', 'share'].every((keyword) => entry.template.keywords.includes(keyword));
    assert.ok(both(ranked[0]), ranked[0].template.id);
    assert.ok(ids(ranked).indexOf('link-leakage') < ids(ranked).indexOf('sql-injection'));
    assert.ok(
      ranked.find((entry) => entry.template.id === 'link-leakage')!.reasons.some((reason) => /'link'/.test(reason)),
    );

    // Steps count too: the same use case without the words in its title still finds the link templates.
    const bySteps = rank(`
      use_cases:
        - id: UC-share
          title: Give a partner the roadmap
          actor: Product manager
          steps:
            - Create a private link
            - Send it by e-mail
          abuse_cases: []
    `);
    assert.ok(ids(bySteps).indexOf('link-forwarding') < ids(bySteps).indexOf('sql-injection'));
    assert.ok(bySteps[0].template.keywords.includes('link'), bySteps[0].template.id);
  });

  it('keeps only the templates threatening a given dimension', () => {
    const ranked = rank(PAY, { dimension: 'availability' });
    assert.ok(ranked.length > 0);
    assert.ok(ranked.every((entry) => entry.template.threatens.includes('availability')));
    const catalog = workspaceWith('').catalog();
    assert.strictEqual(ranked.length, catalog.filter((template) => template.threatens.includes('availability')).length);
  });

  it('ranks a team template like a built-in one', () => {
    const workspace = workspaceWith(dedent(PAY), {
      'file:///workspace/team.abusecatalog.yaml': `
        templates:
          - id: invoice-forgery
            title: A forged invoice is paid
            description: A supplier's invoice is forged.
            intent: malicious
            actor: Fraudster
            threatens: [integrity]
            stride: tampering
            data: [payment]
            keywords: [invoice, pay]
            mitigations:
              - title: Check new payees by phone
      `,
    });
    const ranked = rankTemplates(
      workspace.file(MAIN_URI)!.model.useCases[0],
      workspace.catalog(),
      workspace.dataClasses,
      { today: TODAY },
    );
    assert.strictEqual(ranked[0].template.id, 'invoice-forgery');
    assert.ok(ranked[0].template.origin, 'it is the team template');
  });
});

describe('rankTemplates: one ranking per use-case state', () => {
  const BASE = `
    use_cases:
      - id: UC-pay
        title: Pay an invoice
        description: The customer pays by card.
        steps: [Choose the invoice, Enter the card]
        actor: Customer
        data: [payment]
        cia: { availability: high }
        abuse_cases:
          - id: AB-card-leak
            title: Card numbers leak from the logs
            threatens: [confidentiality]
            template: card-data-stored
  `;
  /** Each changes one thing the ranking reads, so that each ranks differently from BASE. */
  const VARIANTS: Record<string, string> = {
    title: BASE.replace('title: Pay an invoice', 'title: Upload a profile photo'),
    description: BASE.replace('The customer pays by card.', 'A bot floods the page with requests.'),
    steps: BASE.replace('[Choose the invoice, Enter the card]', '[Reset the password by email]'),
    actor: BASE.replace('actor: Customer', 'actor: Administrator who exports reports'),
    data: BASE.replace('data: [payment]', 'data: [health]'),
    'cia level': BASE.replace('availability: high', 'availability: low'),
    'a template used': BASE.replace('template: card-data-stored', 'template: ssrf'),
    'what an abuse case threatens': BASE.replace('threatens: [confidentiality]', 'threatens: [availability]'),
  };

  it('ranks each state as a ranking from scratch does, whichever state it ranked before', () => {
    const workspace = workspaceWith('');
    const catalog = workspace.catalog();
    const ranking = (source: string, fresh: boolean, dimension?: 'integrity') =>
      rankTemplates(
        useCaseOf(source).useCase,
        // A copy of the catalog is one no ranking was kept for.
        fresh ? [...catalog] : catalog,
        workspace.dataClasses,
        { today: TODAY, dimension },
      ).map((entry) => `${entry.template.id} (${entry.reasons.join('; ')})`);
    const base = ranking(BASE, true);
    for (const [changed, source] of Object.entries(VARIANTS)) {
      assert.notDeepStrictEqual(ranking(source, true), base, `changing the ${changed} changes the ranking`);
    }
    // Every state after every other, the base between them: each answer is the one a fresh ranking gives.
    for (const source of [BASE, ...Object.values(VARIANTS), BASE, ...Object.values(VARIANTS).reverse()]) {
      assert.deepStrictEqual(ranking(source, false), ranking(source, true));
    }
    assert.deepStrictEqual(ranking(BASE, false, 'integrity'), ranking(BASE, true, 'integrity'));
    assert.notDeepStrictEqual(ranking(BASE, false, 'integrity'), base);
  });
});

describe('Workspace.catalog', () => {
  const TEAM_URI = 'file:///workspace/team.abusecatalog.yaml';
  const TEAM = dedent(`
    templates:
      - id: invoice-forgery
        title: A forged invoice is paid
        intent: malicious
        actor: Fraudster
        threatens: [integrity]
        data: [payment]
  `);
  const teamTemplate = (workspace: Workspace) =>
    workspace.catalog().find((template) => template.id === 'invoice-forgery');

  it('follows the edits of a team catalog: content, place and removal', () => {
    const workspace = workspaceWith('', { [TEAM_URI]: TEAM });
    const before = workspace.catalog();
    assert.strictEqual(teamTemplate(workspace)?.title, 'A forged invoice is paid');
    workspace.set(MAIN_URI, 'use_cases: []\n');
    assert.strictEqual(workspace.catalog(), before, 'an edit elsewhere keeps the catalog');

    workspace.set(TEAM_URI, TEAM.replace('A forged invoice is paid', 'A forged invoice is paid twice'));
    assert.strictEqual(teamTemplate(workspace)?.title, 'A forged invoice is paid twice');

    const moved = `# Our own threats\n${TEAM.replace('A forged invoice is paid', 'A forged invoice is paid twice')}`;
    workspace.set(TEAM_URI, moved);
    assert.strictEqual(teamTemplate(workspace)?.origin?.range.start, moved.indexOf('invoice-forgery'));

    workspace.set(TEAM_URI, moved.replace('threatens: [integrity]', 'threatens: []'));
    assert.strictEqual(teamTemplate(workspace), undefined, 'an incomplete template leaves the catalog');
    workspace.set(TEAM_URI, moved);
    assert.ok(teamTemplate(workspace));
    workspace.delete(TEAM_URI);
    assert.strictEqual(teamTemplate(workspace), undefined, 'a deleted catalog takes its templates along');
  });
});

describe('templateMatching', () => {
  it('finds the template an abuse case follows from the words of its title', () => {
    const { abuseCase, workspace } = abuseCaseOf(`
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Member
          abuse_cases:
            - id: AB-stuffing
              title: Bots replay leaked passwords (credential stuffing)
              threatens: [confidentiality]
    `);
    const template = templateMatching(abuseCase, workspace.catalog());
    assert.ok(template, 'a template matches');
    assert.ok(template.threatens.includes('confidentiality'));
    const words = new Set(abuseCase.title!.toLowerCase().match(/[a-z]+/g));
    assert.ok(
      template.keywords.some((keyword) =>
        [...words].some((word) => word.startsWith(keyword) || keyword.startsWith(word)),
      ),
      `${template.id} shares a keyword with the title`,
    );
    assert.match(template.id, /credential-stuffing|password/);
  });

  it('requires the template to threaten everything the abuse case threatens', () => {
    const { abuseCase, workspace } = abuseCaseOf(`
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Member
          abuse_cases:
            - id: AB-stuffing
              title: Bots replay leaked passwords (credential stuffing)
              threatens: [confidentiality, availability]
    `);
    const template = templateMatching(abuseCase, workspace.catalog());
    if (template) {
      assert.ok(
        template.threatens.includes('confidentiality') && template.threatens.includes('availability'),
        template.id,
      );
    }
    assert.notStrictEqual(template?.id, 'credential-stuffing');
  });

  it('suggests nothing for a title that names no threat', () => {
    const { abuseCase, workspace } = abuseCaseOf(`
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Member
          abuse_cases:
            - id: AB-later
              title: Nothing yet
              threatens: [confidentiality]
    `);
    assert.strictEqual(templateMatching(abuseCase, workspace.catalog()), undefined);
  });
});
