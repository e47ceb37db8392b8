import { definitionAt } from '../../engine/features/definition';
import { locationsOf } from '../convert';
import { Feature } from './feature';

/** Go to Definition of any id under the cursor (engine/features/definition.ts says which), across files. */
export const definition: Feature = ({ connection, workspace }) => {
  connection.onDefinition(({ textDocument, position }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const found = definitionAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position));
    if (!found) return null;
    // Plain locations, which every client reads (links need the client's `linkSupport`).
    return locationsOf(workspace, found.targets);
  });
  return { definitionProvider: true };
};
