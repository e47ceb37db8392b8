import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  DocumentSymbol,
  FoldingRange,
  Position,
  Range,
  SelectionRange,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { generateUseCaseFile } from '../../bench/generate';
import { LineIndex, Workspace } from '../../server/src/engine';
import { outlineOf } from '../../server/src/engine/features/outline';
import { toDocumentSymbol } from '../../server/src/lsp/features/documentSymbols';
import { TODAY } from '../helpers/engine';
import { fileUri, LspSession } from '../helpers/lspSession';
import { dedent, marked } from '../helpers/marked';
import { SHARING_BACKLOG } from '../helpers/outline';

const SHARING = dedent(`
  # Sharing roadmaps outside the workspace.
  # Reviewed with the security team.
  use_cases:
    - id: UC-share-link
      title: Share a roadmap through a private link
      actor: Product manager
      backlog: [RM-140]
      abuse_cases:
        - id: AB-link-|forwarded
          title: The link is forwarded to a competitor
          threatens: [confidentiality]
          mitigations:
            - title: Links expire
              backlog: [RM-140]
`);

describe('outline and navigation over LSP (stdio)', () => {
  let folder: string;
  let session: LspSession;
  let uri: string;
  let text: string;
  let cursor: Position;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-outline-'));
    await fs.writeFile(path.join(folder, 'backlog.usecase.yaml'), SHARING_BACKLOG);
    session = await LspSession.start(folder);
    await session.diagnostics(fileUri(path.join(folder, 'backlog.usecase.yaml')));
    const document = marked(SHARING, { cursor: true });
    text = document.text;
    cursor = new LineIndex(text).positionAt(document.cursor!);
    uri = fileUri(path.join(folder, 'sharing.usecase.yaml'));
    session.open(uri, text);
    await session.diagnostics(uri);
  });
  after(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('announces document and workspace symbols, folding and selection ranges', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.deepStrictEqual(capabilities.documentSymbolProvider, { label: 'abuse-cases' });
    assert.strictEqual(capabilities.workspaceSymbolProvider, true);
    assert.strictEqual(capabilities.foldingRangeProvider, true);
    assert.strictEqual(capabilities.selectionRangeProvider, true);
  });

  it('outlines the use case, its abuse case and mitigation as a tree, with kinds, titles and id ranges', async () => {
    const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const tree = (list: DocumentSymbol[]): unknown[] =>
      list.map(({ name, kind, detail, children }) => [name, kind, detail, ...tree(children ?? [])]);
    assert.deepStrictEqual(tree(symbols), [
      [
        'UC-share-link',
        5 /* Class */,
        'Share a roadmap through a private link',
        [
          'AB-link-forwarded',
          24 /* Event */,
          'The link is forwarded to a competitor',
          ['Links expire', 6 /* Method */, 'RM-140'],
        ],
      ],
    ]);
    const [useCase] = symbols;
    assert.deepStrictEqual(useCase.selectionRange, {
      start: { line: 3, character: 8 },
      end: { line: 3, character: 21 },
    });
    assert.deepStrictEqual(useCase.range, { start: { line: 3, character: 4 }, end: { line: 13, character: 29 } });
  });

  it('finds ids and titles across the workspace, with their container', async () => {
    const found = await session.request<SymbolInformation[]>('workspace/symbol', { query: 'shar' });
    assert.deepStrictEqual(
      found.map(({ name, kind, location, containerName }) => [
        name,
        kind,
        path.basename(location.uri),
        location.range.start.line,
        containerName,
      ]),
      [
        [
          'UC-share-link · Share a roadmap through a private link',
          5,
          'sharing.usecase.yaml',
          3,
          'sharing.usecase.yaml',
        ],
        ['RM-100 · Sharing', 4 /* Package */, 'backlog.usecase.yaml', 1, 'backlog.usecase.yaml'],
        ['RM-140 · Shared links expire', 2 /* Module */, 'backlog.usecase.yaml', 4, 'RM-100'],
      ],
    );
  });

  it('folds the entries and the leading comments', async () => {
    const folds = await session.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepStrictEqual(
      folds.map(({ startLine, endLine, kind }) => [startLine, endLine, kind]),
      [
        [0, 1, 'comment'],
        [2, 13, undefined],
        [3, 13, undefined],
        [7, 13, undefined],
        [8, 13, undefined],
        [11, 13, undefined],
        [12, 13, undefined],
      ],
    );
  });

  it('expands the selection from the id to the abuse case, the use case and the file', async () => {
    const [selection] = await session.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri },
      positions: [cursor],
    });
    const lines = new LineIndex(text);
    const chain: string[] = [];
    for (let at: SelectionRange | undefined = selection; at; at = at.parent)
      chain.push(text.slice(lines.offsetAt(at.range.start), lines.offsetAt(at.range.end)).split('\n')[0]);
    // The first line of each: the id, its pair, the whole abuse case, with its dash...
    assert.deepStrictEqual(chain, [
      'AB-link-forwarded',
      'id: AB-link-forwarded',
      'id: AB-link-forwarded',
      '- id: AB-link-forwarded',
      'abuse_cases:',
      'id: UC-share-link',
      '- id: UC-share-link',
      'use_cases:',
      '# Sharing roadmaps outside the workspace.',
    ]);
  });
});

describe('the outline under edits, over LSP (stdio)', () => {
  // Many use cases, so that most edits leave some of them (whose symbols the server keeps) and move them.
  const EXAMPLE = generateUseCaseFile(3, { useCases: 12, abuseCasesPerUseCase: 2 });
  let folder: string;
  let session: LspSession;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-outline-edits-'));
    session = await LspSession.start(folder);
  });
  after(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  const symbolsOf = (uri: string) =>
    session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });

  it('equals the outline of the same text opened afresh, after edits within a line and edits that add or remove lines', async () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const uri = fileUri(path.join(folder, 'edited.usecase.yaml'));
    let text = EXAMPLE;
    session.open(uri, text, 1);
    await symbolsOf(uri);
    let lineCountChanged = 0;
    for (let version = 2; version <= 41; version++) {
      // Edits at the start of a line: a letter in a title's line, a comment line, or a line's removal.
      const lines = text.split('\n');
      const line = Math.floor(next() * (lines.length - 1));
      const titleLine = lines.findIndex((content, index) => index >= line && /^\s*title: /.test(content));
      const kind = next();
      let change: { range: Range; text: string };
      if (kind < 0.4 && titleLine >= 0) {
        const character = lines[titleLine].indexOf('title: ') + 'title: '.length;
        change = { range: rangeAt(titleLine, character, titleLine, character), text: 'X' };
      } else if (kind < 0.7 || lines.length < 20) {
        change = { range: rangeAt(line, 0, line, 0), text: `${' '.repeat(lines[line].search(/\S|$/))}# note\n` };
      } else {
        change = { range: rangeAt(line, 0, line + 1, 0), text: '' };
      }
      const before = new LineIndex(text);
      text =
        text.slice(0, before.offsetAt(change.range.start)) +
        change.text +
        text.slice(before.offsetAt(change.range.end));
      if (change.text.includes('\n') || change.range.end.line !== change.range.start.line) lineCountChanged++;
      const published = session.diagnostics(uri, (_, params) => params.version === version);
      session.change(uri, version, [change]);
      await published;
      // What the text's outline is, worked out here from a parse of its own (the server keeps symbols and their JSON).
      assert.deepStrictEqual(await symbolsOf(uri), freshSymbols(text), `after edit ${version}:\n${text}`);
    }
    assert.ok(lineCountChanged > 10, `${lineCountChanged} edits added or removed a line`);
  });
});

/** The LSP outline of a text parsed afresh, as JSON carries it. */
function freshSymbols(text: string): DocumentSymbol[] {
  const workspace = new Workspace({ today: () => TODAY });
  workspace.set('file:///fresh.usecase.yaml', text);
  const file = workspace.file('file:///fresh.usecase.yaml')!;
  return JSON.parse(
    JSON.stringify(outlineOf(file).map((symbol) => toDocumentSymbol(symbol, file.lineIndex))),
  ) as DocumentSymbol[];
}

function rangeAt(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}
