import { ErrorCodes, ResponseError, TextEdit } from 'vscode-languageserver';
import { prepareRenameAt, renameAt } from '../../engine/features/rename';
import { Feature } from './feature';
import { inSlices } from '../slices';

/**
 * Rename of any id across every file, as one workspace edit (one undo). A refused rename answers with an error whose
 * message the editor shows: a built-in, an invalid name or one already taken.
 */
export const rename: Feature = ({ connection, workspace }) => {
  connection.onPrepareRename(({ textDocument, position }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const found = prepareRenameAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position));
    if (!found) return null;
    if ('refused' in found) return new ResponseError(ErrorCodes.InvalidRequest, found.refused);
    return { range: file.lineIndex.rangeOf(found.range), placeholder: found.placeholder };
  });
  connection.onRenameRequest(async ({ textDocument, position, newName }, token) => {
    await inSlices((budgetMs) => workspace.prepareOccurrences(budgetMs), token, 'The rename');
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const found = renameAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position), newName.trim());
    if (!found) return null;
    if ('refused' in found) return new ResponseError(ErrorCodes.InvalidRequest, found.refused);
    const changes: Record<string, TextEdit[]> = {};
    for (const { uri, edits } of found) {
      const lines = workspace.file(uri)!.lineIndex;
      changes[uri] = edits.map((edit) => TextEdit.replace(lines.rangeOf(edit.range), edit.newText));
    }
    return { changes };
  });
  return { renameProvider: { prepareProvider: true } };
};
