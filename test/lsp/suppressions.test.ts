import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyTextEdits, fileUri, LspSession } from '../helpers/lspSession';
import { dedent } from '../helpers/marked';

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();

const PAY = dedent(`
  use_cases:
    - id: UC-pay
      title: Pay an invoice
      actor: Customer
      # abuse-cases-disable-next-line no-abuse-cases, unknown-data-class -- threats are in the payments repository
      abuse_cases: []
      vendors: [strype]
`);

describe('suppressions over LSP (stdio)', () => {
  let folder: string;
  let session: LspSession;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-suppress-'));
    session = await LspSession.start(folder);
  });
  afterEach(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('publishes no suppressed finding, and the unused part of a suppression as a finding', async () => {
    const uri = fileUri(path.join(folder, 'pay.usecase.yaml'));
    session.open(uri, PAY, 1);
    const diagnostics = await session.diagnostics(uri, (_, params) => params.version === 1);
    assert.deepStrictEqual(codes(diagnostics), ['unknown-vendor', 'unused-suppression']);
    const unused = diagnostics.find((d) => d.code === 'unused-suppression')!;
    const line = PAY.split('\n').findIndex((l) => l.includes('abuse-cases-disable'));
    const character = PAY.split('\n')[line].indexOf('unknown-data-class');
    assert.deepStrictEqual(unused.range, {
      start: { line, character },
      end: { line, character: character + 'unknown-data-class'.length },
    });
  });

  it("suppresses a finding through its quick fix, and removes an unused rule from a comment through the other's", async () => {
    const uri = fileUri(path.join(folder, 'pay.usecase.yaml'));
    session.open(uri, PAY, 1);
    const diagnostics = await session.diagnostics(uri, (_, params) => params.version === 1);
    const vendor = diagnostics.find((d) => d.code === 'unknown-vendor')!;
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: vendor.range,
      context: { diagnostics: [vendor] },
    });
    const suppress = actions.find((action) => action.title === "Suppress 'unknown-vendor' on this line")!;
    assert.ok(suppress, actions.map((action) => action.title).join(', '));
    assert.deepStrictEqual(suppress.diagnostics, [vendor]);
    const suppressed = applyTextEdits(PAY, suppress.edit!.changes![uri]);
    assert.match(suppressed, /\n {4}# abuse-cases-disable-next-line unknown-vendor -- \n {4}vendors: \[strype\]\n/);
    session.change(uri, 2, [{ text: suppressed }]);
    const after = await session.diagnostics(uri, (_, params) => params.version === 2);
    assert.deepStrictEqual(codes(after), ['unused-suppression']);

    const unused = after[0];
    const removals = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: unused.range,
      context: { diagnostics: [unused] },
    });
    const remove = removals.find((action) => action.title === "Remove 'unknown-data-class' from this suppression")!;
    assert.ok(remove, removals.map((action) => action.title).join(', '));
    const cleaned = applyTextEdits(suppressed, remove.edit!.changes![uri]);
    assert.match(cleaned, /# abuse-cases-disable-next-line no-abuse-cases -- threats are in the payments repository\n/);
    session.change(uri, 3, [{ text: cleaned }]);
    assert.deepStrictEqual(await session.diagnostics(uri, (_, params) => params.version === 3), []);
  });
});
