import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

/**
 * Answers written from JSON kept with their parts. Some answers are large and mostly the same objects as the answer
 * before: the whole coverage model (tens of megabytes, coverageJson.ts) and the outline of a large file (half a
 * megabyte, documentSymbols.ts), where `JSON.stringify` was most of the server's share. A handler marks such an answer
 * with the function that writes its bytes; over stdio, the server's encoder (main.ts) writes the answer with it. Over
 * node IPC, Node serialises messages itself and the mark is ignored.
 */
const WRITERS = new WeakMap<object, (answer: object) => Buffer[]>();

/** Marks `answer` to be written by `write`, whose bytes must equal `JSON.stringify(answer)`'s. */
export function writtenFromKeptJson<T extends object>(answer: T, write: (answer: T) => Buffer[]): T {
  WRITERS.set(answer, write as (answer: object) => Buffer[]);
  return answer;
}

/** vscode-jsonrpc's JSON encoder, but a marked answer is written by its writer. */
export const keptJsonEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      const result = (message as { result?: unknown }).result;
      const write = typeof result === 'object' && result !== null ? WRITERS.get(result) : undefined;
      if (write) {
        const [head, tail] = cutAt(JSON.stringify({ ...message, result: [] }), ['"result":[']);
        // `[` opened the answer's place: its own JSON follows.
        return Promise.resolve(
          Buffer.concat([Buffer.from(head.slice(0, -1)), ...write(result as object), Buffer.from(tail.slice(1))]),
        );
      }
      return Promise.resolve(Buffer.from(JSON.stringify(message), options.charset as BufferEncoding));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

export const COMMA = Buffer.from(',');

/** A list's JSON from the JSON of its items. */
export function listJson<T>(items: readonly T[], itemJson: (item: T) => Buffer): Buffer[] {
  const chunks: Buffer[] = [OPEN];
  items.forEach((item, index) => {
    if (index > 0) chunks.push(COMMA);
    chunks.push(itemJson(item));
  });
  chunks.push(CLOSE);
  return chunks;
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');

/** The text cut just after each marker, in turn (each must follow the one before). */
export function cutAt(text: string, markers: readonly string[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const marker of markers) {
    const at = text.indexOf(marker, from);
    if (at < 0) throw new Error(`The JSON has no ${marker}`);
    pieces.push(text.slice(from, at + marker.length));
    from = at + marker.length;
  }
  pieces.push(text.slice(from));
  return pieces;
}
