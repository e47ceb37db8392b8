/**
 * Small helpers for tests that run in VS Code's extension host: waiting on events with a
 * deadline (never a fixed sleep), the sample workspace, findings, and editors.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { handOver, SceneReady, sceneFiles, SceneStep, SCENES_FOLDER_ENV, waitForFile } from '../shared';

export const EXTENSION_ID = 'abuse-cases.abuse-cases';
export const LANGUAGE_ID = 'usecase-yaml';
export const SOURCE = 'abuse-cases';
export const RULE_DOCS = 'https://github.com/abuse-cases/abuse-cases/blob/main/docs/rules/';
const DEFAULT_DEADLINE_MS = 10_000;

/**
 * Resolves with the first truthy value of `probe`, checked at once (without an event) and after
 * each `event` (with it); rejects with `what` (and the last state, through `describe`) after `ms`.
 */
export function waitFor<E, T>(
  event: vscode.Event<E>,
  probe: (fired?: E) => T | undefined | null | false,
  what: string,
  ms = DEFAULT_DEADLINE_MS,
  describe?: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      subscription.dispose();
      finish();
    };
    const check = (fired?: E) => {
      try {
        const value = probe(fired);
        if (value) settle(() => resolve(value));
      } catch (error) {
        settle(() => reject(error));
      }
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new Error(`timed out after ${ms} ms waiting for ${what}${describe ? `; last seen: ${describe()}` : ''}`),
          ),
        ),
      ms,
    );
    const subscription = event(check);
    check();
  });
}

/** The copy of examples/ that the launcher opened as the workspace folder. */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('VS Code was started without a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The extension's diagnostics of `uri`, optionally only those with `code`. */
export function findingsOf(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE && (code === undefined || codeOf(d) === code));
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** Waits until the findings of `uri` satisfy `accept`, and returns them. */
export function waitForFindings(
  uri: vscode.Uri,
  accept: (findings: vscode.Diagnostic[]) => boolean,
  what: string,
  ms?: number,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const findings = findingsOf(uri);
      return accept(findings) && findings;
    },
    `${what} in ${uri.path.split('/').pop()}`,
    ms,
    () => JSON.stringify(findingsOf(uri).map((d) => `${codeOf(d)}@${d.range.start.line + 1}`)),
  );
}

export function hasFinding(code: string): (findings: vscode.Diagnostic[]) => boolean {
  return (findings) => findings.some((d) => codeOf(d) === code);
}

export async function openWorkspaceFile(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document);
}

let untitledCount = 0;

/**
 * A new, unsaved use-case document in an editor (the server analyses it with the workspace).
 * Each has a name of its own: when a name is reused (`Untitled-1`), VS Code may restore the new
 * document from the backup of the one closed just before, with its text (seen under load).
 */
export async function openUntitled(lines: string[]): Promise<vscode.TextEditor> {
  const uri = workspaceFile(`untitled-${++untitledCount}.usecase.yaml`).with({ scheme: 'untitled' });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  assert.strictEqual(editor.document.languageId, LANGUAGE_ID);
  const inserted = await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), lines.join('\n') + '\n'));
  assert.ok(inserted, `could not fill ${uri.toString()}`);
  return editor;
}

/** The position of `text` in the document (of its `offset`-th character), which must occur after `after` when given. */
export function positionOf(document: vscode.TextDocument, text: string, offset = 0, after?: string): vscode.Position {
  const content = document.getText();
  const from = after === undefined ? 0 : content.indexOf(after);
  const index = from < 0 ? -1 : content.indexOf(text, from);
  if (index < 0) throw new Error(`'${text}'${after ? ` after '${after}'` : ''} is not in ${document.uri.toString()}`);
  return document.positionAt(index + offset);
}

/** Reverts every unsaved document (no "Save?" dialog) and closes all editors, so that tests do not see each other. */
export async function closeAllEditorsDiscardingChanges(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

let playCount = 0;

/**
 * Plays steps in the page as a person would (keys pressed in the browser, not commands run in the
 * extension host): the launcher presses them and answers when done, or says what went wrong.
 */
export async function playInPage(steps: SceneStep[], what: string, ms = 30_000): Promise<void> {
  const folder = process.env[SCENES_FOLDER_ENV];
  if (!folder) throw new Error(`${SCENES_FOLDER_ENV} is not set: run the suite with \`node out/test/vscode/run.js\``);
  const name = `keys-${++playCount}`;
  const ready: SceneReady = { steps, screenshot: false };
  await handOver(folder, sceneFiles(name).ready, JSON.stringify(ready));
  const problem = await waitForFile(folder, sceneFiles(name).taken, ms);
  assert.strictEqual(problem, '', `${what}: ${problem}`);
}

/** Writes a file into the workspace copy and opens it in an editor. */
export async function openNewWorkspaceFile(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
}

/** Resolves once `document` has been saved (by a key press in the page, say). */
export function waitForSave(document: vscode.TextDocument, what: string): Promise<vscode.TextDocument> {
  return waitFor(
    vscode.workspace.onDidSaveTextDocument,
    (saved) => saved?.uri.toString() === document.uri.toString() && saved,
    what,
  );
}

/** Resolves once the text of `document` satisfies `accept`. */
export function waitForText(
  document: vscode.TextDocument,
  accept: (text: string) => boolean,
  what: string,
): Promise<string> {
  return waitFor(
    vscode.workspace.onDidChangeTextDocument,
    () => accept(document.getText()) && document.getText(),
    what,
    undefined,
    () => JSON.stringify(document.getText().slice(-300)),
  );
}

/**
 * Waits for what the extension does on its first start in the workspace (it opens its walkthrough),
 * then closes every editor: the tests start from an empty editor area, whatever the order of events.
 */
export async function settleFirstRun(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ walkthroughOpened: Promise<boolean> }>(EXTENSION_ID);
  if (!extension) return;
  const api = extension.isActive ? extension.exports : await extension.activate();
  await api.walkthroughOpened;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * As waitFor, for a probe that has to ask (the sidebar's rows come from the server): checked at once and after each
 * `event`, one check at a time (an event during a check runs one more after it).
 */
export function waitUntil<E, T>(
  event: vscode.Event<E>,
  probe: () => Promise<T | undefined | null | false>,
  what: string,
  ms = DEFAULT_DEADLINE_MS,
  describe?: () => Promise<string> | string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    const settle = (finish: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      finish();
    };
    const check = async () => {
      if (running) return void (again = true);
      running = true;
      try {
        do {
          again = false;
          const value = await probe();
          if (value) return settle(() => resolve(value));
        } while (again && !done);
      } catch (error) {
        settle(() => reject(error));
      } finally {
        running = false;
      }
    };
    const timer = setTimeout(async () => {
      const last = describe ? `; last seen: ${await Promise.resolve(describe()).catch((error) => String(error))}` : '';
      settle(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${last}`)));
    }, ms);
    const subscription = event(() => void check());
    void check();
  });
}
