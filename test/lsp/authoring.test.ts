import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Hover,
  MarkupContent,
  Position,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { dedent, marked } from '../helpers/marked';
import { applyTextEdits, fileUri, LspSession } from '../helpers/lspSession';
import { LineIndex } from '../../server/src/engine';

const BACKLOG = dedent(`
  backlog:
    - id: RM-7
      title: Checkout with a card
      status: in-progress
      sprint: "2026.24"
`);

/** A document with a `|` cursor, opened in a real server with the backlog file on disk. */
async function openAt(
  session: LspSession,
  folder: string,
  source: string,
): Promise<{ uri: string; text: string; position: Position }> {
  const { text, cursor } = marked(dedent(source), { cursor: true });
  const uri = fileUri(path.join(folder, 'billing.usecase.yaml'));
  session.open(uri, text);
  await session.diagnostics(uri);
  return { uri, text, position: new LineIndex(text).positionAt(cursor!) };
}

describe('authoring over LSP (stdio)', () => {
  let folder: string;
  let session: LspSession;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-authoring-'));
    await fs.writeFile(path.join(folder, 'backlog.usecase.yaml'), BACKLOG);
    session = await LspSession.start(folder);
    // Indexed from disk: its ids complete in the other files.
    await session.diagnostics(fileUri(path.join(folder, 'backlog.usecase.yaml')));
  });
  after(async () => {
    await session.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('announces completion with trigger characters, hover and quick fixes', () => {
    const capabilities = session.initializeResult.capabilities;
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes(':'));
    assert.strictEqual(capabilities.hoverProvider, true);
    assert.strictEqual(capabilities.definitionProvider, true);
    assert.deepStrictEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
  });

  it('completes whole abuse cases from the catalog, ranked for the use case, as snippets', async () => {
    const { uri, position } = await openAt(
      session,
      folder,
      `
      use_cases:
        - id: UC-checkout
          title: Pay for a subscription at checkout with a card
          actor: Customer
          data: [payment]
          backlog: [RM-7]
          abuse_cases:
            - |
      `,
    );
    const list = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const templates = list.items
      .filter((item) => item.kind === 15 /* Snippet */)
      .sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.ok(templates.length >= 80, `${templates.length} templates`);
    const best = templates[0];
    assert.strictEqual(best.insertTextFormat, 2 /* Snippet */);
    const edit = best.textEdit as TextEdit;
    assert.match(edit.newText, /^id: \$\{1:AB-[a-z-]+\}\n {8}title: /);
    assert.match(
      edit.newText,
      /\n {8}threatens: \[[a-z, ]*integrity[a-z, ]*\]/,
      'the best template covers the uncovered integrity requirement of payment data',
    );
    // The long explanation is written only when the editor shows the item: on completionItem/resolve.
    assert.strictEqual(best.documentation, undefined);
    assert.ok(session.initializeResult.capabilities.completionProvider?.resolveProvider);
    const resolved = await session.request<CompletionItem>('completionItem/resolve', best);
    assert.match(
      (resolved.documentation as MarkupContent).value,
      /Suggested because it covers [a-z ()'and]*integrity \(required high by 'payment'\)/,
    );
    assert.deepStrictEqual(
      { ...resolved, documentation: undefined },
      { ...best, documentation: undefined },
      'resolve adds the documentation and changes nothing else',
    );
  });

  it('completes keys not yet present, and backlog ids from files that are not open, with their titles', async () => {
    const doc = await openAt(
      session,
      folder,
      `
      use_cases:
        - id: UC-checkout
          title: Pay at checkout
          actor: Customer
          backlog: [|]
      `,
    );
    const ids = await session.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: doc.uri },
      position: doc.position,
    });
    assert.deepStrictEqual(
      ids.items.map((item) => [item.label, item.detail]),
      [['RM-7', 'Checkout with a card']],
    );

    const keys = await openAt(
      session,
      folder,
      `
      use_cases:
        - id: UC-checkout
          title: Pay at checkout
          |
      `,
    );
    const list = await session.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: keys.uri },
      position: keys.position,
    });
    const labels = list.items.map((item) => item.label);
    assert.ok(labels.includes('actor') && labels.includes('abuse_cases') && labels.includes('data'));
    assert.ok(!labels.includes('id') && !labels.includes('title'), 'present keys are not offered');
  });

  it('hovers a data class with what it requires, and a backlog reference with its status and sprint', async () => {
    const { uri, text } = await openAt(
      session,
      folder,
      `
      use_cases:
        - id: UC-checkout
          title: Pay at checkout
          actor: Customer
          data: [payment]
          backlog: [RM-7]|
      `,
    );
    const lines = new LineIndex(text);
    const hoverOn = (word: string) =>
      session.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: lines.positionAt(text.indexOf(word) + 1),
      });
    const dataClass = (await hoverOn('payment'))!;
    assert.match((dataClass.contents as MarkupContent).value, /\| high \| high \| medium \|/);
    assert.deepStrictEqual(
      dataClass.range,
      lines.rangeOf({ start: text.indexOf('payment'), end: text.indexOf('payment') + 'payment'.length }),
    );
    const backlog = (await hoverOn('RM-7'))!;
    assert.match(
      (backlog.contents as MarkupContent).value,
      /\*\*RM-7\*\* Checkout with a card[\s\S]*in-progress · sprint 2026\.24/,
    );
  });

  it('offers a quick fix that the client can apply, and the diagnostic goes away', async () => {
    const { uri, text } = await openAt(
      session,
      folder,
      `
      use_cases:
        - id: UC-checkout
          title: Pay at checkout
          actor: Customer # who pays
          data: [payment]
          backlog: [RM-7]
          abuse_cases:
            - id: AB-amount
              title: The amount is changed in the browser
              threatens: [integrty]
              likelihood: likely
              impact: major
              mitigations:
                - title: The server computes the amount
                  backlog: [RM-7]|
      `,
    );
    const diagnostics = await session.diagnostics(uri, (d) => d.some((x) => x.code === 'invalid-value'));
    const invalid = diagnostics.find((d) => d.code === 'invalid-value')!;
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: invalid.range,
      context: { diagnostics: [invalid] },
    });
    const fix = actions.find((action) => action.title === "Change to 'integrity'")!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.strictEqual(fix.kind, 'quickfix');
    assert.strictEqual(fix.isPreferred, true);
    assert.deepStrictEqual(fix.diagnostics, [invalid]);
    const fixed = applyTextEdits(text, fix.edit!.changes![uri]);
    assert.strictEqual(fixed, text.replace('integrty', 'integrity'));

    const cleared = session.nextDiagnostics(uri);
    session.change(uri, 2, [{ text: fixed }]);
    assert.ok(!(await cleared).some((d) => d.code === 'invalid-value'));
  });

  it('shows and selects the abuse case a quick fix added: the command it carries asks the editor to show the new id', async () => {
    const { uri, text } = await openAt(
      session,
      folder,
      `
      use_cases:
        - id: UC-pay-later
          title: Pay an invoice later by card
          actor: Customer
          data: [payment]
          cia: { availability: low }
          backlog: [RM-7]
          abuse_cases:
            - id: AB-leaked-card
              title: Card numbers leak
              threatens: [confidentiality]
              likelihood: rare
              impact: minor
              accepted: { by: Ann (CISO), reason: Tokenised by the provider, until: 2027-01-01 }|
      `,
    );
    const diagnostics = await session.diagnostics(uri, (d) => d.some((x) => x.code === 'cia-uncovered'));
    const uncovered = diagnostics.find((d) => d.code === 'cia-uncovered')!;
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: uncovered.range,
      context: { diagnostics: [uncovered] },
    });
    const fix = actions.find((action) => action.isPreferred && action.title.startsWith('Add abuse case: '))!;
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    assert.ok(session.initializeResult.capabilities.executeCommandProvider?.commands.includes(fix.command.command));

    const fixed = applyTextEdits(text, fix.edit!.changes![uri]);
    session.change(uri, 2, [{ text: fixed }]);
    const shown = new Promise<{ uri: string; selection: { start: Position; end: Position }; takeFocus: boolean }>(
      (resolve) =>
        session.connection.onRequest('window/showDocument', (params) => {
          resolve(params);
          return { success: true };
        }),
    );
    await session.request('workspace/executeCommand', {
      command: fix.command.command,
      arguments: fix.command.arguments,
    });
    const { uri: shownUri, selection, takeFocus } = await shown;
    assert.strictEqual(shownUri, uri);
    assert.strictEqual(takeFocus, true);
    const lines = new LineIndex(fixed);
    const selected = fixed.slice(lines.offsetAt(selection.start), lines.offsetAt(selection.end));
    assert.match(selected, /^AB-[\w-]+$/);
    assert.match(fixed, new RegExp(`\\n {6}- id: ${selected}\\n`));
  });

  it('asks the baseline on the product line, and its quick fix answers it with a backlog item in the backlog file', async () => {
    // A workspace of its own: the other tests' files would be this product's too.
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-baseline-'));
    await fs.writeFile(path.join(own, 'backlog.usecase.yaml'), BACKLOG);
    const session = await LspSession.start(own);
    const uri = fileUri(path.join(own, 'notes.usecase.yaml'));
    const backlogUri = fileUri(path.join(own, 'backlog.usecase.yaml'));
    await session.diagnostics(backlogUri);
    const text = dedent(`
      product: Notes
      use_cases:
        - id: UC-publish
          title: Publish a public note
          actor: Member
          data: [public]
          abuse_cases:
            - id: AB-deface
              title: A note is defaced
              threatens: [integrity]
              accepted: { by: Ann (CISO), reason: Public notes only, until: 2999-01-01 }
    `);
    session.open(uri, text);
    const gaps = <D extends { code?: unknown }>(d: D[]) => d.filter((x) => x.code === 'baseline-gap');
    const diagnostics = await session.diagnostics(uri, (d) => gaps(d).length === 2);
    const [patching] = gaps(diagnostics);
    assert.deepStrictEqual(patching.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 14 } });
    assert.match(patching.message as string, /^Notes, like every product: are its systems and dependencies updated/);
    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: patching.range,
      context: { diagnostics: [patching] },
    });
    const fix = actions.find((action) => action.title === "Create backlog item RM-8 that answers 'patching'");
    assert.ok(fix?.edit?.changes, actions.map((a) => a.title).join(', '));
    assert.deepStrictEqual(Object.keys(fix.edit.changes), [backlogUri], 'the item goes in the backlog file');
    const backlog = applyTextEdits(BACKLOG, fix.edit.changes[backlogUri]);
    assert.match(
      backlog,
      /\n {2}- id: RM-8\n {4}title: Patch systems and dependencies every month, .*\n {4}security: true\n {4}answers: \[patching\]\n$/,
    );
    // The backlog file, edited as VS Code applies the fix: the product line loses that question, and only that one.
    session.open(backlogUri, backlog);
    const after = await session.diagnostics(uri, (d) => gaps(d).length === 1);
    assert.match(gaps(after)[0].message as string, /would the team notice a breach/);
    await session.stop();
    await fs.rm(own, { recursive: true, force: true });
  });

  it('completes the vendors of a file on disk, and adds the review a vendor lacks with a quick fix', async () => {
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-vendors-'));
    const vendorsUri = fileUri(path.join(own, 'vendors.usecase.yaml'));
    await fs.writeFile(
      path.join(own, 'vendors.usecase.yaml'),
      'vendors:\n  - id: mailer\n    name: Mailer Inc.\n    receives: [pii]\n',
    );
    const session = await LspSession.start(own);
    const [unreviewed] = (await session.diagnostics(vendorsUri)).filter((d) => d.code === 'vendor-unreviewed');
    assert.ok(unreviewed, 'a vendor that receives personal data needs a review');

    const { text, cursor } = marked(
      dedent(`
      use_cases:
        - id: UC-signup
          title: Sign up
          actor: Visitor
          data: [pii]
          vendors: [|]
    `),
      { cursor: true },
    );
    const uri = fileUri(path.join(own, 'signup.usecase.yaml'));
    session.open(uri, text);
    await session.diagnostics(uri);
    const list = await session.request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: new LineIndex(text).positionAt(cursor!),
    });
    assert.deepStrictEqual(
      list.items.map((item) => [item.label, item.detail]),
      [['mailer', 'Mailer Inc. · not reviewed']],
    );

    const actions = await session.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: vendorsUri },
      range: unreviewed.range,
      context: { diagnostics: [unreviewed] },
    });
    const fix = actions.find((action) => action.title.startsWith('Add a review of this vendor'));
    assert.ok(fix?.edit?.changes, actions.map((a) => a.title).join(', '));
    const reviewed = applyTextEdits(
      await fs.readFile(path.join(own, 'vendors.usecase.yaml'), 'utf8'),
      fix.edit.changes[vendorsUri],
    );
    assert.match(
      reviewed,
      /\n {4}review:\n {6}by: Name, role\n {6}on: \d{4}-\d\d-\d\d\n {6}until: \d{4}-\d\d-\d\d\n {6}evidence: \[dpa\]\n$/,
    );
    session.open(vendorsUri, reviewed);
    const after = await session.diagnostics(vendorsUri, (d) => !d.some((x) => x.code === 'vendor-unreviewed'));
    assert.ok(!after.some((d) => d.code === 'vendor-unreviewed'));
    await session.stop();
    await fs.rm(own, { recursive: true, force: true });
  });

  it("shows the current release's gate in the summary: the configuration's, or the setting's", async () => {
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-release-'));
    await fs.writeFile(
      path.join(own, 'abuse-cases.config.yaml'),
      'current-release: "2027.1"\ngate:\n  max-open-high-risks: 0\n',
    );
    const uri = fileUri(path.join(own, 'notes.usecase.yaml'));
    await fs.writeFile(
      path.join(own, 'notes.usecase.yaml'),
      dedent(`
        backlog:
          - id: RM-1
            title: Sign in
            release: "2027.1"
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Member
            backlog: [RM-1]
            abuse_cases:
              - id: AB-stuffing
                title: Credential stuffing
                threatens: [confidentiality]
                impact: major
      `),
    );
    type Summary = { release?: { name: string; gate?: { passed: boolean; thresholds: { threshold: string }[] } } };
    let session = await LspSession.start(own);
    await session.diagnostics(uri);
    const fromConfig = await session.request<Summary>('abuseCases/coverageSummary', null);
    assert.strictEqual(fromConfig.release?.name, '2027.1');
    assert.strictEqual(fromConfig.release?.gate?.passed, false, 'its open high risk fails the release');
    await session.stop();

    session = await LspSession.start(own, { 'abuseCases.sidebar': { currentRelease: '2027.2' } });
    await session.diagnostics(uri);
    const fromSetting = await session.request<Summary>('abuseCases/coverageSummary', null);
    assert.deepStrictEqual(fromSetting.release, { name: '2027.2' }, 'no item names it: no gate to show');
    await session.stop();
    await fs.rm(own, { recursive: true, force: true });
  });

  it('completes releases, kinds of source and feedback ids, and hovers where an item came from', async () => {
    const own = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-sources-'));
    await fs.writeFile(
      path.join(own, 'feedback.usecase.yaml'),
      dedent(`
        feedback:
          - id: FB-12
            summary: Let me export my roadmap as a PDF
            from: 3 enterprise customers
        backlog:
          - id: RM-1
            title: Export as PDF
            release: "2027.1"
            source:
              kind: feedback
              ref: FB-12
      `),
    );
    const session = await LspSession.start(own);
    const uri = fileUri(path.join(own, 'next.usecase.yaml'));
    const at = async (source: string) => {
      const { text, cursor } = marked(dedent(source), { cursor: true });
      session.open(uri, text);
      return { textDocument: { uri }, position: new LineIndex(text).positionAt(cursor!) };
    };
    const labels = async (source: string) =>
      (await session.request<CompletionList>('textDocument/completion', await at(source))).items.map(
        (item) => item.label,
      );
    await session.diagnostics(fileUri(path.join(own, 'feedback.usecase.yaml')));
    assert.deepStrictEqual(await labels('backlog:\n  - id: RM-2\n    title: Next\n    release: |\n'), ['2027.1']);
    assert.deepStrictEqual(await labels('backlog:\n  - id: RM-2\n    title: Next\n    source:\n      ref: |\n'), [
      'FB-12',
    ]);
    assert.deepStrictEqual(await labels('backlog:\n  - id: RM-2\n    title: Next\n    source:\n      kind: |\n'), [
      'feedback',
      'research',
      'analytics',
      'regulation',
      'security',
      'internal',
    ]);
    const hover = await session.request<Hover>(
      'textDocument/hover',
      await at('use_cases:\n  - id: UC-1\n    title: Export\n    actor: Member\n    backlog: [RM-|1]\n'),
    );
    assert.match((hover.contents as MarkupContent).value, /From feedback: FB-12 "Let me export my roadmap as a PDF"\./);
    // Go to Definition from a source's ref: the feedback, in the other file, at its id.
    const definitions = await session.request<{ uri: string; range: { start: Position } }[]>(
      'textDocument/definition',
      await at('backlog:\n  - id: RM-2\n    title: Next\n    source:\n      kind: feedback\n      ref: FB-|12\n'),
    );
    assert.deepStrictEqual(
      definitions.map(({ uri: target, range }) => [path.basename(target), range.start]),
      [['feedback.usecase.yaml', { line: 1, character: 8 }]],
    );
    assert.match((hover.contents as MarkupContent).value, /release \\?2027\.1/);
    await session.stop();
    await fs.rm(own, { recursive: true, force: true });
  });
});
