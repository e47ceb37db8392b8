import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  closeAllEditorsDiscardingChanges,
  codeOf,
  hasFinding,
  openUntitled,
  positionOf,
  waitForFindings,
} from './helpers';

/** A use case of a new, unsaved file; backlog ids resolve against the sample workspace. */
const USE_CASE = [
  'use_cases:',
  '  - id: UC-vscode-test-checkout',
  '    title: Pay for a subscription at checkout with a card',
  '    actor: Workspace owner',
  '    data: [payment]',
  '    backlog: [RM-401]',
];

function sortedItems(list: vscode.CompletionList): vscode.CompletionItem[] {
  const key = (item: vscode.CompletionItem) =>
    item.sortText ?? (typeof item.label === 'string' ? item.label : item.label.label);
  return [...list.items].sort((a, b) => key(a).localeCompare(key(b)));
}

function markdownOf(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n---\n');
}

describe('authoring in VS Code', () => {
  afterEach(closeAllEditorsDiscardingChanges);

  it("completes whole abuse cases from the catalog first after '- ' in abuse_cases", async () => {
    const { document } = await openUntitled([...USE_CASE, '    abuse_cases:', '      - ']);
    const position = positionOf(document, '- ', 2, 'abuse_cases:');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      position,
    );
    const items = sortedItems(list);
    assert.ok(items.length >= 80, `${items.length} completions`);
    const best = items[0];
    assert.ok(
      best.insertText instanceof vscode.SnippetString,
      `the first completion inserts a snippet: ${JSON.stringify(best.label)}`,
    );
    assert.match(best.insertText.value, /\btemplate: /);
    assert.match(
      best.insertText.value,
      /\bthreatens: \[[a-z, ]*integrity/,
      'ranked first: covers the uncovered integrity that payment data requires',
    );
    assert.strictEqual(best.kind, vscode.CompletionItemKind.Snippet);
  });

  it('offers "Change to \'integrity\'" for a typo in threatens, and applying it fixes the text and the finding', async () => {
    const { document } = await openUntitled([
      ...USE_CASE,
      '    abuse_cases:',
      '      - id: AB-vscode-test-amount',
      '        title: The amount is changed in the browser',
      '        actor: Customer',
      '        intent: malicious',
      '        threatens: [integrty]',
      '        likelihood: likely',
      '        impact: major',
    ]);
    const findings = await waitForFindings(document.uri, hasFinding('invalid-value'), 'invalid-value');
    const typo = findings.find((d) => codeOf(d) === 'invalid-value')!;
    assert.strictEqual(document.getText(typo.range), 'integrty');

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      typo.range,
    );
    const titles = actions.map((action) => action.title);
    const fix = actions.find(
      (action): action is vscode.CodeAction => action.title === "Change to 'integrity'" && 'edit' in action,
    );
    assert.ok(fix?.edit, `no "Change to 'integrity'" among ${JSON.stringify(titles)}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /^ {8}threatens: \[integrity\]$/m);
    await waitForFindings(document.uri, (after) => !hasFinding('invalid-value')(after), 'no invalid-value');
  });

  it('hovers a data class with the C / I / A levels it requires', async () => {
    const { document } = await openUntitled(USE_CASE);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, 'payment', 2),
    );
    const markdown = markdownOf(hovers);
    assert.match(markdown, /\*\*payment\*\*/);
    assert.match(
      markdown,
      /\| Confidentiality \| Integrity \| Availability \|\n\| --- \| --- \| --- \|\n\| high \| high \| medium \|/,
    );
  });
});
