import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';
import type { BacklogNode, CoverageModel, UseCaseNode } from '../engine/coverageModel';

/**
 * The whole coverage model as the bytes of its JSON, most of them kept from the model before.
 *
 * A large product's model is tens of megabytes of JSON, and `JSON.stringify` of it was most of the server's share of
 * an `abuseCases/coverage` answer. The coverage index never changes a node once built: an edit builds new nodes for
 * the backlog items and use cases it reaches (coverageTree.ts), the others stay the same objects. So each node's
 * bytes are kept with it, and an answer writes again only the nodes built since the last one. The bytes equal
 * `JSON.stringify(model)`'s (the random-edit test of the maintained model checks it after each step).
 */
export function coverageModelJson(model: CoverageModel): Buffer[] {
  const chunks: Buffer[] = [];
  // The model with its two long lists empty, cut where they go: the keys before them (`files`) are strings only, so
  // the first `"backlog":[]` is the model's own.
  const [head, between, tail] = cutAt(JSON.stringify({ ...model, backlog: [], unplanned: [] }), [
    '"backlog":[',
    '"unplanned":[',
  ]);
  chunks.push(Buffer.from(head));
  model.backlog.forEach((node, index) => {
    if (index > 0) chunks.push(COMMA);
    pushBacklogNode(node, chunks);
  });
  chunks.push(Buffer.from(between));
  model.unplanned.forEach((useCase, index) => {
    if (index > 0) chunks.push(COMMA);
    chunks.push(useCaseBytes(useCase));
  });
  chunks.push(Buffer.from(tail));
  return chunks;
}

/** The models this server answered `abuseCases/coverage` with: the encoder writes them from kept bytes. */
const ANSWERED_MODELS = new WeakSet<object>();

/** Marks a model as an answer of the server, to be written by `coverageAwareEncoder`. */
export function answeredModel(model: CoverageModel): CoverageModel {
  ANSWERED_MODELS.add(model);
  return model;
}

/**
 * vscode-jsonrpc's JSON encoder, but a response carrying a coverage model is written from the model's kept bytes.
 * The connection over stdio uses it (main.ts); over node IPC, Node serialises the messages itself.
 */
export const coverageAwareEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(message: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      const result = (message as { result?: unknown }).result;
      if (typeof result === 'object' && result !== null && ANSWERED_MODELS.has(result)) {
        const [head, tail] = cutAt(JSON.stringify({ ...message, result: [] }), ['"result":[']);
        // `[` opened the model's place: the model's own `{` follows.
        return Promise.resolve(
          Buffer.concat([
            Buffer.from(head.slice(0, -1)),
            ...coverageModelJson(result as CoverageModel),
            Buffer.from(tail.slice(1)),
          ]),
        );
      }
      return Promise.resolve(Buffer.from(JSON.stringify(message), options.charset as BufferEncoding));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

const COMMA = Buffer.from(',');

/** A backlog node's own bytes, before and after its children's, kept with the node. */
const BACKLOG_PARTS = new WeakMap<BacklogNode, { before: Buffer; after: Buffer }>();
const USE_CASE_BYTES = new WeakMap<UseCaseNode, Buffer>();

function pushBacklogNode(node: BacklogNode, chunks: Buffer[]): void {
  let parts = BACKLOG_PARTS.get(node);
  if (!parts) {
    // Nothing before `children` (ids, titles, marks) has a key named so, and strings cannot hold a bare quote.
    const [before, after] = cutAt(JSON.stringify({ ...node, children: [] }), ['"children":[']);
    BACKLOG_PARTS.set(node, (parts = { before: Buffer.from(before), after: Buffer.from(after) }));
  }
  chunks.push(parts.before);
  node.children.forEach((child, index) => {
    if (index > 0) chunks.push(COMMA);
    pushBacklogNode(child, chunks);
  });
  chunks.push(parts.after);
}

function useCaseBytes(useCase: UseCaseNode): Buffer {
  let bytes = USE_CASE_BYTES.get(useCase);
  if (!bytes) USE_CASE_BYTES.set(useCase, (bytes = Buffer.from(JSON.stringify(useCase))));
  return bytes;
}

/** The text cut just after each marker, in turn (each must follow the one before). */
function cutAt(text: string, markers: readonly string[]): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const marker of markers) {
    const at = text.indexOf(marker, from);
    if (at < 0) throw new Error(`The coverage model's JSON has no ${marker}`);
    pieces.push(text.slice(from, at + marker.length));
    from = at + marker.length;
  }
  pieces.push(text.slice(from));
  return pieces;
}
