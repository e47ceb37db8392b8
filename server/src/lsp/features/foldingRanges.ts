import { FoldingRangeKind } from 'vscode-languageserver';
import { foldingRangesOf } from '../../engine/features/folding';
import { Feature } from './feature';

/** Folding of entries and comment runs, from the YAML tree rather than indentation. */
export const foldingRanges: Feature = ({ connection, workspace }) => {
  connection.onFoldingRanges(({ textDocument }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    return foldingRangesOf(file).map(({ startLine, endLine, kind }) =>
      kind ? { startLine, endLine, kind: FoldingRangeKind.Comment } : { startLine, endLine },
    );
  });
  return { foldingRangeProvider: true };
};
