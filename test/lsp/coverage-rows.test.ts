import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { Workspace } from '../../server/src/engine';
import { coverageModelOf, CoverageModel } from '../../server/src/engine/coverageTree';
import { CoverageRows } from '../../server/src/lsp/coverageRows';
import { releaseVerdict } from '../../server/src/engine/release';
import { COVERAGE_PAGE_SIZE as PAGE_SIZE, CoverageRow, CoverageViewParams } from '../../shared/protocol';

const ROOT = path.resolve(__dirname, '../../..');
const TODAY = '2026-11-24';

/** The sample workspace (examples/), as the sidebar's tests in VS Code see it. */
function examplesModel(): CoverageModel {
  const workspace = new Workspace({ today: () => TODAY });
  const folder = path.join(ROOT, 'examples');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.yaml')))
    workspace.set(`file:///examples/${name}`, readFileSync(path.join(folder, name), 'utf8'));
  return coverageModelOf(workspace);
}

const BY_BACKLOG: CoverageViewParams = { grouping: 'backlog', openRisksOnly: false };

/** Every row, depth-first, asked a level at a time as the client asks. */
function walk(rows: CoverageRows, parent?: string): CoverageRow[] {
  return rows.children(parent).flatMap((row) => [row, ...walk(rows, row.id)]);
}

const find = (rows: CoverageRow[], label: string) => {
  const row = rows.find((candidate) => candidate.label === label);
  assert.ok(row, `no row ${label}: ${rows.map((r) => r.label).join(' | ')}`);
  return row;
};

describe('the sidebar rows, built on the server', () => {
  const model = examplesModel();

  it('answers a level at a time, with stable path ids, labels, badges, states and tooltips', () => {
    const rows = new CoverageRows(model, BY_BACKLOG);
    const roots = rows.children();
    assert.ok(roots.every((row) => row.parentId === undefined));
    const all = walk(rows);
    assert.deepStrictEqual(all, rows.all(), 'the levels put together are the whole tree');
    const subscribe = find(all, 'UC-subscribe');
    assert.strictEqual(subscribe.id, '/b:RM-400/b:RM-401/u:UC-subscribe');
    assert.strictEqual(subscribe.parentId, '/b:RM-400/b:RM-401');
    assert.strictEqual(subscribe.description, 'C ✓ I ✗ A ✓ · Pay for a subscription by card');
    assert.deepStrictEqual(
      [subscribe.state, subscribe.icon, subscribe.collapsible, subscribe.contextValue, subscribe.nodeId],
      ['uncovered', 'uncovered', 'collapsed', 'use-case', 'UC-subscribe'],
    );
    assert.strictEqual(subscribe.tooltip, undefined, 'tooltips come when a row is hovered');
    const tooltip = rows.tooltip(subscribe.id) ?? '';
    assert.match(tooltip, /^\*\*UC-subscribe\*\* Pay for a subscription by card\n/);
    assert.match(
      tooltip,
      /- `✗` integrity: \*\*not thought of\*\* — required high by data class `payment`; no abuse case threatens it/,
    );
    assert.match(tooltip, /\[What do the marks mean\?\]\(command:abuseCases\.showLegend\)$/);
    assert.strictEqual(rows.tooltip('/b:no-such-item'), undefined);
    assert.deepStrictEqual(
      subscribe.backlogItems?.map((item) => item.id),
      ['RM-401'],
    );
    assert.ok(rows.children(subscribe.id).every((row) => row.kind === 'abuse-case' && row.parentId === subscribe.id));
    // Asked again (after a refresh), the same ids: what was expanded and selected stays so.
    assert.deepStrictEqual(
      walk(new CoverageRows(model, BY_BACKLOG)).map((row) => row.id),
      all.map((row) => row.id),
    );
    assert.deepStrictEqual(rows.children('/b:no-such-item'), []);
  });

  it("groups by sprint with each sprint's share of security work, and by use case", () => {
    const sprints = new CoverageRows(model, { grouping: 'sprint', openRisksOnly: false })
      .children()
      .filter((row) => row.id.startsWith('sprint:'));
    assert.ok(sprints.every((row) => row.kind === 'group' && row.collapsible === 'expanded'));
    assert.ok(
      sprints.some((row) => /^Sprint /.test(row.label) && /^\d+ · \d+ % security$/.test(row.description)),
      sprints.map((r) => `${r.label} ${r.description}`).join(' | '),
    );
    const [baseline, expiring, vendors, ...useCases] = new CoverageRows(model, {
      grouping: 'useCase',
      openRisksOnly: false,
    }).children();
    assert.strictEqual(baseline.id, 'group:baseline', 'the security baseline first, in every grouping');
    assert.strictEqual(expiring.id, 'group:expiring', 'then what lapses soon');
    assert.strictEqual(vendors.id, 'group:vendors', 'then the third parties');
    assert.strictEqual(useCases.length, model.summary.useCases);
    assert.ok(useCases.every((row) => row.kind === 'use-case' && row.id === `/u:${row.nodeId}`));
  });

  it('keeps only open risks, and the rows leading to them, under the filter', () => {
    const leaves = walk(new CoverageRows(model, { grouping: 'backlog', openRisksOnly: true })).filter(
      (row) => row.kind !== 'group' && row.kind !== 'mitigation' && row.collapsible === 'none',
    );
    assert.ok(
      leaves.length > 0 && leaves.every((row) => row.state === 'open' || row.state === 'uncovered'),
      leaves.map((row) => row.state).join(),
    );
  });

  it('finds the path to the row of the deepest node under a position', () => {
    const rows = new CoverageRows(model, BY_BACKLOG);
    const subscribe = find(walk(rows), 'UC-subscribe');
    const { start } = subscribe.location!.selection;
    assert.deepStrictEqual(rows.pathAt(subscribe.location!.uri, start), [
      '/b:RM-400',
      '/b:RM-400/b:RM-401',
      subscribe.id,
    ]);
    const abuseCase = rows.children(subscribe.id)[0];
    const inside = abuseCase.location!.selection.start;
    assert.deepStrictEqual(
      rows.pathAt(abuseCase.location!.uri, inside).at(-1),
      abuseCase.id,
      'the abuse case, not the use case holding it',
    );
    assert.deepStrictEqual(rows.pathAt('file:///elsewhere.usecase.yaml', inside), []);
  });

  it('reveals every row from its own position, in each grouping and under the filter', () => {
    for (const grouping of ['backlog', 'sprint', 'release', 'useCase'] as const)
      for (const openRisksOnly of [false, true]) {
        const rows = new CoverageRows(model, { grouping, openRisksOnly });
        const all = walk(rows);
        const byId = new Map(all.map((row) => [row.id, row]));
        // A built mitigation, the baseline's and the expiring rows show what other rows show, where those are revealed.
        const located = all.filter(
          (row) =>
            row.location &&
            !['built-mitigation', 'baseline-question', 'baseline-answer', 'expiring'].includes(row.kind),
        );
        assert.ok(located.length > 10, `${grouping}: rows to reveal`);
        for (const row of located) {
          const path = rows.pathAt(row.location!.uri, row.location!.selection.start);
          const found = byId.get(path.at(-1) ?? '');
          const where = `${grouping}${openRisksOnly ? ', open risks only' : ''}: ${row.id} found ${path.at(-1)}`;
          assert.deepStrictEqual(found?.location, row.location, where);
          path.forEach((id, index) => assert.strictEqual(byId.get(id)?.parentId, path[index - 1], where));
        }
      }
  });

  it('gives rows of an id the YAML repeats under one parent ids of their own', () => {
    const workspace = new Workspace({ today: () => TODAY });
    const useCase = (title: string) =>
      `  - id: UC-1\n    title: ${title}\n    actor: Member\n    abuse_cases:\n      - id: AB-1\n        title: A\n      - id: AB-1\n        title: B\n`;
    workspace.set('file:///w/a.usecase.yaml', `use_cases:\n${useCase('First')}`);
    workspace.set('file:///w/b.usecase.yaml', `use_cases:\n${useCase('Second')}`);
    const rows = walk(new CoverageRows(coverageModelOf(workspace), { grouping: 'useCase', openRisksOnly: false }));
    assert.deepStrictEqual(
      rows.map((row) => row.id).filter((id) => !id.startsWith('group:')),
      ['/u:UC-1', '/u:UC-1/a:AB-1', '/u:UC-1/a:AB-1~2', '/u:UC-1~2', '/u:UC-1~2/a:AB-1', '/u:UC-1~2/a:AB-1~2'],
    );
  });

  it('sends a long level a page at a time, with a row that shows more, and a page holding a row asked for', () => {
    const workspace = new Workspace({ today: () => TODAY });
    const items = Array.from({ length: 250 }, (_, index) => `  - id: RM-${index}\n    title: Item ${index}\n`).join('');
    workspace.set('file:///w/big.usecase.yaml', `backlog:\n${items}`);
    const rows = new CoverageRows(coverageModelOf(workspace), BY_BACKLOG);
    const first = rows.children(undefined, { limit: PAGE_SIZE });
    assert.strictEqual(first.length, PAGE_SIZE + 1);
    assert.deepStrictEqual(first.at(-1), {
      id: `/more:${PAGE_SIZE}`,
      kind: 'more',
      label: `Show ${PAGE_SIZE} more`,
      description: `${PAGE_SIZE} of 250 shown`,
      tooltip: '150 more rows at this level. Filter to open risks, or group by sprint, to see fewer.',
      collapsible: 'none',
      contextValue: 'more',
      more: { shown: 2 * PAGE_SIZE },
    });
    assert.strictEqual(rows.children(undefined, { limit: 2 * PAGE_SIZE }).at(-1)?.label, 'Show 50 more');
    const holding = rows.children(undefined, { limit: PAGE_SIZE, include: '/b:RM-220' });
    assert.strictEqual(holding.length, 250, 'the whole level: the page grew to hold RM-220');
    assert.ok(holding.some((row) => row.id === '/b:RM-220'));
    assert.strictEqual(rows.children().length, 250, 'unlimited without a limit');
  });

  it('shows the security baseline first: each question with its state, what answers it, and why it applies', () => {
    const rows = new CoverageRows(model, BY_BACKLOG);
    const [baseline] = rows.children();
    assert.deepStrictEqual(
      [baseline.id, baseline.label, baseline.description, baseline.collapsible],
      ['group:baseline', 'Security baseline', '1 not answered', 'expanded'],
    );
    const questions = rows.children(baseline.id);
    assert.deepStrictEqual(
      questions.map((row) => row.label),
      [
        'Backups',
        'Restore tested',
        'Third parties',
        'Encryption',
        'Audit trail',
        'Strong authentication',
        'Data minimisation',
        'Consent and opt-out',
        'Withdrawing consent',
        'Patching',
        'Regulations',
        'Incident readiness',
      ],
    );
    const incident = find(questions, 'Incident readiness');
    assert.deepStrictEqual(
      [incident.description, incident.state, incident.icon, incident.collapsible, incident.kind],
      ['✗ not answered', 'uncovered', 'uncovered', 'none', 'baseline-question'],
    );
    // A click on a gap opens the finding, on the product line.
    assert.match(incident.location!.uri, /admin\.usecase\.yaml$/);
    assert.strictEqual(incident.location!.range.start.line, 4);
    assert.match(
      rows.tooltip(incident.id)!,
      /^\*\*Incident readiness\*\* — ✗ not answered\n\nRoadmaps, like every product: would the team notice a breach/,
    );
    const backups = find(questions, 'Backups');
    assert.deepStrictEqual([backups.description, backups.icon], ['✓ answered · verified', 'verified']);
    const [answer] = rows.children(backups.id);
    assert.deepStrictEqual(
      [answer.kind, answer.label, answer.description],
      [
        'baseline-answer',
        'Daily encrypted backups in a separate account, restore tested every quarter',
        'verified · mitigation · nist-800-53:CP-9',
      ],
    );
    assert.ok(answer.location, 'a click opens the answer');
    // Under the filter, only the gap is left.
    const filtered = new CoverageRows(model, { grouping: 'backlog', openRisksOnly: true });
    const kept = filtered.children('group:baseline').map((row) => row.label);
    assert.ok(kept.includes('Incident readiness') && !kept.includes('Backups'), kept.join());
  });

  it('lists evidence that has lapsed or lapses soon after the baseline, each row opening its date', () => {
    const rows = new CoverageRows(model, BY_BACKLOG);
    const [, expiring] = rows.children();
    assert.deepStrictEqual([expiring.id, expiring.label], ['group:expiring', 'Expiring soon']);
    const items = rows.children(expiring.id);
    assert.deepStrictEqual(
      items.map((row) => [row.kind, row.label, row.icon]),
      model.expiring.map((node) => ['expiring', node.label, node.overdue ? 'open' : 'accepted']),
    );
    assert.ok(
      items.every((row) => row.location),
      'a click opens the date',
    );
    assert.match(items[0].description, /^verification · lapsed 2026-09-10 \(\d+ days ago\)$/);
  });

  it('lists the third parties after what lapses soon, each with its review, and opens while one needs a review', () => {
    const rows = new CoverageRows(model, BY_BACKLOG);
    const vendors = find(rows.children(), 'Third parties');
    assert.deepStrictEqual(
      [vendors.id, vendors.description, vendors.collapsible],
      ['group:vendors', '3', 'collapsed'],
      'every vendor of the examples is reviewed or needs no review',
    );
    const items = rows.children(vendors.id);
    assert.deepStrictEqual(
      items.map((row) => [row.label, row.icon, row.description]),
      [
        ['stripe', 'mitigated', '✓ reviewed · until 2026-12-20 · Stripe'],
        ['postmark', 'mitigated', '✓ reviewed · until 2027-06-01 · Postmark'],
        ['plausible', 'not-required', '– no review needed · Plausible Analytics'],
      ],
    );
    assert.match(
      rows.tooltip(items[0].id) ?? '',
      /Reviewed by Dana Reyes, security lead on 2025-12-20, holds until 2026-12-20 \(evidence: pci-dss, soc2, dpa\)/,
    );
    assert.deepStrictEqual(rows.pathAt(items[1].location!.uri, items[1].location!.selection.start), [
      vendors.id,
      items[1].id,
    ]);

    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(
      'file:///w/a.usecase.yaml',
      'vendors:\n  - id: mailer\n    name: Mailer\n    receives: [pii]\n    review:\n      on: 2024-01-01\n      until: 2025-01-01\nuse_cases:\n  - id: UC-1\n    title: Sign up\n    actor: Visitor\n    data: [pii]\n    vendors: [mailer]\n    lawful_basis: contract\n',
    );
    const lapsed = new CoverageRows(coverageModelOf(workspace), { grouping: 'useCase', openRisksOnly: true });
    const group = find(lapsed.children(), 'Third parties');
    assert.deepStrictEqual([group.description, group.collapsible], ['1 need a review', 'expanded']);
    assert.deepStrictEqual(
      lapsed.children(group.id).map((row) => [row.label, row.icon, row.description]),
      [['mailer', 'open', '! review lapsed · until 2025-01-01 · Mailer']],
      'kept under the filter: a lapsed review holds the third-party question open',
    );
    const useCase = lapsed.all().find((row) => row.label === 'UC-1')!;
    assert.match(
      lapsed.tooltip(useCase.id) ?? '',
      /Personal data \(`pii`\): lawful basis `contract`, retention \*\*not stated\*\*\n\nHands data to: mailer/,
    );
  });

  it('groups by release: each with its gate and its untraced items, then the items of no release', () => {
    const rows = new CoverageRows(model, { grouping: 'release', openRisksOnly: false });
    const releases = rows.children().filter((row) => row.id.startsWith('release:'));
    assert.deepStrictEqual(
      releases.map((row) => [row.label, row.description]),
      [
        ['Release 2026.4', '27 · ✓ gate passes'],
        ['Release 2027.1', '12 · ✓ gate passes · 1 untraced'],
        ['No release', '11'],
      ],
    );
    assert.match(rows.tooltip(releases[1].id) ?? '', /no `source:` says where it came from: RM-103\./);
    const items = rows.children(releases[1].id);
    assert.ok(items.every((row) => row.kind === 'backlog-item' && row.id.startsWith('release:2027.1/b:')));
    assert.ok(items.some((row) => row.label === 'RM-103'));

    // Judged under the thresholds the language server is given: the release's open high risk fails its gate.
    const judged = new CoverageRows(model, { grouping: 'release', openRisksOnly: false }, undefined, (release) =>
      releaseVerdict(
        model,
        release,
        { maxOpenHighRisks: 0, requireSource: ['feedback'], modes: { 'require-source': 'report' } },
        0,
      ),
    );
    const [, current] = judged.children().filter((row) => row.id.startsWith('release:'));
    assert.strictEqual(current.description, '12 · ✗ gate failing · 1 reported · 1 untraced');
    assert.match(judged.tooltip(current.id) ?? '', /Its gate fails: max-open-high-risks: 4 open high risks/);
  });
});
