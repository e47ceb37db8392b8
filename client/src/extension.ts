import * as path from 'path';
import { commands, ExtensionContext, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = window.createOutputChannel('Abuse Cases', { log: true });
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'usecase-yaml' },
      { scheme: 'untitled', language: 'usecase-yaml' },
    ],
    outputChannel,
  };

  // The client id 'abuseCases' makes the 'abuseCases.trace.server' setting drive protocol tracing.
  client = new LanguageClient('abuseCases', 'Abuse Cases', serverOptions, clientOptions);
  context.subscriptions.push(
    client,
    commands.registerCommand('abuseCases.restartServer', async () => {
      await client?.restart();
    }),
    commands.registerCommand('abuseCases.showServerOutput', () => outputChannel.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
