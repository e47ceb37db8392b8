import * as assert from 'assert';
import { Workspace } from '../../server/src/engine';
import { dedent } from '../helpers/marked';

const BACKLOG_URI = 'file:///w/backlog.usecase.yaml';
const LOGIN_URI = 'file:///w/login.usecase.yaml';
const OTHER_URI = 'file:///w/other.usecase.yaml';

const BACKLOG = dedent(`
  backlog:
    - id: RM-1
      title: Sign in
      status: done
      sprint: "7"
      points: 8
    - id: RM-2
      title: Rate-limit sign-in
      sprint: "7"
      points: 1
`);
const LOGIN = dedent(`
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      backlog: [RM-1]
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality]
          likelihood: likely
          impact: major
          mitigations:
            - title: Rate-limit sign-in attempts
              backlog: [RM-2]
              status: planned
`);
const OTHER = dedent(`
  use_cases:
    - id: UC-export
      title: Export
      actor: Admin
      abuse_cases: []
`);

function workspaceOf(today = '2026-11-24') {
  const workspace = new Workspace({ today: () => today });
  workspace.set(BACKLOG_URI, BACKLOG);
  workspace.set(LOGIN_URI, LOGIN);
  workspace.set(OTHER_URI, OTHER);
  for (const uri of workspace.uris) workspace.diagnostics(uri);
  return workspace;
}
const codesOf = (workspace: Workspace, uri: string) => workspace.diagnostics(uri).map((d) => d.code);

describe('workspace', () => {
  it('does nothing for the same (uri, version, text) twice', () => {
    const workspace = workspaceOf();
    const before = workspace.diagnostics(LOGIN_URI);
    assert.deepStrictEqual(workspace.set(LOGIN_URI, LOGIN), []);
    assert.strictEqual(workspace.diagnostics(LOGIN_URI), before, 'the cached analysis is reused');
  });

  it('opens a file as it was indexed without parsing or checking it again, only under the new version', () => {
    const open = new Set<string>();
    const workspace = new Workspace({ today: () => '2026-11-24', retainTree: (uri) => open.has(uri) });
    workspace.set(BACKLOG_URI, BACKLOG);
    workspace.set(LOGIN_URI, LOGIN);
    const indexed = workspace.file(LOGIN_URI)!;
    const findings = workspace.diagnostics(LOGIN_URI);
    open.add(LOGIN_URI);
    const { revision, contentRevision } = workspace;
    assert.deepStrictEqual(workspace.set(LOGIN_URI, LOGIN, 3), [LOGIN_URI], 'republished under the new version');
    const opened = workspace.file(LOGIN_URI)!;
    assert.strictEqual(opened.version, 3);
    assert.strictEqual(opened.model, indexed.model, 'not parsed again');
    assert.strictEqual(workspace.diagnostics(LOGIN_URI), findings, 'not checked again');
    assert.notStrictEqual(workspace.revision, revision);
    assert.strictEqual(
      workspace.contentRevision,
      contentRevision,
      'what the files say is the same (no sidebar refresh)',
    );
    // The tree comes back on demand, and an edit is then re-parsed against it.
    assert.strictEqual(opened.tree.objects.length > 0, true);
    workspace.set(LOGIN_URI, LOGIN.replace('title: Credential stuffing', 'title: Credential stuffing at scale'), 4);
    assert.strictEqual(workspace.file(LOGIN_URI)!.incremental, true);
    assert.notStrictEqual(workspace.contentRevision, contentRevision, 'an edit changes what the files say');
    const edited = workspace.contentRevision;
    workspace.delete(BACKLOG_URI);
    assert.notStrictEqual(workspace.contentRevision, edited, 'so does a deletion');
  });

  it('re-checks only the edited file when no cross-file fact changes', () => {
    const workspace = workspaceOf();
    const renamed = LOGIN.replace('Rate-limit sign-in attempts', 'Rate-limit sign-in attempts per account');
    assert.deepStrictEqual(workspace.set(LOGIN_URI, renamed, 2), [LOGIN_URI]);
  });

  it('does not re-check files that reference a backlog item when the item merely moves', () => {
    const workspace = workspaceOf();
    const moved = BACKLOG.replace('title: Sign in', 'title: Sign in with a password');
    assert.deepStrictEqual(workspace.set(BACKLOG_URI, moved, 2), [BACKLOG_URI]);
  });

  it('re-checks the file that links to an open abuse case when that abuse case moves', () => {
    const workspace = workspaceOf();
    // done-with-open-risk in the backlog file points at AB-stuffing's position in the login file.
    const moved = LOGIN.replace('title: Sign in', 'title: Sign in with a password');
    assert.deepStrictEqual(workspace.set(LOGIN_URI, moved, 2).sort(), [BACKLOG_URI, LOGIN_URI].sort());
  });

  it('re-checks the files that use a backlog item when it disappears, and not the others', () => {
    const workspace = workspaceOf();
    const affected = workspace.set(BACKLOG_URI, BACKLOG.replace('RM-2', 'RM-3'), 2);
    assert.deepStrictEqual(affected.sort(), [BACKLOG_URI, LOGIN_URI].sort());
    assert.ok(codesOf(workspace, LOGIN_URI).includes('unknown-backlog-item'));
  });

  it("re-checks a done backlog item's file when the risk of a use case it builds closes", () => {
    const workspace = workspaceOf();
    assert.ok(codesOf(workspace, BACKLOG_URI).includes('done-with-open-risk'));
    const affected = workspace.set(LOGIN_URI, LOGIN.replace('status: planned', 'status: implemented'), 2);
    assert.deepStrictEqual(affected.sort(), [BACKLOG_URI, LOGIN_URI].sort());
    assert.ok(!codesOf(workspace, BACKLOG_URI).includes('done-with-open-risk'));
  });

  it('re-checks dependants when a file is deleted, and forgets it', () => {
    const workspace = workspaceOf();
    assert.deepStrictEqual(workspace.delete(BACKLOG_URI).sort(), [BACKLOG_URI, LOGIN_URI].sort());
    assert.deepStrictEqual(workspace.diagnostics(BACKLOG_URI), []);
    assert.ok(!workspace.has(BACKLOG_URI));
    assert.deepStrictEqual(workspace.delete(BACKLOG_URI), []);
  });

  it('lets acceptances expire when the day changes, without any edit', () => {
    let today = '2027-03-31';
    const workspace = new Workspace({ today: () => today });
    workspace.set(
      LOGIN_URI,
      LOGIN.replace(/mitigations:[\s\S]*$/, 'accepted: { by: Jane (CISO), reason: Low volume, until: 2027-03-31 }\n'),
    );
    assert.ok(!codesOf(workspace, LOGIN_URI).includes('acceptance-expired'));
    today = '2027-04-01';
    assert.ok(codesOf(workspace, LOGIN_URI).includes('acceptance-expired'));
  });

  it('checks again the use cases an edit of another entry of their file answers, and carries the others over', () => {
    // One file: a use case names RM-2, which its backlog does not define yet; the edit renames RM-1 to RM-2.
    const uri = 'file:///w/one.usecase.yaml';
    const before = dedent(`
      backlog:
        - id: RM-1
          title: Sign in
          status: done
      use_cases:
        - id: UC-login
          title: Sign in
          actor: Customer
          backlog: [RM-2]
    `);
    const workspace = new Workspace({ today: () => '2026-11-24' });
    workspace.set(uri, before, 1);
    const unknown = (diagnostics: { code: string; message: string }[]) =>
      diagnostics.filter((d) => d.code === 'unknown-backlog-item').map((d) => d.message);
    assert.deepStrictEqual(unknown(workspace.diagnostics(uri)), [
      "No backlog item 'RM-2' in the workspace. Add it under 'backlog:' in any use-case file.",
    ]);
    const renamed = before.replace('- id: RM-1', '- id: RM-2');
    workspace.set(uri, renamed, 2);
    assert.ok(workspace.file(uri)!.incremental, 'the edit re-parsed the backlog item only');
    const fresh = new Workspace({ today: () => '2026-11-24' });
    fresh.set(uri, renamed);
    assert.deepStrictEqual(workspace.diagnostics(uri), fresh.diagnostics(uri));
    assert.deepStrictEqual(unknown(workspace.diagnostics(uri)), []);
    // A title edit changes no fact: the use case's findings carry over, and still equal a fresh analysis.
    const retitled = renamed.replace('title: Sign in\n', 'title: Sign in with a password\n');
    assert.notStrictEqual(retitled, renamed);
    workspace.set(uri, retitled, 3);
    const again = new Workspace({ today: () => '2026-11-24' });
    again.set(uri, retitled);
    assert.deepStrictEqual(workspace.diagnostics(uri), again.diagnostics(uri));
  });

  it('checks every use case again when another file changes a fact one reads between an edit and its analysis', () => {
    const uri = 'file:///w/two.usecase.yaml';
    const text = dedent(`
      use_cases:
        - id: UC-one
          title: Sign in
          actor: Customer
          backlog: [RM-9]
        - id: UC-two
          title: Sign out
          actor: Customer
    `);
    const workspace = new Workspace({ today: () => '2026-11-24' });
    workspace.set(uri, text, 1);
    assert.ok(codesOf(workspace, uri).includes('unknown-backlog-item'));
    // A title edit of the second use case: the first one's findings would carry over...
    const edited = text.replace('title: Sign out', 'title: Sign out everywhere');
    workspace.set(uri, edited, 2);
    assert.ok(workspace.file(uri)!.incremental);
    // ...but another file defines RM-9 before the edited file is analysed again.
    workspace.set(BACKLOG_URI, BACKLOG.replace('RM-2', 'RM-9'));
    assert.ok(!codesOf(workspace, uri).includes('unknown-backlog-item'), codesOf(workspace, uri).join(', '));
  });

  it('gives, after any sequence of edits, the same diagnostics as a fresh analysis', () => {
    const random = seededRandom(20261124);
    const texts = new Map([
      [BACKLOG_URI, BACKLOG],
      [LOGIN_URI, LOGIN],
      [OTHER_URI, OTHER],
    ]);
    const fragments = [
      'RM-1',
      'RM-2',
      'RM-3',
      'UC-login',
      'AB-stuffing',
      'done',
      'todo',
      'implemented',
      'planned',
      '"7"',
      '"8"',
      '13',
      '\n',
      ' ',
      '[',
      ']',
      ':',
      '- ',
      'x',
    ];
    const workspace = new Workspace({ today: () => '2026-11-24' });
    for (const [uri, text] of texts) workspace.set(uri, text);
    for (let step = 1; step <= 300; step++) {
      const uri = [...texts.keys()][Math.floor(random() * texts.size)];
      const text = texts.get(uri)!;
      const at = Math.floor(random() * text.length);
      const removed = Math.floor(random() * 6);
      const inserted = fragments[Math.floor(random() * fragments.length)];
      const edited = text.slice(0, at) + inserted + text.slice(at + removed);
      texts.set(uri, edited.length > 20 ? edited : text);
      workspace.set(uri, texts.get(uri)!, step);

      const fresh = new Workspace({ today: () => '2026-11-24' });
      for (const [otherUri, otherText] of texts) fresh.set(otherUri, otherText);
      for (const otherUri of texts.keys()) {
        assert.deepStrictEqual(
          workspace.diagnostics(otherUri),
          fresh.diagnostics(otherUri),
          `step ${step}, ${otherUri}`,
        );
      }
    }
  });
});

/** Mulberry32: a tiny deterministic generator so that a failing sequence can be replayed. */
function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
