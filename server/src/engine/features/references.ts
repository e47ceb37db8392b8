import { ID_KINDS, Occurrence, occurrenceAt, occurrencesOf } from '../occurrences';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';

/** The id under the cursor, of the file at `uri`, as written. */
export function idAt(workspace: Workspace, uri: string, offset: number): Occurrence | undefined {
  const file = workspace.file(uri);
  return file && occurrenceAt(file, offset);
}

/**
 * Where an id of a kind is defined, from the workspace's definitions index: no need of the occurrence index, which
 * Go to Definition would otherwise build on first use. Data classes and team capabilities are defined in the
 * configuration only; a release, a built-in template, data class or capability nowhere.
 */
export function definitionsOfId(
  workspace: Workspace,
  { kind, id }: Pick<Occurrence, 'kind' | 'id'>,
): { uri: string; range: OffsetRange }[] {
  const { namespace } = ID_KINDS[kind];
  if (namespace) return workspace.definitionsOf(id, namespace).map(({ uri, range }) => ({ uri, range }));
  return workspace
    .configUris()
    .flatMap((uri) =>
      occurrencesOf(workspace.file(uri)!).filter(
        (occurrence) => occurrence.kind === kind && occurrence.id === id && occurrence.role === 'definition',
      ),
    );
}

/**
 * Find All References: every place the id under the cursor is written, its definitions included unless the caller
 * leaves them out (VS Code's `includeDeclaration`). Undefined when the cursor is on no id.
 */
export function referencesAt(
  workspace: Workspace,
  uri: string,
  offset: number,
  { includeDefinitions = true } = {},
): Occurrence[] | undefined {
  const at = idAt(workspace, uri, offset);
  if (!at) return undefined;
  const all = workspace.occurrencesOf(at.kind, at.id);
  return includeDefinitions ? all : all.filter((occurrence) => occurrence.role === 'reference');
}

/** Document highlights: where the id under the cursor is written in this file (its definition as a write). */
export function highlightsAt(workspace: Workspace, uri: string, offset: number): Occurrence[] {
  const at = idAt(workspace, uri, offset);
  if (!at) return [];
  return occurrencesOf(workspace.file(uri)!).filter(
    (occurrence) => occurrence.kind === at.kind && occurrence.id === at.id,
  );
}
