import type { BacklogNode, CoverageModel, UseCaseNode } from '../engine/coverageModel';
import { COMMA, cutAt, writtenFromKeptJson } from './keptJson';

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

/** Marks a model as an answer of the server, written from its nodes' kept bytes over stdio (keptJson.ts). */
export function answeredModel(model: CoverageModel): CoverageModel {
  return writtenFromKeptJson(model, coverageModelJson);
}

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
