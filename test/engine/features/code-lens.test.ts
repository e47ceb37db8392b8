import * as assert from 'assert';
import { codeLensesOf } from '../../../server/src/engine/features/codeLens';
import { Workspace } from '../../../server/src/engine';
import { DEFAULT_CONFIG } from '../../../server/src/engine/config';
import { BACKLOG_URI, workspaceWith } from '../../helpers/features';
import { MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

const BACKLOG = `
  backlog:
    - id: RM-7
      title: Export as PDF
    - id: RM-8
      title: Nightly backups
`;

/** Two use cases: one whose data requires C and I, threatened and mitigated on C only; one without data. */
const MAIN = dedent(`
  use_cases:
    - id: UC-export
      title: Export a roadmap
      actor: Member
      backlog: [RM-7]
      data: [pii]
      abuse_cases:
        - id: AC-scrape
          title: Scrape every roadmap through the export
          threatens: [confidentiality]
          mitigations:
            - title: Rate-limit exports
              status: implemented
              backlog: [RM-7, RM-8]
        - id: AC-flood
          title: Flood the export queue
          threatens: [availability]
    - id: UC-view
      title: View a roadmap
      actor: Member
      backlog: [RM-7]
`);

/** Each lens as `line: what it sits above → title`, so that a failure reads like the file. */
function lensesOf(workspace: Workspace, uri: string): string[] {
  const text = workspace.file(uri)!.text;
  return codeLensesOf(workspace, uri).map(({ range, title }) => {
    const line = text.slice(0, range.start).split('\n').length;
    return `${line}: ${text.slice(range.start, range.end)} → ${title}`;
  });
}

describe('code lenses', () => {
  it('shows above each use case its CIA state, as the sidebar marks it, and how many of its abuse cases are open', () => {
    assert.deepStrictEqual(lensesOf(workspaceWith(MAIN, { [BACKLOG_URI]: BACKLOG }), MAIN_URI), [
      '2: UC-export → C ✓ I ✗ A ! · 2 abuse cases · 1 open',
      '18: UC-view → C – I – A – · no abuse case',
    ]);
  });

  it('says "none open" once every abuse case is mitigated or accepted, and reveals the use case in the coverage view', () => {
    const mitigated = MAIN.replace(
      'threatens: [availability]\n',
      'threatens: [availability]\n        accepted:\n          by: Dana\n          until: 2099-01-01\n',
    );
    const workspace = workspaceWith(mitigated, { [BACKLOG_URI]: BACKLOG });
    const [lens] = codeLensesOf(workspace, MAIN_URI);
    assert.strictEqual(lens.title, 'C ✓ I ✗ A ≈ · 2 abuse cases · none open');
    assert.deepStrictEqual(lens.action, { kind: 'reveal-in-coverage' });
  });

  it('shows above each backlog item how many use cases and mitigations name it, and lists where', () => {
    const workspace = workspaceWith(MAIN, { [BACKLOG_URI]: BACKLOG });
    assert.deepStrictEqual(lensesOf(workspace, BACKLOG_URI), [
      '2: RM-7 → 2 use cases · 1 mitigation',
      '4: RM-8 → 0 use cases · 1 mitigation',
    ]);
    const [rm7, rm8] = codeLensesOf(workspace, BACKLOG_URI);
    const places = (action: (typeof rm7)['action']) =>
      action?.kind === 'references'
        ? action.references.map(({ uri, range }) => {
            const text = workspace.file(uri)!.text;
            return `${uri.split('/').pop()}:${text.slice(0, range.start).split('\n').length}:${text.slice(range.start, range.end)}`;
          })
        : action;
    assert.deepStrictEqual(places(rm7.action), [
      'main.usecase.yaml:5:RM-7',
      'main.usecase.yaml:14:RM-7',
      'main.usecase.yaml:21:RM-7',
    ]);
    assert.deepStrictEqual(places(rm8.action), ['main.usecase.yaml:14:RM-8']);
  });

  it('follows other files: a new use case naming an item counts at once; an item nothing names has nothing to list', () => {
    const workspace = workspaceWith(MAIN, { [BACKLOG_URI]: `${BACKLOG}    - id: RM-9\n      title: Later\n` });
    const later = () => codeLensesOf(workspace, BACKLOG_URI)[2];
    assert.strictEqual(later().title, '0 use cases · 0 mitigations');
    assert.strictEqual(later().action, undefined, 'nothing to list: not clickable');
    workspace.set(
      'file:///workspace/later.usecase.yaml',
      'use_cases:\n  - id: UC-later\n    title: Later\n    actor: Member\n    backlog: [RM-9]\n',
    );
    assert.strictEqual(later().title, '1 use case · 0 mitigations');
  });

  it('follows edits: data added to a use case raises what it requires', () => {
    const workspace = workspaceWith(MAIN, { [BACKLOG_URI]: BACKLOG });
    workspace.set(MAIN_URI, `${MAIN}    data: [internal]\n`);
    assert.strictEqual(codeLensesOf(workspace, MAIN_URI)[1].title, 'C ✗ I ✗ A – · no abuse case');
  });

  it("follows the day and the configuration, which a use case's lens reads besides the use case", () => {
    let today = '2026-11-24';
    const workspace = new Workspace({ today: () => today });
    workspace.set(
      MAIN_URI,
      MAIN.replace(
        'threatens: [availability]\n',
        'threatens: [availability]\n        accepted:\n          by: Dana\n          until: 2026-12-31\n',
      ),
    );
    const title = () => codeLensesOf(workspace, MAIN_URI)[0].title;
    assert.strictEqual(title(), 'C ✓ I ✗ A ≈ · 2 abuse cases · none open');
    today = '2027-01-01';
    assert.strictEqual(title(), 'C ✓ I ✗ A ! · 2 abuse cases · 1 open', 'the acceptance has lapsed');
    workspace.configure({
      ...DEFAULT_CONFIG,
      dataClasses: [
        {
          name: 'pii',
          description: 'Personal data, read as public here',
          personal: true,
          specialCategory: false,
          requires: { confidentiality: 'none', integrity: 'none', availability: 'none' },
        },
      ],
    });
    assert.strictEqual(title(), 'C ✓ I – A ! · 2 abuse cases · 1 open', "the project's own class requires nothing");
  });

  it('gives nothing for an empty file, a flow map, half-typed YAML or a file that is not YAML', () => {
    for (const text of [
      '',
      '{use_cases: [{id: UC-1, title: X}]}',
      'use_cases:\n  - id: UC-1\n    title: [\n',
      '\u0000\u0001 not yaml: : :',
    ])
      assert.doesNotThrow(() => codeLensesOf(workspaceWith(text), MAIN_URI), text);
    assert.deepStrictEqual(codeLensesOf(workspaceWith(''), MAIN_URI), []);
    assert.deepStrictEqual(codeLensesOf(workspaceWith(''), 'file:///workspace/absent.usecase.yaml'), []);
  });
});
