/**
 * Completions and quick fixes used as a person uses them: keys pressed in the browser (a new line,
 * `- `, Ctrl+Space, Enter, Ctrl+S), the file saved, and the saved file checked.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { AbuseCasesApi } from '../../../client/src/extension';
import { coverageRequest } from '../../../shared/protocol';
import type { SceneStep } from '../shared';
import { STRUCTURAL_CODES } from '../../helpers/structural';
import {
  closeAllEditorsDiscardingChanges,
  codeOf,
  EXTENSION_ID,
  findingsOf,
  openNewWorkspaceFile,
  playInPage,
  waitFor,
  waitForFindings,
  waitForSave,
  waitForText,
  waitUntil,
  workspaceFile,
} from './helpers';

const STRUCTURAL = new Set(STRUCTURAL_CODES);
const structuralOf = (findings: vscode.Diagnostic[]) =>
  findings
    .filter((d) => STRUCTURAL.has(String(codeOf(d))))
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1}: ${d.message}`);

/** A use case of a file of its own (ids unique to the file: the sidebar shows each once). */
const checkout = (name: string) => [
  'use_cases:',
  `  - id: UC-typed-${name}`,
  '    title: Pay for a subscription at checkout with a card',
  '    actor: Workspace owner',
  '    data: [payment]',
  '    backlog: [RM-401]',
  '    abuse_cases:',
  `      - id: AB-typed-${name}-amount`,
  '        title: The amount is changed in the browser before it is charged',
  '        actor: Customer',
  '        intent: malicious',
  '        threatens: [integrity]',
  '',
];

const written: vscode.Uri[] = [];

/** Keys go to the editor only once it has the focus in the page (a widget left open would take them). */
const focusedEditor: SceneStep[] = [{ waitFor: '.monaco-editor.focused' }, { press: 'Escape' }];

/**
 * The same, once the page shows the cursor where the test put it (the status bar's "Ln 7, Col 17"): a selection
 * set from the extension host reaches the page on its own schedule, and keys pressed before it would land elsewhere.
 */
function keysAtCursor(editor: vscode.TextEditor): SceneStep[] {
  const { line, character } = editor.selection.active;
  return [
    ...focusedEditor,
    { waitFor: `[id="status.editor.selection"]:has-text("Ln ${line + 1}, Col ${character + 1}")` },
  ];
}

async function writeAndOpen(name: string, lines: string[]): Promise<vscode.TextEditor> {
  const editor = await openNewWorkspaceFile(name, lines.join('\n'));
  written.push(editor.document.uri);
  // The server has analysed the file once its findings are published (even an empty list).
  await waitForFindings(editor.document.uri, () => true, 'the first analysis');
  return editor;
}

function placeCursorAtEndOf(editor: vscode.TextEditor, line: number): void {
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
}

/** The label of the completion VS Code would put first at the cursor. */
async function firstCompletionAt(editor: vscode.TextEditor): Promise<vscode.CompletionItem> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    editor.document.uri,
    editor.selection.active,
  );
  const key = (item: vscode.CompletionItem) =>
    item.sortText ?? (typeof item.label === 'string' ? item.label : item.label.label);
  const first = [...list.items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0];
  assert.ok(first, 'no completion at the cursor');
  return first;
}
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** Ctrl+Space, the completion list showing `label` selected, Enter, Escape (leaves the snippet's tab stops), Ctrl+S. */
async function acceptWithKeyboardAndSave(editor: vscode.TextEditor, label: string): Promise<string> {
  const saved = waitForSave(editor.document, `${editor.document.uri.path} saved`);
  // The row's text is the label; quotes would end the selector's string.
  const shown = label.slice(0, 40).replace(/"/g, '\\"');
  await playInPage(
    [
      { press: 'Control+Space' },
      { waitFor: `.monaco-editor .suggest-widget .monaco-list-row.focused:has-text("${shown}")` },
      { press: 'Enter' },
      { press: 'Escape' },
      { press: 'Control+s' },
    ],
    `accept '${label}'`,
  );
  await saved;
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri));
}

describe('typing in VS Code as a person does', () => {
  afterEach(closeAllEditorsDiscardingChanges);
  // The typed files run last (the suite's files go in name order): removing them is tidiness, not isolation.
  after(async () => {
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it("writes a whole abuse case at the right indentation after Enter, '- ', Ctrl+Space and Enter in abuse_cases", async () => {
    const editor = await writeAndOpen('typed-catalog.usecase.yaml', checkout('catalog'));
    placeCursorAtEndOf(editor, 6);
    await playInPage([...keysAtCursor(editor), { press: 'Enter' }, { type: '- ' }], 'a new item');
    await waitForText(editor.document, (text) => text.includes('abuse_cases:\n      - \n'), "'- ' typed on a new line");
    const best = await firstCompletionAt(editor);
    assert.strictEqual(
      best.kind,
      vscode.CompletionItemKind.Snippet,
      `the first completion is a catalog abuse case: ${labelOf(best)}`,
    );

    const text = await acceptWithKeyboardAndSave(editor, labelOf(best));
    const inserted = text.slice(
      text.indexOf('abuse_cases:\n') + 'abuse_cases:\n'.length,
      text.indexOf('      - id: AB-typed-catalog-amount'),
    );
    assert.match(
      inserted,
      /^ {6}- id: AB-[\w-]+\n {8}title: .+\n {8}actor: .+\n {8}intent: (malicious|unwitting)\n {8}threatens: \[[a-z, ]+\]\n {8}template: [\w-]+\n/,
    );
    assert.match(inserted, /\n {8}mitigations:\n {10}- title: .+\n {12}backlog: \[\]\n {12}status: proposed\n/);
    // Its mitigations name no backlog item yet: a finding inside the new lines shows the server has read them.
    const lastNewLine = 6 + inserted.split('\n').length - 1;
    const findings = await waitForFindings(
      editor.document.uri,
      (all) => all.some((d) => d.range.start.line > 6 && d.range.start.line < lastNewLine),
      'the inserted abuse case analysed',
    );
    assert.deepStrictEqual(structuralOf(findings), []);
  });

  it('completes a key and keeps its default choice with Ctrl+Space, Enter, Escape', async () => {
    const editor = await writeAndOpen('typed-key.usecase.yaml', checkout('key'));
    placeCursorAtEndOf(editor, 11);
    await playInPage([...keysAtCursor(editor), { press: 'Enter' }, { type: 'likel' }], 'the start of a key');
    await waitForText(editor.document, (text) => text.includes('\n        likel'), 'the key typed');
    await waitForFindings(
      editor.document.uri,
      (findings) => findings.some((d) => codeOf(d) === 'unknown-key'),
      "unknown-key on 'likel'",
    );
    const saved = waitForSave(editor.document, 'saved');
    await playInPage(
      [
        { press: 'Control+Space' },
        { waitFor: '.monaco-editor .suggest-widget .monaco-list-row.focused:has-text("likelihood")' },
        { press: 'Enter' },
        // The snippet's choice of levels opens at once, the default written: Escape keeps it, Escape again ends the snippet.
        { waitFor: '.monaco-editor .suggest-widget .monaco-list-row:has-text("almost-certain")' },
        { press: 'Escape' },
        { press: 'Escape' },
        { press: 'Control+s' },
      ],
      'likelihood accepted',
    );
    await saved;
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(editor.document.uri));
    assert.match(text, /\n {8}threatens: \[integrity\]\n {8}likelihood: possible\n/);
    await waitForFindings(
      editor.document.uri,
      (findings) => structuralOf(findings).length === 0,
      'no structural finding in the saved file',
    );
  });

  it('completes a data class typed inside data: [...] with Ctrl+Space and Enter', async () => {
    const editor = await writeAndOpen('typed-value.usecase.yaml', checkout('value'));
    const dataLine = 4;
    const inside = editor.document.lineAt(dataLine).text.indexOf(']');
    editor.selection = new vscode.Selection(dataLine, inside, dataLine, inside);
    await playInPage([...keysAtCursor(editor), { type: ', cred' }], 'the start of a data class');
    await waitForText(editor.document, (text) => text.includes('data: [payment, cred]'), 'the data class typed');
    const text = await acceptWithKeyboardAndSave(editor, 'credentials');
    assert.match(text, /\n {4}data: \[payment, credentials\]\n/);
  });

  it("writes an unwitting abuse case from its snippet after '- ', filtered by typing", async () => {
    const editor = await writeAndOpen('typed-snippet.usecase.yaml', checkout('snippet'));
    placeCursorAtEndOf(editor, 6);
    await playInPage(
      [...keysAtCursor(editor), { press: 'Enter' }, { type: '- unwitt' }],
      'a new item and the start of its snippet',
    );
    await waitForText(editor.document, (text) => text.includes('abuse_cases:\n      - unwitt\n'), 'typed');
    const text = await acceptWithKeyboardAndSave(editor, 'Abuse case (unwitting)');
    assert.match(
      text,
      /abuse_cases:\n {6}- id: AB-short-name\n {8}title: What the user does by mistake and what it harms\n {8}actor: Well-meaning user\n {8}intent: unwitting\n/,
    );
    assert.match(
      text,
      /\n {8}mitigations:\n {10}- title: .+\n {12}backlog: \[\]\n {12}status: proposed\n {6}- id: AB-typed-snippet-amount\n/,
    );
  });

  it('adds an abuse case with Ctrl+. and Enter on an uncovered finding, and selects its id at the end of the list', async () => {
    const editor = await writeAndOpen('typed-fix.usecase.yaml', checkout('fix'));
    const uncovered = await waitForFindings(
      editor.document.uri,
      (all) => all.some((d) => codeOf(d) === 'cia-uncovered'),
      'cia-uncovered',
    );
    const finding = uncovered.find((d) => codeOf(d) === 'cia-uncovered')!;
    editor.selection = new vscode.Selection(finding.range.start, finding.range.start);
    const selected = waitFor(
      vscode.window.onDidChangeTextEditorSelection,
      () => /^AB-[\w-]+$/.test(editor.document.getText(editor.selection)) && editor.document.getText(editor.selection),
      'the new id selected',
    );
    await playInPage(
      [
        ...keysAtCursor(editor),
        { press: 'Control+.' },
        { waitFor: '.action-widget .monaco-list-row.action:has-text("Add abuse case")' },
        { press: 'Enter' },
      ],
      'the quick fix',
    );
    const id = await selected;
    assert.notStrictEqual(id, 'AB-typed-fix-amount');
    const line = editor.selection.start.line;
    assert.ok(line >= 12, `the new abuse case follows the existing one (line ${line + 1})`);
    assert.strictEqual(editor.document.lineAt(line).text, `      - id: ${id}`);
    assert.ok(
      editor.visibleRanges.some((range) => range.contains(editor.selection.start)),
      'the new id is in view',
    );
    await waitForFindings(
      editor.document.uri,
      (all) => all.some((d) => d.range.start.line > line),
      'the added abuse case analysed',
    );
    assert.deepStrictEqual(structuralOf(findingsOf(editor.document.uri)), []);
  });

  it('writes a whole new file from the snippet Ctrl+Space offers first in an empty file', async () => {
    const editor = await writeAndOpen('typed-new.usecase.yaml', []);
    const api = vscode.extensions.getExtension<AbuseCasesApi>(EXTENSION_ID)!.exports;
    const text = await acceptWithKeyboardAndSave(editor, 'New use-case file');
    assert.match(text, /^product: Product name\nbacklog:\n {2}- id: RM-\d+\n/);
    assert.match(text, /\n {12}backlog: \[RM-\d+\]\n {12}status: planned\n/);
    // The coverage model follows the same analysis as the findings: once it holds the new use case, they are published.
    await waitUntil(
      api.sidebar.onDidUpdate,
      async () => JSON.stringify(await api.client.sendRequest(coverageRequest)).includes('AB-short-name'),
      'the new file in the coverage model',
    );
    const findings = findingsOf(editor.document.uri);
    assert.deepStrictEqual(structuralOf(findings), []);
    assert.deepStrictEqual(
      findings
        .filter((d) => ['unknown-backlog-item', 'unplanned-mitigation'].includes(String(codeOf(d))))
        .map((d) => d.message),
      [],
    );
  });

  it('saves nothing but what the keys wrote (the test files are its own)', () => {
    assert.ok(written.every((uri) => uri.path.includes('/typed-')));
    assert.ok(
      findingsOf(workspaceFile('billing.usecase.yaml')).length > 0,
      'the sample workspace is analysed beside the typed files',
    );
  });
});
