import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RequestType0 } from 'vscode-jsonrpc';
import { serverInfoRequest } from '../../../shared/protocol';
import {
  codeOf,
  EXTENSION_ID,
  hasFinding,
  LANGUAGE_ID,
  SOURCE,
  waitFor,
  waitForFindings,
  workspaceFile,
} from './helpers';

/**
 * The part of the extension's test API (what `activate` returns) this test uses: the
 * vscode-languageclient LanguageClient, typed structurally so that the test depends on no more.
 */
interface TestApi {
  client?: {
    sendRequest<R>(type: RequestType0<R, void>): Promise<R>;
    onDidChangeState: vscode.Event<{ newState: number }>;
  };
}
const RUNNING = 2; // vscode-languageclient's State.Running
const METHOD_NOT_FOUND = -32601;

/** uri → the extension's findings as `code@line`, for every file that has some. */
function findingsSnapshot(): Map<string, string> {
  return new Map(
    vscode.languages
      .getDiagnostics()
      .map(
        ([uri, diagnostics]) =>
          [
            uri.toString(),
            diagnostics
              .filter((d) => d.source === SOURCE)
              .map((d) => `${codeOf(d)}@${d.range.start.line + 1}`)
              .sort()
              .join(' '),
          ] as const,
      )
      .filter(([, findings]) => findings !== ''),
  );
}

function sameSnapshot(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([uri, findings]) => b.get(uri) === findings);
}

describe('the language and the extension in VS Code', () => {
  it(`gives *.usecase.yaml, *.abusecatalog.yaml and abuse-cases.config.yaml the language id ${LANGUAGE_ID}`, async () => {
    for (const name of ['billing.usecase.yaml', 'roadmaps.abusecatalog.yaml']) {
      const document = await vscode.workspace.openTextDocument(workspaceFile(name));
      assert.strictEqual(document.languageId, LANGUAGE_ID, name);
    }
    // Not on disk, so that no other test sees a configuration.
    const config = await vscode.workspace.openTextDocument(
      workspaceFile('abuse-cases.config.yaml').with({ scheme: 'untitled' }),
    );
    assert.strictEqual(config.languageId, LANGUAGE_ID, 'abuse-cases.config.yaml');
  });

  it('is active in a workspace with use-case files, and contributes its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.strictEqual(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['abuseCases.restartServer', 'abuseCases.showServerOutput']) {
      assert.ok(commands.includes(command), command);
    }
  });

  // Uses the extension's test API (`exports.client`) and the server's `abuseCases/serverInfo` request;
  // skipped while either is missing.
  it('restarts a server that was killed, and the findings come back, those of an unsaved edit too', async function () {
    const client = (vscode.extensions.getExtension<TestApi>(EXTENSION_ID)?.exports as TestApi | undefined)?.client;
    if (!client) return this.skip();
    const before = await client.sendRequest(serverInfoRequest).catch((error: { code?: number }) => {
      if (error.code === METHOD_NOT_FOUND) return undefined; // the server does not answer it yet
      throw error;
    });
    if (!before) return this.skip();

    await waitForFindings(
      workspaceFile('backlog.usecase.yaml'),
      hasFinding('done-with-open-risk'),
      'the workspace to be analysed',
    );
    // An edit not saved when the server dies: the new server must get it from the editor, not read the disk.
    const document = await vscode.workspace.openTextDocument(workspaceFile('backlog.usecase.yaml'));
    const unsaved = new vscode.WorkspaceEdit();
    unsaved.insert(document.uri, new vscode.Position(0, 0), 'not_a_key: 1\n');
    await vscode.workspace.applyEdit(unsaved);
    const editedText = document.getText();
    await waitForFindings(document.uri, hasFinding('unknown-key'), 'the unsaved edit to be analysed');
    const expected = findingsSnapshot();
    const republished = new Set<string>();
    const recordRepublished = vscode.languages.onDidChangeDiagnostics(({ uris }) =>
      uris.forEach((uri) => republished.add(uri.toString())),
    );
    try {
      const restarted = waitFor(
        client.onDidChangeState,
        (change) => change?.newState === RUNNING,
        'the client to restart the server',
        20_000,
      );
      process.kill(before.pid, 'SIGKILL');
      await restarted;
      const after = await client.sendRequest(serverInfoRequest);
      assert.notStrictEqual(after.pid, before.pid, 'a new server process');
      // Every file is analysed again, with the same findings (so the next tests see a settled server).
      await waitFor(
        vscode.languages.onDidChangeDiagnostics,
        () => [...expected.keys()].every((uri) => republished.has(uri)) && sameSnapshot(findingsSnapshot(), expected),
        'the new server to publish every finding again',
        20_000,
        () => JSON.stringify({ expected: [...expected], now: [...findingsSnapshot()], republished: [...republished] }),
      );
      assert.ok(document.isDirty && document.getText() === editedText, 'the unsaved edit is still there, unsaved');
    } finally {
      recordRepublished.dispose();
      // The test files are its own: the edit is discarded, not saved.
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    // Leave a settled extension to the next tests: the sidebar, when there is one, may still show a
    // model it fetched while the new server was indexing (it refreshes 150 ms after the last analysis).
    if ((await vscode.commands.getCommands(true)).includes('abuseCases.refresh'))
      await vscode.commands.executeCommand('abuseCases.refresh');
  });
});
