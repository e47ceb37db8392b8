import { SelectionRange } from 'vscode-languageserver';
import { selectionRangesAt } from '../../engine/features/selectionRanges';
import { Feature } from './feature';

/** Expand Selection: the id, its value, the pair, the entry, the list, the use case... the document. */
export const selectionRanges: Feature = ({ connection, workspace }) => {
  connection.onSelectionRanges(({ textDocument, positions }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const lines = file.lineIndex;
    return positions.map((position) =>
      selectionRangesAt(file, lines.offsetAt(position))
        .reverse()
        .reduce<SelectionRange | undefined>((parent, range) => ({ range: lines.rangeOf(range), parent }), undefined)!,
    );
  });
  return { selectionRangeProvider: true };
};
