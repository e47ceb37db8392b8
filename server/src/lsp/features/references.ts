import { referencesAt } from '../../engine/features/references';
import { locationsOf } from '../convert';
import { Feature } from './feature';
import { inSlices } from '../slices';

/**
 * Find All References of any id: across files, its definitions included when the editor asks for them. The first one
 * builds the index of where ids are written a slice at a time.
 */
export const references: Feature = ({ connection, workspace }) => {
  connection.onReferences(async ({ textDocument, position, context }, token) => {
    await inSlices((budgetMs) => workspace.prepareOccurrences(budgetMs), token, 'Find All References');
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const found = referencesAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position), {
      includeDefinitions: context.includeDeclaration,
    });
    return found ? locationsOf(workspace, found) : null;
  });
  return { referencesProvider: true };
};
