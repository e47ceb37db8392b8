import { DocumentHighlightKind } from 'vscode-languageserver';
import { highlightsAt } from '../../engine/features/references';
import { Feature } from './feature';

/** Highlights the id under the cursor wherever this file writes it: its definition as a write, references as reads. */
export const highlights: Feature = ({ connection, workspace }) => {
  connection.onDocumentHighlight(({ textDocument, position }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    return highlightsAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position)).map((occurrence) => ({
      range: file.lineIndex.rangeOf(occurrence.range),
      kind: occurrence.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
    }));
  });
  return { documentHighlightProvider: true };
};
