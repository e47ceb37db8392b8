import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { writeWorkspace } from '../../bench/generate';
import { Workspace } from '../../server/src/engine';
import { fileUri, LspSession } from '../helpers/lspSession';
import { dedent } from '../helpers/marked';

const LOGIN = dedent(`
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality]
`);

describe('language server: bursts of edits and cancelled requests', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession | undefined;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-bursts-'));
  });
  afterEach(async () => {
    await session?.stop();
    session = undefined;
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('analyses a storm of 1,000 edits a burst at a time, ending with the findings of the final text', async () => {
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, LOGIN, 1);
    await session.diagnostics(uri, (_, params) => params.version === 1);
    const before = session.publications.get(uri)!;

    // A tool types a title one character at a time, then removes the actor: 1,000 changes at once.
    let text = LOGIN;
    const titleEnd = { line: 2, character: '    title: Sign in'.length };
    let version = 1;
    for (let i = 0; i < 999; i++) {
      const character = titleEnd.character + i;
      session.change(uri, ++version, [
        { range: { start: { line: 2, character }, end: { line: 2, character } }, text: String(i % 10) },
      ]);
      text = text.replace(/(title: Sign in\d*)/, `$1${i % 10}`);
    }
    session.change(uri, ++version, [
      { range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: '' },
    ]);
    text = text.replace(/\n {4}actor: Customer/, '');

    const final = await session.diagnostics(uri, (_, params) => params.version === version);
    const expected = new Workspace();
    expected.set(uri, text);
    assert.deepStrictEqual(
      final.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`),
      expected.diagnostics(uri).map((d) => {
        const start = expected.file(uri)!.lineIndex.positionAt(d.range.start);
        return `${d.code} ${start.line}:${start.character}`;
      }),
    );
    assert.ok(
      final.some((d) => d.code === 'missing-field'),
      'the last edit, which removed the actor, is in the findings',
    );
    const publications = session.publications.get(uri)! - before;
    assert.ok(publications <= 100, `1,000 edits gave ${publications} publications: they are analysed in bursts`);
  });

  it('answers a request sent in the middle of a burst from every edit sent before it', async () => {
    session = await LspSession.start(folder);
    const uri = fileUri(path.join(folder, 'login.usecase.yaml'));
    session.open(uri, LOGIN, 1);
    await session.diagnostics(uri, (_, params) => params.version === 1);
    // A template is typed, and the hover on it asked for, before any analysis could run.
    session.change(uri, 2, [
      {
        range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } },
        text: '        template: credential-stuffing\n',
      },
    ]);
    const hover = await session.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 8, character: 22 },
    });
    assert.match(hover?.contents.value ?? '', /CAPEC-600/);
  });

  it('stops a coverage request the editor cancels, and answers the next one', async () => {
    // Enough files that the first coverage answer takes many slices of work.
    await writeWorkspace(folder, { files: 80, useCasesPerFile: 20, seed: 5 });
    session = await LspSession.start(folder);
    const info = () => session!.request<{ files: number }>('abuseCases/serverInfo', null);
    while ((await info()).files < 80) await new Promise((resolve) => setTimeout(resolve, 50));

    const source = new CancellationTokenSource();
    const cancelled = session.connection.sendRequest('abuseCases/coverageSummary', source.token);
    source.cancel();
    await assert.rejects(cancelled, (error: { code?: number }) => error.code === -32800);

    const summary = await session.request<{ summary: { useCases: number } }>('abuseCases/coverageSummary', undefined);
    assert.strictEqual(summary.summary.useCases, 80 * 20);
  });
});
