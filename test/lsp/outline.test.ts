import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  DocumentSymbol,
  FoldingRange,
  Position,
  SelectionRange,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine';
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
