import { IdKind } from '../keys';
import { Occurrence, occurrenceAt, occurrencesOf } from '../occurrences';
import { Workspace } from '../workspace';

/** An occurrence of an id and the file it is in. */
export interface IdLocation extends Occurrence {
  uri: string;
}

/** Every place an id of a kind is written across the workspace, by file (in uri order), then position. */
export function occurrencesAcross(workspace: Workspace, kind: IdKind, id: string): IdLocation[] {
  return workspace.filesWriting(kind, id).flatMap((uri) => {
    const file = workspace.file(uri);
    if (!file) return [];
    return occurrencesOf(file).flatMap((occurrence) =>
      occurrence.kind === kind && occurrence.id === id ? [{ ...occurrence, uri }] : [],
    );
  });
}

/** The id under the cursor, of the file at `uri`, as written. */
export function idAt(workspace: Workspace, uri: string, offset: number): Occurrence | undefined {
  const file = workspace.file(uri);
  return file && occurrenceAt(file, offset);
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
): IdLocation[] | undefined {
  const at = idAt(workspace, uri, offset);
  if (!at) return undefined;
  const all = occurrencesAcross(workspace, at.kind, at.id);
  return includeDefinitions ? all : all.filter((occurrence) => occurrence.role === 'reference');
}

/** Document highlights: where the id under the cursor is written in this file (its definition as a write). */
export function highlightsAt(workspace: Workspace, uri: string, offset: number): Occurrence[] {
  const file = workspace.file(uri);
  const at = file && occurrenceAt(file, offset);
  if (!at) return [];
  return occurrencesOf(file).filter((occurrence) => occurrence.kind === at.kind && occurrence.id === at.id);
}
