import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isParseWorker, serveParseJobs } from '../node/parallelParse';
import { startServer } from './server';

// The same bundle parses large folders in worker threads.
if (isParseWorker()) serveParseJobs();
// The transport (--stdio, --node-ipc, --socket=N, --pipe=NAME) is taken from the command line.
else startServer(createConnection(ProposedFeatures.all));
