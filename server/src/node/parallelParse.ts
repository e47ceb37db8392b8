import { availableParallelism } from 'os';
import { performance } from 'perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import type { NotRead } from '../engine/rule';
import { fromSnapshot, ParsedFile, parseFile, ParsedSnapshot, snapshotOf, WorkspaceOptions } from '../engine/workspace';

/**
 * Parsing is most of a check's time and each file parses on its own, so the command line spreads
 * the files over threads, one per core: this one and workers. A worker sends back plain data (the
 * model, the ids, the file rules' findings); the workspace rules then run once, over all files, on
 * the main thread. Without a worker script (the language server) everything is parsed here.
 */
export interface ParseJob {
  uri: string;
  text: string;
  /** The file was not read (its text is empty): why. */
  notRead?: NotRead;
}

interface WorkerInput {
  parseJobs: ParseJob[];
}

/** Results go back in batches, so that the main thread takes them in while the workers still parse. */
interface WorkerReply {
  snapshots: Omit<ParsedSnapshot, 'text'>[];
  ruleErrors: { code: string; uri: string; message: string }[];
  done: boolean;
}

const BATCH_CHARACTERS = 500_000;

/** How long parsing on the calling thread runs before it lets other work in. */
const SLICE_MS = 15;

/** Below this much text, starting threads (each loads the engine) costs more than it saves. */
const PARALLEL_MIN_CHARACTERS = 1_000_000;

export async function parseAll(
  jobs: ParseJob[],
  {
    workerScript,
    threads = availableParallelism(),
    onRuleError,
  }: {
    /** The script a worker runs: the bundle that calls this, which must call `serveParseJobs` when `isParseWorker`; without one, this thread parses. */
    workerScript?: string;
    threads?: number;
    onRuleError?: WorkspaceOptions['onRuleError'];
  },
): Promise<ParsedFile[]> {
  const characters = jobs.reduce((sum, job) => sum + job.text.length, 0);
  const threadCount = Math.min(threads, jobs.length);
  if (!workerScript || threadCount < 2 || characters < PARALLEL_MIN_CHARACTERS) return parseHere(jobs, onRuleError);

  const texts = new Map(jobs.map((job) => [job.uri, job.text]));
  const parsed = new Map<string, ParsedFile>();
  const pool = new Map<string, string>();
  const receive = (reply: WorkerReply) => {
    for (const { code, uri, message } of reply.ruleErrors) {
      if (!onRuleError) throw new Error(`rule '${code}' failed on ${uri}: ${message}`);
      onRuleError(code, uri, message);
    }
    for (const snapshot of reply.snapshots) {
      parsed.set(snapshot.uri, fromSnapshot({ ...interned(snapshot, pool), text: texts.get(snapshot.uri)! }));
    }
  };
  // This thread parses a share too: a thread of its own for each share would leave one core idle.
  const [own, ...others] = shares(jobs, threadCount);
  const parsedHere = parseHere(own, onRuleError).then((files) => files.forEach((file) => parsed.set(file.uri, file)));
  await Promise.all([parsedHere, ...others.map((share) => inWorker(workerScript, share, receive))]);
  return jobs.map((job) => parsed.get(job.uri)!);
}

/**
 * Parses on this thread, a few milliseconds at a time: other work (an editor's requests) runs in
 * between. Each tree is let go as soon as its file is parsed, so that a folder never holds the
 * trees of all its files at once; whoever needs one later parses it again.
 */
async function parseHere(jobs: ParseJob[], onRuleError: WorkspaceOptions['onRuleError']): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  let sliceStart = performance.now();
  for (const job of jobs) {
    const file = parseFile(job.uri, job.text, { onRuleError, notRead: job.notRead });
    file.releaseTree();
    parsed.push(file);
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  }
  return parsed;
}

/**
 * The same object with its short strings shared through `pool`. A message between threads carries
 * each string by value, so every `todo`, `major` or `confidentiality` of a model arrives as its own
 * copy; sharing them takes about a tenth off the memory of a large workspace.
 */
function interned<T>(value: T, pool: Map<string, string>): T {
  if (typeof value === 'string') {
    if (value.length > 40) return value;
    const shared = pool.get(value);
    if (shared !== undefined) return shared as T;
    pool.set(value, value);
    return value;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = interned(value[index], pool);
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = interned(record[key], pool);
  }
  return value;
}

/** Splits the jobs into `count` shares of about equal text, largest files first (greedy). */
function shares(jobs: ParseJob[], count: number): ParseJob[][] {
  const result = Array.from({ length: count }, () => ({ jobs: [] as ParseJob[], size: 0 }));
  for (const job of [...jobs].sort((a, b) => b.text.length - a.text.length)) {
    const lightest = result.reduce((min, share) => (share.size < min.size ? share : min));
    lightest.jobs.push(job);
    lightest.size += job.text.length;
  }
  return result.map((share) => share.jobs).filter((share) => share.length > 0);
}

function inWorker(script: string, parseJobs: ParseJob[], receive: (reply: WorkerReply) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { parseJobs } satisfies WorkerInput,
      // Parsing allocates a lot of short-lived objects: a larger young generation means far fewer collections.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    worker.on('message', (reply: WorkerReply) => {
      try {
        receive(reply);
      } catch (error) {
        reject(error);
      }
      if (!reply.done) return;
      resolve();
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a parsing thread stopped with exit code ${code}`)));
  });
}

/** Whether this thread was started by `parseAll` to parse files. */
export function isParseWorker(): boolean {
  return !isMainThread && Array.isArray((workerData as Partial<WorkerInput> | null)?.parseJobs);
}

/** The worker's side: parse the jobs it was given and send the plain results back. */
export function serveParseJobs(): void {
  const { parseJobs } = workerData as WorkerInput;
  let batch: WorkerReply = { snapshots: [], ruleErrors: [], done: false };
  let characters = 0;
  const onRuleError = (code: string, uri: string, error: unknown) =>
    batch.ruleErrors.push({ code, uri, message: String(error) });
  for (const job of parseJobs) {
    const { text: _text, ...snapshot } = snapshotOf(
      parseFile(job.uri, job.text, { onRuleError, notRead: job.notRead }),
    );
    batch.snapshots.push(snapshot);
    characters += job.text.length;
    if (characters < BATCH_CHARACTERS) continue;
    parentPort!.postMessage(batch);
    batch = { snapshots: [], ruleErrors: [], done: false };
    characters = 0;
  }
  parentPort!.postMessage({ ...batch, done: true });
}
