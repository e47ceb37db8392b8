import { rootShapeOf } from '../config';
import type { Namespace } from '../rule';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { nodeRange } from '../yamlTree';
import { locate } from './locate';
import type { ValueType } from '../format';

/** Where an id is defined: the file and the id's own range there. */
export interface DefinitionTarget {
  uri: string;
  range: OffsetRange;
}

/** The namespace each kind of reference resolves in. */
const NAMESPACE_OF: Partial<Record<ValueType['kind'], Namespace>> = {
  'backlog-ref': 'ids',
  'vendor-ref': 'vendors',
  'source-ref': 'feedback',
  'template-ref': 'templates',
};

/**
 * The definitions of the id referenced under the cursor (a backlog item, a vendor, feedback a `source` points at, a
 * team template), each once; none on anything else. The range is the reference's own, for the editor to underline.
 */
export function definitionAt(
  workspace: Workspace,
  uri: string,
  offset: number,
): { origin: OffsetRange; targets: DefinitionTarget[] } | undefined {
  const file = workspace.file(uri);
  if (!file) return undefined;
  const location = locate(file.tree.root, rootShapeOf(uri), offset);
  if (!location || location.kind === 'key') return undefined;
  const namespace = NAMESPACE_OF[location.type.kind];
  if (!namespace) return undefined;
  const id = String(location.node.value);
  const definitions = workspace.definitionsOf(id, namespace);
  // Backlog items share their namespace with use cases and abuse cases: a backlog reference names an item.
  const targets = (namespace === 'ids' ? definitions.filter((d) => d.kind === 'backlog item') : definitions).map(
    (definition) => ({ uri: definition.uri, range: definition.range }),
  );
  const origin = nodeRange(location.node);
  return origin && targets.length ? { origin, targets } : undefined;
}
