import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isParseWorker, serveParseJobs } from '../node/parallelParse';
import { isTailWorker, serveTails } from '../node/tailParser';
import { startServer } from './server';

// The same bundle parses large folders, and the second half of large documents, in worker threads.
if (isParseWorker()) serveParseJobs();
else if (isTailWorker()) serveTails();
// The transport (--stdio, --node-ipc, --socket=N, --pipe=NAME) is taken from the command line.
else startServer(createConnection(ProposedFeatures.all));
