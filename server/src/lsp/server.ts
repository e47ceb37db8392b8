import {
  ClientCapabilities,
  Connection,
  DidChangeWatchedFilesNotification,
  WatchKind,
  FileChangeType,
  InitializeResult,
  TextDocumentSyncKind,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChanges } from './documentChanges';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { version } from '../../../package.json';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, isConfigFile, projectConfigOf, Workspace } from '../engine';
import type { ProjectConfig } from '../engine';
import { parseFile } from '../engine/workspace';
import { configuredCatalogs } from '../node/config';
import { parseAll, ParseJob } from '../node/parallelParse';
import {
  DEFAULT_FILE_SETTINGS,
  FileSettings,
  fileMatcher,
  fileSettingsOf,
  findAnalysedFiles,
  isAnalysedFile,
  pathWithin,
  jobOf,
  readContained,
  ReadLimits,
  realRoots,
  WATCHED_FILE_GLOB,
} from '../node/files';
import { contractOf } from './contract';
import { EditBursts } from './editBursts';
import { LatestPerKey } from './latestPerKey';
import { DEFAULT_EDITOR_SETTINGS, EditorSettings, editorSettingsOf } from './editorSettings';
import { toLspDiagnostic } from './convert';
import { FEATURES } from './features';

const LANGUAGE_ID = 'usecase-yaml';

/**
 * The language server: a thin adapter that keeps the engine's Workspace in
 * step with the editor (open documents win over the disk) and publishes the
 * diagnostics of exactly the files each change affects.
 */
export function startServer(editorConnection: Connection): void {
  // Edits are analysed a burst at a time, and before any request is answered (see EditBursts).
  const connection = contractOf(editorConnection, { beforeRequest: () => edits.flush() });
  // The documents, and the change the editor described for each since the engine read it.
  const changes = new DocumentChanges();
  const documents = changes.documents;
  const logRuleError = (code: string, uri: string, error: unknown) =>
    connection.console.error(
      `Rule '${code}' failed on ${uri}: ${error instanceof Error ? error.stack : String(error)}`,
    );
  const workspace = new Workspace({
    onRuleError: logRuleError,
    // Only open documents need their YAML tree between analyses (completion, hover, quick fixes, edits).
    retainTree: (uri) => documents.get(uri) !== undefined,
  });
  const folders = new Map<string, string>(); // folder uri → fs path
  let canRegisterWatchers = false;
  /** Whether the editor trusts the workspace: in Restricted Mode catalogs outside it are not read. */
  let trusted = true;
  let hasWorkspaceFolders = false;
  let hasConfiguration = false;
  /** The editor's `abuseCases.files` settings; the project configuration's globs take precedence. */
  let editorFileSettings: FileSettings = DEFAULT_FILE_SETTINGS;
  /** `abuseCases.sidebar.expiringWithinDays`, when the user set it. */
  let editorExpiringDays: number | undefined;
  /** `abuseCases.sidebar.currentRelease`, when the user set it. */
  let editorCurrentRelease: string | undefined;
  /** `abuseCases.codeLens` and `abuseCases.inlayHints`: what the editor features show. */
  let editorSettings: EditorSettings = DEFAULT_EDITOR_SETTINGS;
  const editorSettingsChanged: (() => void)[] = [];
  let clientCapabilities: ClientCapabilities = {};
  let fileSettings: FileSettings = DEFAULT_FILE_SETTINGS;
  let matchesSettings = fileMatcher(fileSettings);
  /** The team catalogs the configuration names, which may lie outside the analysed files. */
  let configuredCatalogUris = new Set<string>();
  const pending = new Set<string>();
  /** The next flush of `pending`, once scheduled: resolves when its diagnostics are written. */
  let nextFlush: Promise<void> | undefined;
  const diskReads = new LatestPerKey<string[]>();

  const handles = (document: TextDocument) =>
    document.languageId === LANGUAGE_ID || isAnalysedFile(document.uri) || isConfigFile(document.uri);

  /** The configuration file at the root of each workspace folder; the first folder's that exists applies to all. */
  const rootConfigUris = () =>
    [...folders.values()].map((folder) => URI.file(path.join(folder, CONFIG_FILE_NAME)).toString());

  /** Coalesces the republishing of one burst of changes into one pass per file; resolves once they are sent. */
  function republish(uris: Iterable<string>): Promise<void> {
    for (const uri of uris) pending.add(uri);
    nextFlush ??= new Promise((resolve) =>
      setImmediate(() => {
        nextFlush = undefined;
        const batch = [...pending];
        pending.clear();
        const sent = batch.map(publish);
        for (const listener of analysed) listener();
        void Promise.all(sent).then(
          () => resolve(),
          () => resolve(),
        );
      }),
    );
    return nextFlush;
  }

  function publish(uri: string): Promise<void> {
    const file = workspace.file(uri);
    if (!file) return connection.sendDiagnostics({ uri, diagnostics: [] });
    const diagnostics = workspace
      .diagnostics(uri)
      .map((finding) => toLspDiagnostic(finding, file.lineIndex, (other) => workspace.file(other)?.lineIndex));
    const open = documents.get(uri);
    return connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
  }

  async function indexFolder(folder: WorkspaceFolder): Promise<string[]> {
    const folderPath = URI.parse(folder.uri).fsPath;
    folders.set(folder.uri, folderPath);
    const jobs: ParseJob[] = [];
    let limits: ReadLimits | undefined;
    for (const filePath of [
      path.join(folderPath, CONFIG_FILE_NAME),
      ...(await findAnalysedFiles(folderPath, fileSettings)),
    ]) {
      const uri = URI.file(filePath).toString();
      if (documents.get(uri)) continue;
      const read = await readContained(filePath, (limits ??= await readLimits()));
      if (read !== undefined) jobs.push(jobOf(uri, read));
    }
    // Parsed here, a few milliseconds at a time, so that the editor's requests are answered in between.
    // (Worker threads would copy every model back to this thread: slower here, and about 90 MB more.)
    const parsed = await parseAll(jobs, { onRuleError: logRuleError });
    // A document opened meanwhile is the editor's: its text wins over what was read from disk.
    return parsed.filter((file) => !documents.get(file.uri)).flatMap((file) => workspace.setParsed(file));
  }

  /** Whether a file on disk belongs to the analysis: under a workspace folder and matched by the settings. */
  function inScope(uri: string): boolean {
    if (configuredCatalogUris.has(uri) || rootConfigUris().includes(uri)) return true;
    const filePath = URI.parse(uri).fsPath;
    return [...folders.values()].some((folder) => {
      const relative = pathWithin(folder, filePath);
      return relative !== undefined && matchesSettings(relative);
    });
  }

  /** The `abuseCases.*` settings the server reads (files, sidebar, lenses and hints), when the editor has them. */
  async function loadFileSettings(): Promise<void> {
    if (!hasConfiguration) return;
    const configured = (await connection.workspace.getConfiguration('abuseCases.files')) as Record<
      string,
      unknown
    > | null;
    const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : undefined);
    editorFileSettings = fileSettingsOf({ include: list(configured?.include), exclude: list(configured?.exclude) });
    applyFileSettings();
    const sidebar = (await connection.workspace.getConfiguration('abuseCases.sidebar')) as Record<
      string,
      unknown
    > | null;
    const days = sidebar?.expiringWithinDays;
    editorExpiringDays =
      typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 3650 ? days : undefined;
    const release = sidebar?.currentRelease;
    editorCurrentRelease = typeof release === 'string' && release.trim() !== '' ? release.trim() : undefined;
    const [codeLens, inlayHints] = (await connection.workspace.getConfiguration([
      { section: 'abuseCases.codeLens' },
      { section: 'abuseCases.inlayHints' },
    ])) as unknown[];
    const settings = editorSettingsOf(codeLens, inlayHints);
    if (JSON.stringify(settings) === JSON.stringify(editorSettings)) return;
    editorSettings = settings;
    for (const listener of editorSettingsChanged) listener();
  }

  /** The configuration as this editor reads it: its own expiring window, when the user set one, wins over the file's. */
  function withEditorSettings(config: ProjectConfig): ProjectConfig {
    if (editorExpiringDays === undefined && editorCurrentRelease === undefined) return config;
    return {
      ...config,
      ...(editorExpiringDays === undefined ? {} : { expiringWithinDays: editorExpiringDays }),
      ...(editorCurrentRelease === undefined ? {} : { currentRelease: editorCurrentRelease }),
    };
  }

  /** Whether the analysed files changed under the current configuration and settings. */
  function applyFileSettings(): boolean {
    const next = fileSettingsOf(workspace.config, editorFileSettings);
    if (JSON.stringify(next) === JSON.stringify(fileSettings)) return false;
    fileSettings = next;
    matchesSettings = fileMatcher(fileSettings);
    return true;
  }

  /**
   * Applies the root configuration file as the workspace now has it (an open editor's text or the disk):
   * rule severities, data classes and targets re-check every file; globs and catalogs re-index.
   */
  async function refreshConfig(): Promise<string[]> {
    const { affected, filesChanged } = await applyConfig();
    if (filesChanged) affected.push(...(await reindex()));
    return affected;
  }

  async function applyConfig(): Promise<{ affected: string[]; filesChanged: boolean }> {
    const configUri = rootConfigUris().find((uri) => workspace.has(uri));
    const configFile = configUri ? workspace.file(configUri) : undefined;
    const config = withEditorSettings(configFile ? projectConfigOf(configFile.tree) : DEFAULT_CONFIG);
    // In an untrusted workspace (Restricted Mode) nothing outside the workspace folders is read.
    const inWorkspace = (file: string) =>
      [...folders.values()].some((folder) => pathWithin(folder, file) !== undefined);
    const { files: readable, unread } = configUri
      ? await configuredCatalogs(config, path.dirname(URI.parse(configUri).fsPath), {
          inWorkspace: trusted ? undefined : inWorkspace,
        })
      : { files: [], unread: [] };
    const noticed = configUri ? workspace.setUnreadCatalogs(configUri, unread) : [];
    const catalogUris = new Set(readable.map((file) => URI.file(file).toString()));
    const catalogsChanged = [...catalogUris].join() !== [...configuredCatalogUris].join();
    if (JSON.stringify(config) === JSON.stringify(workspace.config) && !catalogsChanged)
      return { affected: noticed, filesChanged: false };
    const affected = [...noticed, ...workspace.configure(config)];
    configuredCatalogUris = catalogUris;
    return { affected, filesChanged: applyFileSettings() || catalogsChanged };
  }

  /** A change to an analysed file; a change to the configuration may re-check everything. */
  async function changed(uri: string, affected: string[]): Promise<string[]> {
    return rootConfigUris().includes(uri) ? [...affected, ...(await refreshConfig())] : affected;
  }

  /** After the settings changed: forget files no longer in scope, index the ones newly in it. */
  async function reindex(): Promise<string[]> {
    const affected = workspace.uris
      .filter((uri) => !documents.get(uri) && !inScope(uri))
      .flatMap((uri) => workspace.delete(uri));
    for (const [uri, name] of [...folders]) affected.push(...(await indexFolder({ uri, name })));
    for (const uri of configuredCatalogUris)
      if (!documents.get(uri) && !workspace.has(uri)) affected.push(...(await syncFromDisk(uri)));
    return affected;
  }

  function forgetFolder(folder: WorkspaceFolder): string[] {
    folders.delete(folder.uri);
    return forgetFilesUnder(folder.uri);
  }

  /** The files known under a folder, except those open in the editor (their text is the editor's). */
  function forgetFilesUnder(folderUri: string): string[] {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    return workspace.uris
      .filter((uri) => uri.startsWith(prefix) && !documents.get(uri))
      .flatMap((uri) => workspace.delete(uri));
  }

  /** A closed or externally changed file: the disk is the truth again (read once more if reported again meanwhile). */
  function syncFromDisk(uri: string): Promise<string[]> {
    return diskReads.run(uri, () => readFromDisk(uri));
  }

  async function readFromDisk(uri: string): Promise<string[]> {
    const parsed = URI.parse(uri);
    const read = parsed.scheme === 'file' ? await readContained(parsed.fsPath, await readLimits()) : undefined;
    if (read === undefined) return workspace.delete(uri);
    if ('text' in read) return workspace.set(uri, read.text);
    // Not read (a link out of the workspace, a pipe, too large): analysed as empty, with the finding that says why.
    return workspace.setParsed(parseFile(uri, '', { notRead: jobOf(uri, read).notRead }));
  }

  /** Files are read only under the workspace folders, and the team catalogs the configuration names. */
  async function readLimits(): Promise<ReadLimits> {
    const catalogs = [...configuredCatalogUris].map((uri) => URI.parse(uri).fsPath);
    return { roots: await realRoots([...folders.values(), ...catalogs]), maxBytes: workspace.config.maxFileBytes };
  }

  const analysed: (() => void)[] = [];
  const featureCapabilities = FEATURES.map((feature) =>
    feature({
      connection,
      workspace,
      documents,
      onDidAnalyse: (listener) => analysed.push(listener),
      clientCapabilities: () => clientCapabilities,
      editorSettings: () => editorSettings,
      onDidChangeEditorSettings: (listener) => editorSettingsChanged.push(listener),
    }),
  );

  connection.onInitialize((params): InitializeResult => {
    clientCapabilities = params.capabilities;
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    // Another editor that says nothing of trust is trusted, as before; VS Code says (see the client).
    trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
    hasWorkspaceFolders = params.capabilities.workspace?.workspaceFolders === true;
    hasConfiguration = params.capabilities.workspace?.configuration === true;
    const initialFolders =
      params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: params.rootUri }] : []);
    for (const folder of initialFolders) folders.set(folder.uri, URI.parse(folder.uri).fsPath);
    return {
      capabilities: {
        ...Object.assign({}, ...featureCapabilities),
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'abuse-cases-language-server', version },
    };
  });

  connection.onInitialized(async () => {
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        // Deleting a folder reports the folder only, not the files in it: deletions of anything are watched too.
        watchers: [{ globPattern: WATCHED_FILE_GLOB }, { globPattern: '**/*', kind: WatchKind.Delete }],
      });
    }
    if (hasWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const affected = event.removed.flatMap(forgetFolder);
        for (const folder of event.added) affected.push(...(await indexFolder(folder)));
        affected.push(...(await refreshConfig()));
        void republish(affected);
      });
    }
    connection.onDidChangeConfiguration(async () => {
      const before = JSON.stringify(fileSettings);
      const expiringBefore = editorExpiringDays;
      await loadFileSettings();
      // Of the sidebar's settings, only the expiring window is the server's: it changes the coverage model.
      if (JSON.stringify(fileSettings) !== before) void republish(await reindex());
      else if (editorExpiringDays !== expiringBefore) void republish(await refreshConfig());
    });
    await loadFileSettings();
    // The configuration first: its globs decide which files to index.
    const affected: string[] = [];
    for (const uri of rootConfigUris()) affected.push(...(await syncFromDisk(uri)));
    affected.push(...(await applyConfig()).affected, ...(await reindex()));
    void republish(affected);
  });

  /** The version each document was opened at: its open also fires a content change, which the open handles. */
  const openedAt = new Map<string, number>();

  documents.onDidOpen(async ({ document }) => {
    if (!handles(document)) return;
    const { uri, version } = document;
    openedAt.set(uri, version);
    changes.take(uri);
    await republish(await changed(uri, workspace.set(uri, document.getText(), version)));
    // A file opened as it was indexed has no tree yet: it is parsed once the findings are out, so
    // that the first completion and the first edit (re-parsed against it) are fast too.
    if (documents.get(uri)?.version === version) void workspace.file(uri)?.tree;
  });

  const edits = new EditBursts((uris) => {
    for (const uri of uris) {
      const document = documents.get(uri);
      if (!document) continue;
      const affected = workspace.edit(uri, document.getText(), document.version, changes.take(uri));
      void changed(uri, affected).then(republish);
    }
  });
  documents.onDidChangeContent(({ document }) => {
    if (!handles(document) || openedAt.get(document.uri) === document.version) return;
    edits.add(document.uri);
  });
  documents.onDidClose(async ({ document }) => {
    edits.flush();
    changes.take(document.uri);
    openedAt.delete(document.uri);
    if (!handles(document)) return;
    const affected = await syncFromDisk(document.uri);
    const reopened = documents.get(document.uri);
    if (reopened) {
      // Reopened while the disk was read: the editor's text wins again.
      affected.push(...workspace.set(reopened.uri, reopened.getText(), reopened.version));
    } else if (!inScope(document.uri) && workspace.has(document.uri)) {
      // A file outside the analysed files (another folder, or excluded by the settings) is only known while open.
      affected.push(...workspace.delete(document.uri));
    }
    void republish(await changed(document.uri, affected));
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    const affected: string[] = [];
    for (const change of changes) {
      if (documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted)
        affected.push(...(workspace.has(change.uri) ? workspace.delete(change.uri) : forgetFilesUnder(change.uri)));
      else if (inScope(change.uri)) affected.push(...(await syncFromDisk(change.uri)));
      affected.push(...(await changed(change.uri, [])));
    }
    void republish(affected);
  });

  documents.listen(connection);
  connection.listen();
}
