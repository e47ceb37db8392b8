import { isMainThread, parentPort, Worker, workerData } from 'worker_threads';
import { parseTail, ParsedTail, Split } from '../engine/splitParse';

/**
 * A thread that parses the tail of a large document while the main thread parses its head
 * (engine/splitParse.ts). It is started on the first such document, so that later ones do not pay
 * for starting it, and stops after a minute without work.
 */
export class TailParser {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, (tail: ParsedTail | undefined) => void>();
  private nextId = 0;
  private idle: NodeJS.Timeout | undefined;

  /** `script`: the bundle that calls `serveTails` when `isTailWorker`; without one, nothing is split. */
  constructor(private readonly script: string | undefined) {}

  /** The tail parsed on the other thread; undefined when it cannot be (no script, an error, a syntax error). */
  parse(uri: string, tailText: string, split: Split): Promise<ParsedTail | undefined> {
    const worker = this.started();
    if (!worker) return Promise.resolve(undefined);
    clearTimeout(this.idle);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      worker.postMessage({ id, uri, tailText, split } satisfies TailJob);
    });
  }

  dispose(): void {
    clearTimeout(this.idle);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private started(): Worker | undefined {
    if (this.worker || !this.script) return this.worker;
    const worker = new Worker(this.script, { workerData: { role: TAIL_ROLE } });
    worker.unref();
    worker.on('message', ({ id, tail }: { id: number; tail: ParsedTail | undefined }) => {
      this.waiting.get(id)?.(tail);
      this.waiting.delete(id);
      if (this.waiting.size === 0) this.idle = setTimeout(() => this.dispose(), 60_000).unref();
    });
    const fail = () => {
      // The whole parse on the main thread takes over.
      for (const resolve of this.waiting.values()) resolve(undefined);
      this.waiting.clear();
      this.worker = undefined;
    };
    worker.once('error', fail);
    worker.once('exit', fail);
    this.worker = worker;
    return worker;
  }
}

interface TailJob {
  id: number;
  uri: string;
  tailText: string;
  split: Split;
}

const TAIL_ROLE = 'abuse-cases:tail-parser';

export function isTailWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === TAIL_ROLE;
}

export function serveTails(): void {
  parentPort!.on('message', ({ id, uri, tailText, split }: TailJob) => {
    let tail: ParsedTail | undefined;
    try {
      tail = parseTail(uri, tailText, split);
    } catch {
      tail = undefined;
    }
    parentPort!.postMessage({ id, tail });
  });
}
