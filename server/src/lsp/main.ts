import { format } from 'util';
import { createConnection, MessageReader, ProposedFeatures, StreamMessageWriter } from 'vscode-languageserver/node';
import { keptJsonEncoder } from './keptJson';
import { startServer } from './server';

// The transport (--stdio, --node-ipc, --socket=N, --pipe=NAME) is taken from the command line. Over stdio the server
// writes its messages itself, so that large answers go out from JSON kept with their parts (keptJson.ts).
if (process.argv.slice(2).includes('--stdio')) {
  // stdin as a stream, as the library takes it: the server exits when the editor closes it.
  const connection = createConnection(
    ProposedFeatures.all,
    process.stdin as unknown as MessageReader,
    new StreamMessageWriter(process.stdout, { contentTypeEncoder: keptJsonEncoder }),
  );
  // stdout carries the protocol: whatever the server or a library prints goes to the editor's log instead.
  const log =
    (write: (message: string) => void) =>
    (...args: unknown[]) =>
      write(format(...args));
  console.log = console.info = log((message) => connection.console.log(message));
  console.debug = log((message) => connection.console.debug(message));
  console.warn = log((message) => connection.console.warn(message));
  console.error = console.trace = log((message) => connection.console.error(message));
  startServer(connection);
} else startServer(createConnection(ProposedFeatures.all));
