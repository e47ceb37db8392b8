/**
 * A small language client for the benchmark: it spawns a language server over
 * stdio and speaks JSON-RPC to it as an editor does, and it timestamps every
 * publishDiagnostics as it arrives. Unlike test/helpers/lspSession.ts it runs
 * any server command (ours and yaml-language-server), keeps every publication
 * in order, and allows the long deadlines a 500-file workspace needs.
 */
import { ChildProcess, spawn } from 'child_process';
import { readFileSync } from 'fs';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import {
  createMessageConnection,
  MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  Position,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export function fileUri(filePath: string): string {
  return pathToFileURL(filePath).toString();
}

/** How to start one language server, and what it needs to hear from its client. */
export interface ServerSpec {
  /** Short name used in the table and in error messages. */
  name: string;
  command: string;
  args: string[];
  /** The languageId documents are opened with. */
  languageId: string;
  /** Answers to `workspace/configuration`, by section; also sent as `workspace/didChangeConfiguration`. */
  settings: Record<string, unknown>;
  /** Whether publishDiagnostics carries the document version (ours does; yaml-language-server does not). */
  publishesVersion: boolean;
  /** Whether it analyses the files of its workspace folders without their being opened (ours does). */
  indexesWorkspace: boolean;
}

/** One publishDiagnostics, stamped with when the client received it. */
export interface Publication {
  /** Order of arrival, from 1. */
  sequence: number;
  receivedAt: number;
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

interface Waiter {
  accept: (publication: Publication) => boolean;
  resolve: (publication: Publication) => void;
}

const DEFAULT_DEADLINE_MS = 60_000;

/** Every client ever started, so that the runner can kill what is left when it fails half-way. */
const liveClients = new Set<BenchClient>();

export class BenchClient {
  readonly publications: Publication[] = [];
  private waiters: Waiter[] = [];
  private stderr = '';
  private readonly exited: Promise<void>;

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** The server process's id: `node <script>` is spawned directly, so this is the server and not a wrapper. */
  get pid(): number {
    return this.child.pid!;
  }

  static async start(spec: ServerSpec, workspaceFolder?: string): Promise<BenchClient> {
    const child = spawn(spec.command, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new BenchClient(spec, child, connection);
    liveClients.add(client);
    child.once('exit', () => liveClients.delete(client));
    child.stderr!.on('data', (chunk) => {
      // Keep the tail only: a chatty server must not grow the benchmark's memory.
      client.stderr = (client.stderr + String(chunk)).slice(-4000);
    });

    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const publication: Publication = {
        sequence: client.publications.length + 1,
        receivedAt: performance.now(),
        uri: params.uri,
        version: params.version,
        diagnostics: params.diagnostics,
      };
      client.publications.push(publication);
      client.waiters = client.waiters.filter((waiter) => {
        if (!waiter.accept(publication)) return true;
        waiter.resolve(publication);
        return false;
      });
    });
    connection.onNotification('abuseCases/coverageChanged', () => {
      const waiting = client.coverageWaiters;
      client.coverageWaiters = [];
      for (const resolve of waiting) resolve();
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section !== undefined ? (spec.settings[item.section] ?? null) : null)),
    );
    // registerCapability, workDoneProgress/create, codeLens/refresh...: an editor says yes and moves on.
    connection.onRequest(() => null);
    connection.onNotification(() => undefined);
    connection.listen();

    const folderUri = workspaceFolder ? fileUri(workspaceFolder) : null;
    const { capabilities } = await client.request<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: folderUri ? [{ uri: folderUri, name: 'bench' }] : null,
      capabilities: {
        workspace: {
          workspaceFolders: true,
          configuration: true,
          didChangeWatchedFiles: { dynamicRegistration: false },
        },
        textDocument: {
          publishDiagnostics: {
            relatedInformation: true,
            versionSupport: true,
            codeDescriptionSupport: true,
            dataSupport: true,
          },
          // As VS Code's client (vscode-languageclient) declares them.
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
            completionList: {
              itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'],
            },
          },
          synchronization: { didSave: false, dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { lineFoldingOnly: true },
        },
      },
    });
    client.serverCapabilities = capabilities;
    return client;
  }

  /** What the server said it offers, in its answer to `initialize`. */
  serverCapabilities: Record<string, unknown> = {};

  /** `initialized`, then the settings pushed as an editor does when they change. Returns when `initialized` was sent. */
  initialized(): number {
    const sentAt = performance.now();
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: this.spec.settings });
    return sentAt;
  }

  request<R>(method: string, params: unknown, deadlineMs = DEFAULT_DEADLINE_MS): Promise<R> {
    return this.withDeadline(this.connection.sendRequest<R>(method, params), `response to ${method}`, deadlineMs);
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version: number): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: this.spec.languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  completion(uri: string, position: Position): Promise<unknown> {
    return this.request('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  }

  private coverageWaiters: (() => void)[] = [];

  /** The next `abuseCases/coverageChanged` (ours only): what makes the extension refresh its sidebar. */
  coverageChanged(what: string, deadlineMs = DEFAULT_DEADLINE_MS): Promise<void> {
    const promise = new Promise<void>((resolve) => this.coverageWaiters.push(resolve));
    return this.withDeadline(promise, what, deadlineMs);
  }

  /** The sequence number of the latest publication: publications after it are "after now". */
  get lastSequence(): number {
    return this.publications.length;
  }

  /**
   * The first publication after `afterSequence` that `accept` takes. Start
   * waiting before acting (take `lastSequence` first): the answer may be fast.
   */
  publication(
    accept: (publication: Publication) => boolean,
    afterSequence: number,
    what: string,
    deadlineMs = DEFAULT_DEADLINE_MS,
  ): Promise<Publication> {
    const already = this.publications.slice(afterSequence).find(accept);
    if (already) return Promise.resolve(already);
    const promise = new Promise<Publication>((resolve) => this.waiters.push({ accept, resolve }));
    return this.withDeadline(promise, what, deadlineMs);
  }

  /**
   * Diagnostics for `uri` after `afterSequence`: of that document version when
   * the server publishes versions (ours does), else the first publication for
   * the uri (yaml-language-server sends no version).
   */
  diagnosticsFor(uri: string, afterSequence: number, version?: number, deadlineMs?: number): Promise<Publication> {
    const checkVersion = version !== undefined && this.spec.publishesVersion;
    return this.publication(
      (publication) => publication.uri === uri && (!checkVersion || publication.version === version),
      afterSequence,
      `diagnostics for ${uri}${version !== undefined ? ` version ${version}` : ''}`,
      deadlineMs,
    );
  }

  /** Resident memory of the server process in bytes, as the kernel counts it (VmRSS). */
  residentBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (!match) throw new Error(`no VmRSS in /proc/${this.pid}/status`);
    return Number(match[1]) * 1024;
  }

  /** Shuts the server down as an editor does, and kills it if it does not leave in time. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      try {
        await this.request('shutdown', null, 10_000);
        this.notify('exit', null);
        await this.withDeadline(this.exited, 'server exit', 5_000);
      } catch {
        this.kill();
      }
    }
    this.connection.dispose();
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private withDeadline<T>(promise: Promise<T>, what: string, deadlineMs: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${this.spec.name}: no ${what} within ${deadlineMs} ms; server stderr: ${this.stderr || '(empty)'}`,
            ),
          ),
        deadlineMs,
      );
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
  }
}

/** Kills every server still running: the runner's last word on failure or interruption. */
export function killAllClients(): void {
  for (const client of liveClients) client.kill();
}
