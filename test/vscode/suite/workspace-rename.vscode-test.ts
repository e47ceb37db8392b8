import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditorsDiscardingChanges, playInPage, positionOf, waitFor, waitUntil, workspaceFile } from './helpers';

/** Three files of one plan: an epic and the stories of two teams under it, in other files. */
const PLAN_FILES = {
  'nav-epic.usecase.yaml': 'backlog:\n  - id: NAV-1\n    title: Export, reworked\n    type: epic\n',
  'nav-web.usecase.yaml': 'backlog:\n  - id: NAV-2\n    title: Export from the web app\n    parent: NAV-1\n',
  'nav-api.usecase.yaml': "backlog:\n  - id: NAV-3\n    title: Export through the API\n    parent: 'NAV-1' # quoted\n",
};

/** Waits until every document's text is what `expected` says. */
function waitForTexts(documents: vscode.TextDocument[], expected: (name: string) => string, what: string) {
  const differing = () =>
    documents.filter((document) => document.getText() !== expected(path.basename(document.uri.path)));
  return waitFor(
    vscode.workspace.onDidChangeTextDocument,
    () => differing().length === 0,
    what,
    undefined,
    () =>
      differing()
        .map((document) => `${document.uri.path}: ${JSON.stringify(document.getText())}`)
        .join('; '),
  );
}

describe('rename across files in VS Code', () => {
  it('renames an id in three files with F2, and one undo takes the rename back in all three', async () => {
    const documents: vscode.TextDocument[] = [];
    for (const [name, text] of Object.entries(PLAN_FILES)) {
      await vscode.workspace.fs.writeFile(workspaceFile(name), Buffer.from(text, 'utf8'));
      documents.push(await vscode.workspace.openTextDocument(workspaceFile(name)));
    }
    try {
      const editor = await vscode.window.showTextDocument(documents[0]);
      // The server knows the other two files once it has published their findings.
      await waitUntil(
        vscode.languages.onDidChangeDiagnostics,
        async () =>
          (
            (await vscode.commands.executeCommand<vscode.Location[]>(
              'vscode.executeReferenceProvider',
              documents[0].uri,
              positionOf(documents[0], 'NAV-1', 2),
            )) ?? []
          ).length === 3,
        'the three places of NAV-1',
      );
      const at = positionOf(editor.document, 'NAV-1', 2);
      editor.selection = new vscode.Selection(at, at);
      const renamed = (name: string) => PLAN_FILES[name as keyof typeof PLAN_FILES].replace(/NAV-1\b/g, 'NAV-10');
      const changed = waitForTexts(documents, renamed, 'NAV-1 renamed in the three files');
      // F2 goes to the editor with the focus (after other suites, the focus may be in a view).
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await playInPage(
        // The box may show before it takes the focus: a click puts it there, whatever the timing.
        [
          { press: 'F2' },
          { waitFor: '.rename-box input.rename-input:visible' },
          { click: '.rename-box input.rename-input:visible' },
          { press: 'Control+a' },
          { type: 'NAV-10' },
          { press: 'Enter' },
        ],
        'a rename typed into the rename box',
      );
      await changed;
      const undone = waitForTexts(
        documents,
        (name) => PLAN_FILES[name as keyof typeof PLAN_FILES],
        'the rename undone',
      );
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await playInPage([{ press: 'Control+z' }], 'one undo');
      // VS Code undoes a rename in every file at once, or first asks whether to (seen in some runs): then the answer
      // is "in all of them". The deadline only decides whether to look for the question.
      const asked = await Promise.race([
        undone.then(() => false),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 3_000)),
      ]);
      if (asked)
        await playInPage(
          [
            { waitFor: '.monaco-dialog-box' },
            { click: '.monaco-dialog-box .monaco-button:has-text("Undo in 3 Files")' },
          ],
          'the answer: undo in all three files',
        );
      await undone;
    } finally {
      await closeAllEditorsDiscardingChanges();
      // Last of the suites (this file's name sorts last): the files go, and nothing after sees them.
      for (const name of Object.keys(PLAN_FILES)) await vscode.workspace.fs.delete(workspaceFile(name));
    }
  });
});
