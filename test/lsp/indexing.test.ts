import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateUseCaseFile, writeWorkspace } from '../../bench/generate';
import { Workspace } from '../../server/src/engine';
import { fileUri, LspSession } from '../helpers/lspSession';

/** The findings as the editor shows them: code, position, message. */
function asShown(workspace: Workspace, uri: string): string[] {
  const lineIndex = workspace.file(uri)!.lineIndex;
  return workspace.diagnostics(uri).map((d) => {
    const start = lineIndex.positionAt(d.range.start);
    return `${d.code} ${start.line}:${start.character} ${d.message}`;
  });
}

describe('language server: large documents and folders', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession | undefined;
  afterEach(async () => {
    await session?.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('publishes for every file exactly the findings a one-thread analysis gives', async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-indexing-'));
    // About 1.2 MB, parsed in many slices between which the server answers the editor.
    const { paths } = await writeWorkspace(folder, { files: 30, useCasesPerFile: 20, seed: 9 });
    const expected = new Workspace();
    for (const file of paths) expected.set(fileUri(file), await fs.readFile(file, 'utf8'));

    session = await LspSession.start(folder);
    for (const file of paths) {
      const uri = fileUri(file);
      const published = await session.diagnostics(uri);
      assert.deepStrictEqual(
        published.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`),
        asShown(expected, uri),
        path.basename(file),
      );
    }
  });

  it('answers a hover sent while the first coverage summary of a large folder is being built', async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-indexing-'));
    const { paths } = await writeWorkspace(folder, { files: 60, useCasesPerFile: 20, seed: 11 });
    session = await LspSession.start(folder);
    for (const file of paths) await session.diagnostics(fileUri(file));
    const uri = fileUri(paths[0]);
    const order: string[] = [];
    const summary = session.request('abuseCases/coverageSummary', undefined).then(() => order.push('summary'));
    const hover = session
      .request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } })
      .then(() => order.push('hover'));
    await Promise.all([summary, hover]);
    assert.deepStrictEqual(order, ['hover', 'summary'], 'the hover does not wait for the whole summary');
  });

  it('opens a large new document with the findings of an in-process analysis, then edits it', async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-large-'));
    const uri = fileUri(path.join(folder, 'big.usecase.yaml'));
    const text = generateUseCaseFile(2, { useCases: 120, abuseCasesPerUseCase: 4 });
    const expected = new Workspace();
    expected.set(uri, text);
    const shown = (
      diagnostics: { code?: unknown; range: { start: { line: number; character: number } }; message: unknown }[],
    ) => diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`);

    session = await LspSession.start(folder);
    session.open(uri, text, 1);
    assert.deepStrictEqual(
      shown(await session.diagnostics(uri, (_, params) => params.version === 1)),
      asShown(expected, uri),
    );

    // An edit right after: a title typed in the middle of the file, then a use case that loses its actor.
    const edited = text.replace(/title: ([^\n]+)/, 'title: $1 now').replace(/\n {4}actor: [^\n]+/, '');
    session.change(uri, 2, [{ text: edited }]);
    expected.set(uri, edited, 2);
    assert.deepStrictEqual(
      shown(await session.diagnostics(uri, (_, params) => params.version === 2)),
      asShown(expected, uri),
    );
  });
});
