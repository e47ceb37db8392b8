import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { dedent } from '../helpers/marked';
import { fileUri, LspSession } from '../helpers/lspSession';
import { MAIN, PRODUCT } from '../helpers/product';
import { BACKLOG_URI } from '../helpers/features';

const CODE_LENS_REFRESH = 'workspace/codeLens/refresh';
const INLAY_HINT_REFRESH = 'workspace/inlayHint/refresh';

describe('code lenses and inlay hints over LSP', function () {
  this.timeout(20_000);
  let folder: string;
  let session: LspSession;
  let mainUri: string;
  let backlogUri: string;
  /** The editor's settings, read by the server at each `workspace/configuration`. */
  const settings: Record<string, unknown> = {};

  /** Resolves once the server has sent `method` more times than `before`. */
  async function refreshAfter(method: string, before: number): Promise<void> {
    while (session.refreshes.filter((sent) => sent === method).length <= before) await session.nextRefresh(method);
  }
  const refreshCount = (method: string) => session.refreshes.filter((sent) => sent === method).length;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-insight-'));
    const files = { ...PRODUCT, 'file:///main.usecase.yaml': MAIN };
    for (const [uri, text] of Object.entries(files))
      await fs.writeFile(path.join(folder, uri.split('/').pop()!), dedent(text));
    session = await LspSession.start(folder, settings, undefined, {
      codeLens: { refreshSupport: true },
      inlayHint: { refreshSupport: true },
    });
    mainUri = fileUri(path.join(folder, 'main.usecase.yaml'));
    backlogUri = fileUri(path.join(folder, path.basename(BACKLOG_URI)));
    // Indexed once every file on disk is published; the editor is then asked once to refresh what it shows.
    await Promise.all(
      Object.keys(files).map((uri) => session.diagnostics(fileUri(path.join(folder, uri.split('/').pop()!)))),
    );
    await Promise.all([refreshAfter(CODE_LENS_REFRESH, 0), refreshAfter(INLAY_HINT_REFRESH, 0)]);
  });

  after(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const lenses = (uri: string) => session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  /** Each hint as `line:character label` (1-based line), over the whole main file. */
  const hints = async () =>
    (
      await session.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: mainUri },
        range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
      })
    ).map((hint) => `${hint.position.line + 1}:${hint.position.character} ${String(hint.label)}`);

  it('advertises code lenses and inlay hints', () => {
    const { capabilities } = session.initializeResult;
    assert.deepStrictEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.strictEqual(capabilities.inlayHintProvider, true);
  });

  it('puts above a use case its CIA state, whose click reveals its row; above a backlog item what names it, whose click lists them', async () => {
    assert.deepStrictEqual(await lenses(mainUri), [
      {
        range: { start: { line: 1, character: 8 }, end: { line: 1, character: 17 } },
        command: {
          title: 'C ! I ✗ A – · 1 abuse case · 1 open',
          command: 'abuseCases.revealInCoverage',
          arguments: [mainUri, { line: 1, character: 8 }],
        },
      },
    ]);
    const [rm7, rm8] = await lenses(backlogUri);
    assert.strictEqual(rm7.command?.title, '1 use case · 1 mitigation');
    assert.strictEqual(rm7.command?.command, 'abuseCases.showReferences');
    const [uri, position, locations] = rm7.command!.arguments as [
      string,
      unknown,
      { uri: string; range: { start: { line: number } } }[],
    ];
    assert.deepStrictEqual([uri, position], [backlogUri, { line: 8, character: 8 }]);
    assert.deepStrictEqual(
      locations.map((location) => `${path.basename(location.uri)}:${location.range.start.line + 1}`),
      ['main.usecase.yaml:5', 'main.usecase.yaml:15'],
    );
    assert.deepStrictEqual(rm8.command, { title: '0 use cases · 0 mitigations', command: '' });
  });

  it('hints the status and sprint of backlog references, the levels of data classes, the titles of templates', async () => {
    assert.deepStrictEqual(await hints(), [
      '5:18 · todo',
      '6:25 · C medium · I high · A low',
      '11:33 · Scraping through the export',
      '15:28 · todo',
    ]);
  });

  it('asks the editor to refresh when another file changes, and hints what it now says', async () => {
    const [lensesBefore, hintsBefore] = [refreshCount(CODE_LENS_REFRESH), refreshCount(INLAY_HINT_REFRESH)];
    const backlog = dedent(PRODUCT[BACKLOG_URI]).replace(
      'title: Export as PDF\n',
      'title: Export as PDF\n    sprint: 45\n',
    );
    session.open(backlogUri, backlog);
    await Promise.all([refreshAfter(CODE_LENS_REFRESH, lensesBefore), refreshAfter(INLAY_HINT_REFRESH, hintsBefore)]);
    assert.deepStrictEqual(
      (await hints()).filter((hint) => hint.includes('todo')),
      ['5:18 · todo · Sprint 45', '15:28 · todo · Sprint 45'],
    );
  });

  it('follows the settings: code lenses off, one kind of hint off, and asks the editor to refresh', async () => {
    const [lensesBefore, hintsBefore] = [refreshCount(CODE_LENS_REFRESH), refreshCount(INLAY_HINT_REFRESH)];
    settings['abuseCases.codeLens'] = { enabled: false };
    settings['abuseCases.inlayHints'] = { dataClasses: false, templates: false };
    session.notify('workspace/didChangeConfiguration', { settings: null });
    await Promise.all([refreshAfter(CODE_LENS_REFRESH, lensesBefore), refreshAfter(INLAY_HINT_REFRESH, hintsBefore)]);
    assert.deepStrictEqual(await lenses(mainUri), []);
    assert.deepStrictEqual(await hints(), ['5:18 · todo · Sprint 45', '15:28 · todo · Sprint 45']);
    settings['abuseCases.codeLens'] = { enabled: true };
    settings['abuseCases.inlayHints'] = {};
    const lensesOff = refreshCount(CODE_LENS_REFRESH);
    session.notify('workspace/didChangeConfiguration', { settings: null });
    await refreshAfter(CODE_LENS_REFRESH, lensesOff);
    assert.strictEqual((await lenses(mainUri)).length, 1);
  });

  it('answers nothing for a file it does not know, and empty lists for an empty one', async () => {
    const unknown = fileUri(path.join(folder, 'elsewhere.txt'));
    assert.deepStrictEqual((await lenses(unknown)) ?? [], [], 'nothing, and no error');
    const empty = fileUri(path.join(folder, 'empty.usecase.yaml'));
    session.open(empty, '');
    await session.diagnostics(empty);
    assert.deepStrictEqual(await lenses(empty), []);
    assert.deepStrictEqual(
      await session.request('textDocument/inlayHint', {
        textDocument: { uri: empty },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      }),
      [],
    );
  });
});
