import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  DocumentLink,
  SemanticTokens,
  SemanticTokensDelta,
  SemanticTokensLegend,
} from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine';
import { fileUri, LspSession } from '../helpers/lspSession';
import { dedent } from '../helpers/marked';

const ROOT = path.resolve(__dirname, '../../..');

const USE_CASES = dedent(`
  use_cases:
    - id: UC-1
      title: Sign in
      actor: Member
      backlog: [RM-7, RM-30]
      abuse_cases:
        - id: AC-1
          title: Credential stuffing
          template: credential-stuffing
          threatens: [confidentiality]
          likelihood: likely
          mitigations:
            - title: Rate-limit sign-in
              backlog: [RM-7]
              controls: [asvs:V2.2.1, iso27001:A.8.5, gdpr:art-32]
`);

const BACKLOG = dedent(`
  backlog:
    - id: RM-7
      title: Rate-limit sign-in
`);

/** Decodes LSP's relative encoding (five numbers a token) back to [text, type, ...modifiers]. */
function decode(data: number[], text: string, legend: SemanticTokensLegend): string[][] {
  const lines = new LineIndex(text);
  const tokens: string[][] = [];
  let line = 0;
  let character = 0;
  for (let at = 0; at < data.length; at += 5) {
    const [deltaLine, deltaStart, length, type, modifiers] = data.slice(at, at + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    const start = lines.offsetAt({ line, character });
    tokens.push([
      text.slice(start, start + length),
      legend.tokenTypes[type],
      ...legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit)),
    ]);
  }
  return tokens;
}

/** Applies a delta's edits to the previous data, as a client does. */
function applyDelta(previous: number[], delta: SemanticTokensDelta): number[] {
  const data = previous.slice();
  for (const edit of [...delta.edits].sort((a, b) => b.start - a.start))
    data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return data;
}

describe('document links and semantic tokens over LSP (stdio)', () => {
  let folder: string;
  let session: LspSession;
  let refreshes = 0;
  let legend: SemanticTokensLegend;
  let mainUri: string;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-links-'));
    await fs.writeFile(path.join(folder, 'backlog.usecase.yaml'), BACKLOG);
    session = await LspSession.start(folder, undefined, undefined, { semanticTokens: { refreshSupport: true } });
    session.connection.onRequest('workspace/semanticTokens/refresh', () => {
      refreshes++;
      return null;
    });
    legend = session.initializeResult.capabilities.semanticTokensProvider!.legend;
    await session.diagnostics(fileUri(path.join(folder, 'backlog.usecase.yaml')));
    mainUri = fileUri(path.join(folder, 'main.usecase.yaml'));
    session.open(mainUri, USE_CASES);
    await session.diagnostics(mainUri);
  });

  after(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('declares links and a token legend whose custom types and modifiers package.json contributes', async () => {
    const { capabilities } = session.initializeResult;
    assert.deepStrictEqual(capabilities.documentLinkProvider, { resolveProvider: false });
    assert.deepStrictEqual(capabilities.semanticTokensProvider?.full, { delta: true });
    assert.strictEqual(capabilities.semanticTokensProvider?.range, true);
    // VS Code needs each custom type and modifier declared, and a TextMate scope for themes without semantic rules.
    const manifest = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: {
        semanticTokenTypes: { id: string }[];
        semanticTokenModifiers: { id: string }[];
        semanticTokenScopes: { language: string; scopes: Record<string, string[]> }[];
      };
    };
    const standard = ['variable', 'type', 'declaration'];
    const declared = [
      ...manifest.contributes.semanticTokenTypes.map((type) => type.id),
      ...manifest.contributes.semanticTokenModifiers.map((modifier) => modifier.id),
    ];
    assert.deepStrictEqual(
      [...legend.tokenTypes, ...legend.tokenModifiers].filter((name) => !standard.includes(name)),
      declared,
    );
    const scopes = manifest.contributes.semanticTokenScopes.find((entry) => entry.language === 'usecase-yaml')!.scopes;
    assert.deepStrictEqual(
      legend.tokenTypes.filter((type) => !standard.includes(type) && !scopes[type]),
      [],
    );
  });

  it('answers textDocument/documentLink with the public page of each control and the catalog entry of a template', async () => {
    const links = await session.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: mainUri },
    });
    const lines = new LineIndex(USE_CASES);
    assert.deepStrictEqual(
      links.map(({ range, target, tooltip }) => [
        USE_CASES.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)),
        target,
        tooltip,
      ]),
      [
        [
          'credential-stuffing',
          'https://github.com/abuse-cases/abuse-cases/blob/main/docs/catalog.md#credential-stuffing',
          'Built-in template: Attackers take over accounts by replaying passwords leaked from other sites',
        ],
        [
          'asvs:V2.2.1',
          'https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x11-V2-Authentication.md',
          'OWASP ASVS 4.0.3 requirement 2.2.1: V2 Authentication',
        ],
        ['gdpr:art-32', 'https://gdpr-info.eu/art-32-gdpr/', 'GDPR article 32'],
      ],
    );
  });

  it('answers semanticTokens/full and /range, encoded relative to each other', async () => {
    const full = await session.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: mainUri },
    });
    assert.deepStrictEqual(decode(full.data, USE_CASES, legend), [
      ['UC-1', 'variable', 'declaration'],
      ['RM-7', 'variable'],
      ['RM-30', 'variable', 'unresolved'],
      ['AC-1', 'variable', 'declaration'],
      ['credential-stuffing', 'template'],
      ['confidentiality', 'ciaDimension'],
      ['likely', 'level'],
      ['RM-7', 'variable'],
    ]);
    const range = await session.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: mainUri },
      range: { start: { line: 8, character: 0 }, end: { line: 11, character: 0 } },
    });
    assert.deepStrictEqual(decode(range.data, USE_CASES, legend), [
      ['credential-stuffing', 'template'],
      ['confidentiality', 'ciaDimension'],
      ['likely', 'level'],
    ]);
  });

  it('answers semanticTokens/full/delta with the edits from the previous result', async () => {
    const before = await session.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: mainUri },
    });
    const edited = USE_CASES.replace('likelihood: likely', 'likelihood: rare\n        impact: major');
    session.change(mainUri, 2, [{ text: edited }]);
    const delta = await session.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', {
      textDocument: { uri: mainUri },
      previousResultId: before.resultId,
    });
    assert.ok('edits' in delta, 'a delta, not the whole tokens');
    assert.deepStrictEqual(decode(applyDelta(before.data, delta), edited, legend).slice(5, 8), [
      ['confidentiality', 'ciaDimension'],
      ['rare', 'level'],
      ['major', 'level'],
    ]);
    session.change(mainUri, 3, [{ text: USE_CASES }]);
    await session.nextDiagnostics(mainUri);
  });

  it('asks the client to refresh when another file resolves a reference, and gives the resolved token then', async () => {
    await session.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: mainUri } });
    const before = refreshes;
    const backlogUri = fileUri(path.join(folder, 'backlog.usecase.yaml'));
    session.open(backlogUri, `${BACKLOG}  - id: RM-30\n    title: Lock accounts\n`);
    await session.nextDiagnostics(mainUri);
    // A request's answer comes after any request the server sent before it.
    const after = await session.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: mainUri },
    });
    assert.strictEqual(refreshes, before + 1);
    assert.deepStrictEqual(decode(after.data, USE_CASES, legend)[2], ['RM-30', 'variable']);
    // An edit that changes no resolution asks for nothing.
    session.change(backlogUri, 2, [{ text: `${BACKLOG}  - id: RM-30\n    title: Lock accounts for a while\n` }]);
    await session.nextDiagnostics(backlogUri);
    await session.request('textDocument/semanticTokens/full', { textDocument: { uri: mainUri } });
    assert.strictEqual(refreshes, before + 1);
    session.close(backlogUri);
  });

  it('sends no refresh to a client that does not support it', async () => {
    const other = await LspSession.start(folder);
    let asked = 0;
    other.connection.onRequest('workspace/semanticTokens/refresh', () => {
      asked++;
      return null;
    });
    other.open(mainUri, USE_CASES);
    await other.diagnostics(mainUri);
    await other.request('textDocument/semanticTokens/full', { textDocument: { uri: mainUri } });
    const backlogUri = fileUri(path.join(folder, 'backlog.usecase.yaml'));
    other.open(backlogUri, `${BACKLOG}  - id: RM-30\n    title: Lock accounts\n`);
    await other.nextDiagnostics(mainUri);
    await other.request('textDocument/semanticTokens/full', { textDocument: { uri: mainUri } });
    assert.strictEqual(asked, 0);
    await other.stop();
  });

  it('gives no links and no tokens, without an error, for a document that is not YAML', async () => {
    const brokenUri = fileUri(path.join(folder, 'broken.usecase.yaml'));
    session.open(brokenUri, ']]] not: [yaml\n');
    await session.diagnostics(brokenUri);
    assert.deepStrictEqual(
      await session.request('textDocument/documentLink', { textDocument: { uri: brokenUri } }),
      [],
    );
    const tokens = await session.request<SemanticTokens>('textDocument/semanticTokens/full', {
      textDocument: { uri: brokenUri },
    });
    assert.deepStrictEqual(tokens.data, []);
  });
});
