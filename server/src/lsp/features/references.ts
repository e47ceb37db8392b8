import { referencesAt } from '../../engine/features/references';
import { Feature } from './feature';

/** Find All References of any id: across files, its definitions included when the editor asks for them. */
export const references: Feature = ({ connection, workspace }) => {
  connection.onReferences(({ textDocument, position, context }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const found = referencesAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position), {
      includeDefinitions: context.includeDeclaration,
    });
    return (
      found?.flatMap((occurrence) => {
        const lines = workspace.file(occurrence.uri)?.lineIndex;
        return lines ? [{ uri: occurrence.uri, range: lines.rangeOf(occurrence.range) }] : [];
      }) ?? null
    );
  });
  return { referencesProvider: true };
};
