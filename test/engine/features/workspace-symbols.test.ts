import * as assert from 'assert';
import {
  prepareWorkspaceSymbols,
  workspaceSymbols,
  WORKSPACE_SYMBOL_LIMIT,
} from '../../../server/src/engine/features/workspaceSymbols';
import { outlineOf } from '../../../server/src/engine/features/outline';
import { MAIN_URI } from '../../helpers/engine';
import { BACKLOG_URI, workspaceWith } from '../../helpers/features';
import { SHARING_BACKLOG } from '../../helpers/outline';

const USE_CASES = `
  use_cases:
    - id: UC-share-link
      title: Share a roadmap through a private link
      actor: Product manager
      abuse_cases:
        - id: AB-link-forwarded
          title: The link is forwarded to a competitor
          threatens: [confidentiality]
          mitigations:
            - title: Links expire
              backlog: [RM-140]
    - id: UC-export
      title: Export a roadmap as a PDF
      actor: Member
    - id: link
      title: An id that is the query
      actor: Member
`;

/** The names found for a query, best first, as `name (container)`. */
function found(query: string): string[] {
  const workspace = workspaceWith('', {
    [BACKLOG_URI]: SHARING_BACKLOG,
    'file:///workspace/sharing.usecase.yaml': USE_CASES,
  });
  return workspaceSymbols(workspace, query).map((symbol) => `${symbol.name} (${symbol.container})`);
}

describe('workspace symbols (Go to Symbol in Workspace)', () => {
  it('finds ids and titles across files, best first: the id itself, ids starting with it, a word, then inside', () => {
    assert.deepStrictEqual(found('LINK'), [
      'link (sharing.usecase.yaml)',
      'UC-share-link (sharing.usecase.yaml)',
      'AB-link-forwarded (UC-share-link)',
      'RM-140 (RM-100)',
      'RM-unlinked (backlog.usecase.yaml)',
    ]);
  });

  it("matches the query's characters in order when nothing holds it whole", () => {
    assert.deepStrictEqual(found('ucexp'), ['UC-export (sharing.usecase.yaml)']);
    assert.deepStrictEqual(found('zzz'), []);
    assert.deepStrictEqual(found('rdmp'), [
      'UC-export (sharing.usecase.yaml)',
      'UC-share-link (sharing.usecase.yaml)',
      // "The link is forwarded to a competitor"
      'AB-link-forwarded (UC-share-link)',
    ]);
  });

  it('gives the title with the id and the kind, and leaves mitigations to their abuse case', () => {
    const workspace = workspaceWith(USE_CASES);
    assert.deepStrictEqual(
      workspaceSymbols(workspace, 'forwarded').map(({ name, detail, kind }) => ({ name, detail, kind })),
      [{ name: 'AB-link-forwarded', detail: 'The link is forwarded to a competitor', kind: 'abuse case' }],
    );
    assert.deepStrictEqual(workspaceSymbols(workspace, 'expire'), []);
  });

  it(`answers at most ${WORKSPACE_SYMBOL_LIMIT}, the better matches kept`, () => {
    const many = Array.from({ length: 1000 }, (_, index) => `  - id: UC-${index}\n    title: Export ${index}\n`);
    const workspace = workspaceWith(`use_cases:\n${many.join('')}`);
    const symbols = workspaceSymbols(workspace, 'uc-1');
    assert.strictEqual(symbols.length, WORKSPACE_SYMBOL_LIMIT);
    const names = symbols.map((symbol) => symbol.name);
    assert.deepStrictEqual(names.slice(0, 4), ['UC-1', 'UC-10', 'UC-11', 'UC-12']);
    // The 111 ids that start with it, then ids that hold its characters apart (UC-21).
    assert.ok(names.slice(0, 111).every((name) => name.startsWith('UC-1')));
    assert.ok(names.slice(111).every((name) => !name.startsWith('UC-1')));
    assert.strictEqual(workspaceSymbols(workspace, '').length, WORKSPACE_SYMBOL_LIMIT);
  });

  it('keeps up with edits and ignores files that are broken or not YAML', () => {
    const workspace = workspaceWith(USE_CASES, { 'file:///workspace/broken.usecase.yaml': ': [\n  - {' });
    workspace.set('file:///workspace/empty.usecase.yaml', '');
    assert.deepStrictEqual(
      workspaceSymbols(workspace, 'export').map((symbol) => symbol.name),
      ['UC-export'],
    );
    workspace.set('file:///workspace/main.usecase.yaml', USE_CASES.replace(/UC-export/g, 'UC-download'));
    assert.deepStrictEqual(
      workspaceSymbols(workspace, 'export').map((symbol) => symbol.name),
      ['UC-download'],
    );
  });

  it("reads each file's symbols once per parse: a query walks no tree, and an edit rebuilds only that file's", () => {
    const other = 'file:///workspace/sharing.usecase.yaml';
    const workspace = workspaceWith(USE_CASES, { [other]: SHARING_BACKLOG });
    workspaceSymbols(workspace, 'link');
    const [main, shared] = [MAIN_URI, other].map((uri) => outlineOf(workspace.file(uri)!));
    workspace.set(MAIN_URI, USE_CASES.replace('UC-export', 'UC-download'));
    assert.deepStrictEqual(
      workspaceSymbols(workspace, 'download').map((symbol) => symbol.name),
      ['UC-download'],
    );
    assert.notStrictEqual(outlineOf(workspace.file(MAIN_URI)!), main);
    assert.strictEqual(outlineOf(workspace.file(other)!), shared);
  });

  it('builds the lists ahead a slice at a time, a file per slice when time is short, and then finds the same', () => {
    const other = 'file:///workspace/sharing.usecase.yaml';
    const workspace = workspaceWith(USE_CASES, { [other]: SHARING_BACKLOG });
    const slices: boolean[] = [];
    // A clock that says each file took the whole budget: one file per slice.
    let tick = 0;
    do slices.push(prepareWorkspaceSymbols(workspace, 1, () => tick++));
    while (!slices[slices.length - 1] && slices.length < 10);
    assert.deepStrictEqual(slices, [false, true]);
    assert.strictEqual(prepareWorkspaceSymbols(workspace, 0), true);
    assert.deepStrictEqual(
      workspaceSymbols(workspace, 'export').map((symbol) => symbol.name),
      workspaceSymbols(workspaceWith(USE_CASES, { [other]: SHARING_BACKLOG }), 'export').map((symbol) => symbol.name),
    );
  });
});
