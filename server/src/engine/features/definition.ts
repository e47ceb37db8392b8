import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { definitionsOfId, idAt } from './references';

/** Where an id is defined: the file and the id's own range there. */
export interface DefinitionTarget {
  uri: string;
  range: OffsetRange;
}

/**
 * The definitions of the id under the cursor, of any kind (a backlog item, a use case or an abuse case, a vendor,
 * feedback, a team template, a configured data class or capability), across files; none on anything else, nor for a
 * built-in or a release, which no file defines. On a definition, its own place: VS Code then offers the references.
 */
export function definitionAt(
  workspace: Workspace,
  uri: string,
  offset: number,
): { origin: OffsetRange; targets: DefinitionTarget[] } | undefined {
  const at = idAt(workspace, uri, offset);
  if (!at) return undefined;
  const targets = definitionsOfId(workspace, at);
  return targets.length ? { origin: at.range, targets } : undefined;
}
