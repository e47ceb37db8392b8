import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/engine/text';

/** A document's text after an editor applies the server's edits to it. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  return edits
    .map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start)
    .reduce((result, edit) => result.slice(0, edit.start) + edit.newText + result.slice(edit.end), text);
}

export const SERVER_PATH = path.resolve(__dirname, '../../../dist/server.js');
const DEADLINE_MS = 10_000;

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

type Waiter = {
  uri: string;
  accept: (params: PublishDiagnosticsParams) => boolean;
  resolve: (d: Diagnostic[]) => void;
};

/**
 * A language client for tests: spawns the built server (`node dist/server.js --stdio`)
 * and speaks JSON-RPC to it, as an editor would.
 */
export class LspSession {
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** How many times diagnostics were published, by uri. */
  readonly publications = new Map<string, number>();
  readonly registrations: { method: string; registerOptions: unknown }[] = [];
  /** The refresh requests the server sent (`workspace/codeLens/refresh`, ...), in order. */
  readonly refreshes: string[] = [];
  private refreshWaiters: { method: string; resolve: () => void }[] = [];
  private waiters: Waiter[] = [];
  private stderr = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => process.once('exit', (code) => resolve(code)));
  }

  /**
   * `settings` answers the server's `workspace/configuration` requests, by section; `workspaceCapabilities` adds to
   * what the client says it supports of the workspace (`semanticTokens: { refreshSupport: true }`).
   */
  static async start(
    workspaceFolder?: string,
    settings?: Record<string, unknown>,
    initializationOptions?: unknown,
    workspaceCapabilities: Record<string, unknown> = {},
  ): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const session = new LspSession(child, connection);
    child.stderr!.on('data', (chunk) => (session.stderr += String(chunk)));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      session.published.set(params.uri, params);
      session.publications.set(params.uri, (session.publications.get(params.uri) ?? 0) + 1);
      session.waiters = session.waiters.filter((waiter) => {
        if (waiter.uri !== params.uri || !waiter.accept(params)) return true;
        waiter.resolve(params.diagnostics);
        return false;
      });
    });
    connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions: unknown }[] }) => {
        session.registrations.push(...params.registrations);
        return null;
      },
    );
    for (const method of ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh'])
      connection.onRequest(method, () => {
        session.refreshes.push(method);
        session.refreshWaiters = session.refreshWaiters.filter((waiter) => {
          if (waiter.method !== method) return true;
          waiter.resolve();
          return false;
        });
        return null;
      });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section ? (settings?.[item.section] ?? null) : null)),
    );
    connection.listen();
    session.initializeResult = await session.request<InitializeResult>('initialize', {
      processId: process.pid,
      initializationOptions,
      rootUri: workspaceFolder ? fileUri(workspaceFolder) : null,
      workspaceFolders: workspaceFolder ? [{ uri: fileUri(workspaceFolder), name: 'workspace' }] : null,
      capabilities: {
        workspace: {
          workspaceFolders: true,
          configuration: settings !== undefined,
          didChangeWatchedFiles: { dynamicRegistration: true },
          ...workspaceCapabilities,
        },
        textDocument: {
          publishDiagnostics: {
            relatedInformation: true,
            versionSupport: true,
            codeDescriptionSupport: true,
            dataSupport: true,
          },
        },
      },
    });
    void connection.sendNotification('initialized', {});
    return session;
  }

  initializeResult!: InitializeResult;

  request<R>(method: string, params: unknown): Promise<R> {
    return withDeadline(this.connection.sendRequest<R>(method, params), `response to ${method}`, () => this.stderr);
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  /**
   * The next diagnostics published for `uri` that satisfy `accept` (the latest
   * publication counts when it already does). Register before acting when the
   * previous publication would also satisfy it.
   */
  diagnostics(
    uri: string,
    accept: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true,
    { includeCurrent = true } = {},
  ): Promise<Diagnostic[]> {
    const current = this.published.get(uri);
    if (includeCurrent && current && accept(current.diagnostics, current)) return Promise.resolve(current.diagnostics);
    const promise = new Promise<Diagnostic[]>((resolve) =>
      this.waiters.push({ uri, accept: (params) => accept(params.diagnostics, params), resolve }),
    );
    return withDeadline(promise, `diagnostics for ${uri}`, () => this.describePublished(uri));
  }

  /** Resolves when the server next asks the editor to refresh with `method` (`workspace/codeLens/refresh`, ...). */
  nextRefresh(method: string): Promise<void> {
    const promise = new Promise<void>((resolve) => this.refreshWaiters.push({ method, resolve }));
    return withDeadline(promise, `${method} request`, () => `refreshes so far: ${this.refreshes.join(', ')}`);
  }

  /** Counts the server's notifications of `method` from now on; `atLeast(n)` resolves once n have come. */
  countNotifications(method: string): { readonly count: number; atLeast(count: number): Promise<void> } {
    let count = 0;
    let waiters: { count: number; resolve: () => void }[] = [];
    this.connection.onNotification(method, () => {
      count++;
      waiters = waiters.filter((waiter) => waiter.count > count || void waiter.resolve());
    });
    return {
      get count() {
        return count;
      },
      atLeast: (wanted) =>
        wanted <= count
          ? Promise.resolve()
          : withDeadline(
              new Promise<void>((resolve) => waiters.push({ count: wanted, resolve })),
              `${method} notification ${wanted}`,
              () => `${count} so far`,
            ),
    };
  }

  /** The first publication for `uri` after this call. */
  nextDiagnostics(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.diagnostics(uri, accept, { includeCurrent: false });
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'usecase-yaml', version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** 1 created, 2 changed, 3 deleted, as in LSP. */
  watchedFilesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): void {
    this.notify('workspace/didChangeWatchedFiles', { changes });
  }

  /** Shuts the server down as an editor does; safe to call twice. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      await this.request('shutdown', null);
      this.notify('exit', null);
    }
    const code = await withDeadline(this.exited, 'server exit', () => this.stderr);
    this.connection.dispose();
    return code;
  }

  private describePublished(uri: string): string {
    const current = this.published.get(uri);
    return `last published for ${uri}: ${current ? JSON.stringify(current.diagnostics.map((d) => `${d.code} ${d.message}`)) : 'nothing'}\nserver stderr: ${this.stderr}`;
  }
}

function withDeadline<T>(promise: Promise<T>, what: string, context: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${DEADLINE_MS} ms; ${context()}`)), DEADLINE_MS);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
