import * as assert from 'assert';
import { fork } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { BacklogNode, CoverageModel } from '../../shared/coverageModel';
import { dedent, marked } from '../helpers/marked';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { fileUri, LspSession, SERVER_PATH } from '../helpers/lspSession';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();
const has = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.code === code);

const BACKLOG = dedent(`
  backlog:
    - id: RM-1
      title: Sign in with a password
    - id: RM-2
      title: Rate-limit sign-in
      security: true
`);

const USE_CASE = dedent(`
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      backlog: [RM-1]
      data: [credentials]
      lawful_basis: contract
      retention: until-account-deleted
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality, integrity, availability]
          likelihood: likely
          impact: major
          mitigations:
            - title: Rate-limit sign-in attempts
              backlog: [RM-2]
        - id: AB-shared-device
          title: A customer stays signed in on a shared computer
          intent: unwitting
          threatens: [confidentiality]
          likelihood: possible
          impact: minor
          accepted: { by: Jane (CISO), reason: Sessions are short, until: 2999-01-01 }
`);

describe('language server over stdio', function () {
  let folder: string;
  let session: LspSession;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-lsp-'));
  });
  afterEach(async () => {
    await session?.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const write = async (name: string, text: string) => {
    const file = path.join(folder, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    return fileUri(file);
  };

  it('announces incremental sync and its name, and exits cleanly on shutdown', async () => {
    session = await LspSession.start(folder);
    assert.deepStrictEqual(session.initializeResult.capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.strictEqual(session.initializeResult.serverInfo?.name, 'abuse-cases-language-server');
    assert.strictEqual(await session.stop(), 0);
  });

  it('answers malformed params with InvalidParams, and every request after shutdown with InvalidRequest', async () => {
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, 'use_cases:\n  - id: UC-login\n');
    const codeOf = (request: Promise<unknown>) =>
      request.then(
        () => 'answered',
        (error: { code?: number }) => error.code,
      );
    assert.strictEqual(
      await codeOf(session.request('textDocument/hover', { textDocument: { uri }, position: null })),
      -32602,
    );
    assert.strictEqual(
      await codeOf(
        session.request('textDocument/completion', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }),
      ),
      -32602,
    );
    assert.strictEqual(
      await codeOf(
        session.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }),
      ),
      'answered',
      'a well-formed request is still answered',
    );
    await session.request('shutdown', null);
    assert.strictEqual(
      await codeOf(
        session.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }),
      ),
      -32600,
    );
    assert.strictEqual(await codeOf(session.request('abuseCases/coverageSummary', null)), -32600);
    assert.strictEqual(await session.stop(), 0, 'exits cleanly');
  });

  it('publishes diagnostics with code, source, docs link, exact range, data and document version', async () => {
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'pay.usecase.yaml'));
    const { text, ranges } = marked(
      dedent(`
      use_cases:
        - id: UC-pay
          title: Pay an invoice
          actor: Customer
          data: [payment]
          abuse_cases:
            - id: AB-tamper
              title: The amount is changed
              threatens: [⟦integrty⟧]
              likelihood: possible
              impact: major
              accepted: { by: Jane (CISO), reason: Low volume, until: 2999-01-01 }
      `),
    );
    session.open(uri, text, 7);
    const diagnostics = await session.diagnostics(uri, (_, params) => params.version === 7);
    const invalid = diagnostics.find((d) => d.code === 'invalid-value')!;
    assert.ok(invalid, `got ${codes(diagnostics)}`);
    assert.strictEqual(invalid.source, 'abuse-cases');
    assert.strictEqual(invalid.severity, 1);
    assert.match(invalid.codeDescription!.href, /docs\/rules\/invalid-value\.md$/);
    assert.deepStrictEqual(invalid.data, { suggestion: 'integrity' });
    const line = text.slice(0, ranges[0].start).split('\n').length - 1;
    const character = ranges[0].start - text.lastIndexOf('\n', ranges[0].start - 1) - 1;
    assert.deepStrictEqual(invalid.range, {
      start: { line, character },
      end: { line, character: character + 'integrty'.length },
    });
  });

  it('applies incremental edits: fixing a typo clears its diagnostic', async () => {
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    const text = USE_CASE.replace('actor: Customer', 'actr: Customer');
    session.open(uri, text, 1);
    await session.diagnostics(uri, has('unknown-key'));
    const line = text.split('\n').findIndex((l) => l.includes('actr:'));
    const character = text.split('\n')[line].indexOf('actr') + 'act'.length;
    session.change(uri, 2, [{ range: { start: { line, character }, end: { line, character } }, text: 'o' }]);
    const after = await session.diagnostics(uri, (_, params) => params.version === 2);
    assert.deepStrictEqual(
      codes(after).filter((c) => c === 'unknown-key' || c === 'missing-field'),
      [],
    );
  });

  it('indexes the workspace on start: references resolve into files that are not open, and closed files get diagnostics', async () => {
    await write('backlog.usecase.yaml', BACKLOG);
    const brokenUri = await write('nested/broken.usecase.yaml', 'use_cases:\n  - id: UC-x\n    title: [unclosed\n');
    session = await LspSession.start(folder);
    assert.ok(has('syntax')(await session.diagnostics(brokenUri, has('syntax'))));
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, USE_CASE);
    const diagnostics = await session.diagnostics(uri);
    assert.deepStrictEqual(codes(diagnostics), []);
  });

  it('republishes the other files a change affects, across files', async () => {
    const backlogUri = await write('backlog.usecase.yaml', BACKLOG);
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, USE_CASE);
    await session.diagnostics(uri, (d) => d.length === 0);

    // Removing RM-2 from the backlog file breaks the mitigation's reference in the use-case file.
    session.open(backlogUri, BACKLOG, 1);
    const withoutRm2 = BACKLOG.split('\n').slice(0, 3).join('\n') + '\n';
    const broken = session.nextDiagnostics(uri);
    session.change(backlogUri, 2, [{ text: withoutRm2 }]);
    const unknown = (await broken).filter((d) => d.code === 'unknown-backlog-item');
    assert.deepStrictEqual(
      unknown.map((d) => d.message),
      ["No backlog item 'RM-2' in the workspace. Add it under 'backlog:' in any use-case file."],
    );

    const fixed = session.nextDiagnostics(uri);
    session.change(backlogUri, 3, [{ text: BACKLOG }]);
    assert.deepStrictEqual(codes(await fixed), []);
  });

  it('reports duplicate ids across files with related information pointing at the other definition', async () => {
    const backlogUri = await write('backlog.usecase.yaml', BACKLOG);
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'more.usecase.yaml'));
    session.open(uri, 'backlog:\n  - id: RM-2\n    title: Again\n');
    const [duplicate] = (await session.diagnostics(uri, has('duplicate-id'))).filter((d) => d.code === 'duplicate-id');
    assert.deepStrictEqual(
      duplicate.relatedInformation?.map((r) => [r.location.uri, r.location.range.start]),
      [[backlogUri, { line: 3, character: 8 }]],
    );
    // The file on disk is told too.
    await session.diagnostics(backlogUri, has('duplicate-id'));
    const cleared = session.nextDiagnostics(backlogUri, lacks('duplicate-id'));
    session.close(uri);
    await cleared;
  });

  it('follows files created, changed and deleted on disk', async () => {
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, USE_CASE);
    assert.deepStrictEqual(
      (await session.diagnostics(uri, has('unknown-backlog-item'))).filter((d) => d.code === 'unknown-backlog-item')
        .length,
      2,
    );
    assert.ok(
      session.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'),
      'registers a file watcher',
    );

    const backlogUri = await write('backlog.usecase.yaml', BACKLOG);
    const resolved = session.nextDiagnostics(uri, lacks('unknown-backlog-item'));
    session.watchedFilesChanged([{ uri: backlogUri, type: 1 }]);
    await resolved;

    await fs.writeFile(path.join(folder, 'backlog.usecase.yaml'), BACKLOG.replace('RM-2', 'RM-3'));
    const changed = session.nextDiagnostics(uri, has('unknown-backlog-item'));
    session.watchedFilesChanged([{ uri: backlogUri, type: 2 }]);
    await changed;

    await fs.rm(path.join(folder, 'backlog.usecase.yaml'));
    const cleared = session.nextDiagnostics(backlogUri);
    session.watchedFilesChanged([{ uri: backlogUri, type: 3 }]);
    assert.deepStrictEqual(await cleared, []);
  });

  it('forgets the files of a folder deleted on disk, of which the editor reports only the folder', async () => {
    const backlogUri = await write('planning/backlog.usecase.yaml', BACKLOG);
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, USE_CASE);
    await session.diagnostics(uri, lacks('unknown-backlog-item'));
    assert.ok(
      session.registrations.some((r) => JSON.stringify(r.registerOptions).includes('"kind":4')),
      'watches deletions of folders',
    );
    await fs.rm(path.join(folder, 'planning'), { recursive: true });
    const unresolved = session.nextDiagnostics(uri, has('unknown-backlog-item'));
    const cleared = session.nextDiagnostics(backlogUri);
    session.watchedFilesChanged([{ uri: fileUri(path.join(folder, 'planning')), type: 3 }]);
    assert.deepStrictEqual(await cleared, []);
    await unresolved;
  });

  it('does not follow a link out of the workspace folder: one finding on the link, nothing of its target', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-outside-'));
    try {
      await fs.writeFile(path.join(outside, 'secret.usecase.yaml'), 'RUNNER_TOKEN=do-not-print-me\n');
      await fs.symlink(path.join(outside, 'secret.usecase.yaml'), path.join(folder, 'threats.usecase.yaml'));
      session = await LspSession.start(folder);
      const diagnostics = await session.diagnostics(fileUri(path.join(folder, 'threats.usecase.yaml')));
      assert.deepStrictEqual(
        diagnostics.map((d) => [d.code, d.severity, d.message]),
        [
          [
            'file-not-read',
            3,
            'Not read: this file is a link to a place outside the workspace, and links out of it are not followed.',
          ],
        ],
      );
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('analyses only the files the abuseCases.files settings include', async () => {
    await write('drafts/backlog.usecase.yaml', BACKLOG);
    const draftUri = fileUri(path.join(folder, 'drafts/backlog.usecase.yaml'));
    const brokenDraft = await write('drafts/broken.usecase.yaml', 'use_cases: [\n');
    session = await LspSession.start(folder, {
      'abuseCases.files': { include: ['**/*.usecase.yaml'], exclude: ['drafts/**'] },
    });
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, USE_CASE);
    // The backlog in drafts/ is excluded, so the use case's references do not resolve, and the broken draft is not reported.
    const unknown = (await session.diagnostics(uri, has('unknown-backlog-item'))).filter(
      (d) => d.code === 'unknown-backlog-item',
    );
    assert.strictEqual(unknown.length, 2);
    assert.ok(!session.published.has(brokenDraft) && !session.published.has(draftUri));
  });

  it('looks as far ahead for expiring evidence as the abuseCases.sidebar.expiringWithinDays setting says', async () => {
    // An acceptance that lapses in about 400 days (the server's today is the machine's): beyond the default 30 days.
    const until = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const accepted = USE_CASE.replace(/until: 2999-01-01/, `until: ${until}`);
    assert.notStrictEqual(accepted, USE_CASE, 'the fixture has an acceptance');
    // On disk: its diagnostics come once the server has read its settings and indexed the folder.
    const uri = await write('login.usecase.yaml', accepted);
    const expiringWith = async (settings: Record<string, unknown>) => {
      await session?.stop();
      session = await LspSession.start(folder, { 'abuseCases.sidebar': settings });
      await session.diagnostics(uri);
      const model = (await session.request('abuseCases/coverage', null)) as CoverageModel;
      return [model.expiringWithinDays, model.expiring.map((node) => node.label)];
    };
    assert.deepStrictEqual(await expiringWith({}), [30, []]);
    assert.deepStrictEqual(await expiringWith({ expiringWithinDays: 1000 }), [1000, ['AB-shared-device']]);
    // Out of range: the configuration's window (here the default) stands.
    assert.deepStrictEqual(await expiringWith({ expiringWithinDays: 400000 }), [30, []]);
  });

  it('answers the whole coverage model after an edit, as the items now say (non-ASCII titles included)', async () => {
    const backlogUri = await write('backlog.usecase.yaml', BACKLOG);
    const uri = await write('login.usecase.yaml', USE_CASE);
    session = await LspSession.start(folder);
    await session.diagnostics(uri);
    const before = await session.request<CoverageModel>('abuseCases/coverage', null);
    assert.deepStrictEqual(
      before.backlog.map((node) => node.title),
      ['Sign in with a password', 'Rate-limit sign-in'],
    );
    // The server writes the model from the bytes it kept per backlog item: the edited item's are written again.
    session.open(backlogUri, BACKLOG, 1);
    const title = { line: 2, character: BACKLOG.split('\n')[2].indexOf('Sign in') };
    const retitled = 'Se connecter — mot de passe ✓';
    const edited = session.nextDiagnostics(backlogUri);
    session.change(backlogUri, 2, [
      { range: { start: title, end: { ...title, character: title.character + 23 } }, text: retitled },
    ]);
    await edited;
    const after = await session.request<CoverageModel>('abuseCases/coverage', null);
    // The edited item says its new title (its range ends further on); the rest is as it was.
    const withoutPlace = ({ location: _location, ...node }: BacklogNode) => node;
    assert.deepStrictEqual(withoutPlace(after.backlog[0]), { ...withoutPlace(before.backlog[0]), title: retitled });
    assert.deepStrictEqual(
      { ...after, backlog: after.backlog.slice(1) },
      { ...before, backlog: before.backlog.slice(1) },
    );
  });

  it('tells the sidebar to refresh after an edit, and not when a file is opened or closed as it is on disk', async () => {
    const uri = await write('login.usecase.yaml', USE_CASE);
    await write('backlog.usecase.yaml', BACKLOG);
    session = await LspSession.start(folder);
    const told = session.countNotifications('abuseCases/coverageChanged');
    await told.atLeast(1); // the folder indexed
    session.open(uri, USE_CASE, 1);
    await session.diagnostics(uri, (_diagnostics, params) => params.version === 1);
    const closed = session.nextDiagnostics(uri);
    session.close(uri);
    await closed;
    // A notification that should not come: waited for four times the server's debounce of 150 ms.
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.strictEqual(told.count, 1, 'the sidebar is not told to refresh for a file opened and closed unchanged');
    session.open(uri, USE_CASE.replace('title: Sign in\n', 'title: Sign in with a passkey\n'), 2);
    await told.atLeast(2);
  });

  it('reverts to the file on disk when an edited document is closed without saving', async () => {
    const uri = await write('login.usecase.yaml', USE_CASE);
    const backlogUri = await write('backlog.usecase.yaml', BACKLOG);
    session = await LspSession.start(folder);
    session.open(uri, USE_CASE.replace('title: Sign in\n', ''), 1);
    await session.diagnostics(uri, has('missing-field'));
    // The backlog file's (empty) diagnostics say that the workspace is indexed: its items resolve from now on.
    await session.diagnostics(backlogUri);
    const reverted = session.nextDiagnostics(uri);
    session.close(uri);
    assert.deepStrictEqual(codes(await reverted), []);
  });

  it('survives hostile input with a diagnostic, and keeps answering', async () => {
    session = await LspSession.start(folder);
    const inputs = [
      '\u0000\u0001binary\uFFFF: [',
      '\t- tabs:\n\t\tare: bad',
      `${'['.repeat(2000)}`,
      `${'- '.repeat(3000)}x`,
      `a:\n${Array.from({ length: 300 }, (_, depth) => `${' '.repeat(depth + 1)}k${depth}:`).join('\n')}`,
      'a: &a [*a]\nuse_cases: *a\n',
      '- just\n- a\n- list\n',
      'use_cases:\n  - abuse_cases:\n      - mitigations: [1, [2], {x: 3}]\n        accepted: yes\n',
      '---\nproduct: a\n---\nproduct: b\n',
    ];
    for (const [index, text] of inputs.entries()) {
      const uri = fileUri(path.join(folder, `hostile-${index}.usecase.yaml`));
      session.open(uri, text);
      const diagnostics = await session.diagnostics(uri);
      assert.ok(diagnostics.length > 0, `input ${index} gets at least one diagnostic`);
      // Every feature answers on every position of a broken document, without an error.
      const lines = text.split('\n');
      for (const [line, content] of lines.entries()) {
        for (const character of [0, Math.floor(content.length / 2), content.length]) {
          const position = { line, character };
          await session.request('textDocument/completion', { textDocument: { uri }, position });
          await session.request('textDocument/hover', { textDocument: { uri }, position });
        }
      }
      const whole = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
      await session.request('textDocument/codeAction', {
        textDocument: { uri },
        range: whole,
        context: { diagnostics },
      });
    }
    const uri = fileUri(path.join(folder, 'fine.usecase.yaml'));
    session.open(uri, USE_CASE.replace(/backlog: \[RM-\d\]\n/g, ''));
    assert.ok(Array.isArray(await session.diagnostics(uri)));
  });
});

describe('language server over Node IPC', () => {
  it('answers initialize and publishes diagnostics, as the VS Code client uses it', async () => {
    const child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<{ uri: string; diagnostics: Diagnostic[] }>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', resolve),
    );
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: {
          uri: 'untitled:Untitled-1',
          languageId: 'usecase-yaml',
          version: 1,
          text: 'use_cases:\n  - id: UC-1\n',
        },
      });
      const { uri, diagnostics } = await published;
      assert.strictEqual(uri, 'untitled:Untitled-1');
      assert.deepStrictEqual(codes(diagnostics), ['missing-field', 'missing-field', 'no-abuse-cases']);
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await new Promise((resolve) =>
        child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
      );
      assert.strictEqual(code, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
