import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { DocumentHighlight, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine';
import { dedent, marked } from '../helpers/marked';
import { applyTextEdits, fileUri, LspSession } from '../helpers/lspSession';
import { cursorIn, MAIN, PRODUCT } from '../helpers/product';

/** A third file that plans the same backlog item, for a rename across three files. */
const PLAN =
  'use_cases:\n  - id: UC-plan\n    title: Plan the export\n    actor: Member\n    backlog: [RM-7] # the PDF export\n';

describe('navigation over LSP: references, highlights and rename', function () {
  this.timeout(20_000);
  let folder: string;
  let session: LspSession;
  const onDisk = new Map<string, string>();
  let mainUri: string;
  let opened = 0;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-navigation-'));
    for (const [uri, text] of [...Object.entries(PRODUCT), ['file:///plan.usecase.yaml', PLAN] as const]) {
      const file = path.join(folder, uri.split('/').pop()!);
      await fs.writeFile(file, dedent(text));
      onDisk.set(fileUri(file), dedent(text));
    }
    session = await LspSession.start(folder);
    mainUri = fileUri(path.join(folder, 'main.usecase.yaml'));
    // Indexed once the server has published each file on disk.
    await Promise.all([...onDisk.keys()].map((uri) => session.diagnostics(uri)));
  });

  after(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  /** Opens the main file with a `|` cursor and waits until it is analysed (so the others are indexed). */
  async function at(source: string): Promise<{ textDocument: { uri: string }; position: Position; text: string }> {
    const { text, cursor } = marked(dedent(source), { cursor: true });
    const version = ++opened;
    session.open(mainUri, text, version);
    await session.diagnostics(mainUri, (_diagnostics, params) => params.version === version);
    return { textDocument: { uri: mainUri }, position: new LineIndex(text).positionAt(cursor!), text };
  }

  const placeOf = (location: { uri: string; range: Range }) =>
    `${path.basename(location.uri)}:${location.range.start.line + 1}`;

  it('advertises references, highlights and rename with a prepare step', () => {
    const { capabilities } = session.initializeResult;
    assert.strictEqual(capabilities.referencesProvider, true);
    assert.strictEqual(capabilities.documentHighlightProvider, true);
    assert.deepStrictEqual(capabilities.renameProvider, { prepareProvider: true });
  });

  it('finds the references of a template into the team catalog, and of a backlog item in three files', async () => {
    const template = await session.request<Location[]>('textDocument/references', {
      ...(await at(cursorIn('export-scraping', 4))),
      context: { includeDeclaration: true },
    });
    assert.deepStrictEqual(template.map(placeOf), ['main.usecase.yaml:11', 'team.abusecatalog.yaml:2']);
    const item = await session.request<Location[]>('textDocument/references', {
      ...(await at(cursorIn('[RM-7]', 2))),
      context: { includeDeclaration: false },
    });
    assert.deepStrictEqual(item.map(placeOf), ['main.usecase.yaml:5', 'main.usecase.yaml:15', 'plan.usecase.yaml:5']);
    const highlights = await session.request<DocumentHighlight[]>(
      'textDocument/documentHighlight',
      await at(cursorIn('[RM-7]', 2)),
    );
    assert.deepStrictEqual(
      highlights.map((highlight) => [highlight.range.start.line + 1, highlight.kind]),
      [
        [5, 2 /* Read */],
        [15, 2],
      ],
    );
  });

  it('renames a backlog item across three files in one workspace edit, byte for byte around it', async () => {
    const request = await at(cursorIn('[RM-7]', 2));
    const prepared = await session.request<{ range: Range; placeholder: string }>(
      'textDocument/prepareRename',
      request,
    );
    assert.strictEqual(prepared.placeholder, 'RM-7');
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', { ...request, newName: 'RM-70' });
    const changed = Object.keys(edit.changes!).map((uri) => path.basename(uri));
    assert.deepStrictEqual(changed.sort(), ['backlog.usecase.yaml', 'main.usecase.yaml', 'plan.usecase.yaml']);
    const planUri = fileUri(path.join(folder, 'plan.usecase.yaml'));
    assert.strictEqual(applyTextEdits(onDisk.get(planUri)!, edit.changes![planUri]), PLAN.replace('[RM-7]', '[RM-70]'));
    assert.strictEqual(
      applyTextEdits(request.text, edit.changes![mainUri]),
      dedent(MAIN).replace('[RM-7]', '[RM-70]').replace('["RM-7"]', '["RM-70"]'),
    );
  });

  it('refuses a rename onto an id already taken, with the reason', async () => {
    const request = await at(cursorIn('[RM-7]', 2));
    await assert.rejects(
      session.request('textDocument/rename', { ...request, newName: 'RM-8' }),
      /`RM-8` is already the id of a backlog item, use case or abuse case \(in backlog\.usecase\.yaml\)/,
    );
    await assert.rejects(
      session.request('textDocument/prepareRename', await at(MAIN.replace('[loyalty-points]', '[customer-|content]'))),
      /`customer-content` is a built-in data class: it cannot be renamed/,
    );
  });
});
