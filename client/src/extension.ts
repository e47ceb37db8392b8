import * as path from 'path';
import { commands, ExtensionContext, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { EXAMPLE_FILE_NAME, EXAMPLE_FILE_TEXT } from './exampleFile';
import {
  ConfigFile,
  createConfiguration,
  CREATE_CONFIG_COMMAND,
  openAtRoot,
  openWalkthroughOnce,
  watchConfigFile,
} from './firstRun';
import { crashHandler } from './crashes';
import { registerLensCommands } from './lensCommands';
import { registerSidebar, Sidebar } from './sidebar';

/** What `activate` returns: used by the extension's own tests inside VS Code. */
export interface AbuseCasesApi {
  client: LanguageClient;
  sidebar: Sidebar;
  /** Whether this activation opened the walkthrough (the first in a workspace with use-case files). */
  walkthroughOpened: Promise<boolean>;
  /** Whether the workspace has an abuse-cases.config.yaml; the status bar follows it. */
  configFile: ConfigFile;
}

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<AbuseCasesApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const outputChannel = window.createOutputChannel('Abuse Cases', { log: true });
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'usecase-yaml' },
      { scheme: 'untitled', language: 'usecase-yaml' },
    ],
    // The server pulls `abuseCases.files` and is told when any `abuseCases.*` setting changes.
    synchronize: { configurationSection: 'abuseCases' },
    outputChannel,
    errorHandler: crashHandler(() => outputChannel.show(true)),
    // In Restricted Mode the server reads nothing outside the workspace folders (see package.json's capabilities).
    initializationOptions: { trusted: workspace.isTrusted },
  };

  // The client id 'abuseCases' makes the 'abuseCases.trace.server' setting drive protocol tracing.
  client = new LanguageClient('abuseCases', 'Abuse Cases', serverOptions, clientOptions);
  context.subscriptions.push(
    client,
    commands.registerCommand('abuseCases.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('abuseCases.showServerOutput', () => outputChannel.show(true)),
    // Trust granted: the server starts again with it (catalogs outside the workspace are read from then on).
    workspace.onDidGrantWorkspaceTrust(async () => {
      if (client) {
        client.clientOptions.initializationOptions = { trusted: true };
        await client.restart();
      }
    }),
    commands.registerCommand('abuseCases.createExample', () => createExampleFile()),
    commands.registerCommand(CREATE_CONFIG_COMMAND, () => createConfiguration()),
  );
  const configFile = watchConfigFile();
  context.subscriptions.push(configFile);
  await client.start();
  const sidebar = registerSidebar(context, client, configFile);
  context.subscriptions.push(registerLensCommands(sidebar));
  const walkthroughOpened = openWalkthroughOnce(context);
  return { client, sidebar, walkthroughOpened, configFile };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Writes a small example use-case file into the first workspace folder and opens it (an unsaved one without a folder). */
async function createExampleFile(): Promise<void> {
  if (await openAtRoot(EXAMPLE_FILE_NAME, EXAMPLE_FILE_TEXT)) return;
  const document = await workspace.openTextDocument({ language: 'usecase-yaml', content: EXAMPLE_FILE_TEXT });
  await window.showTextDocument(document);
}
