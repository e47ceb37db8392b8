import { MarkupKind } from 'vscode-languageserver';
import { hoverAt } from '../../engine/features/hover';
import { Feature } from './feature';

export const hover: Feature = ({ connection, workspace }) => {
  connection.onHover(({ textDocument, position }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const found = hoverAt(workspace, textDocument.uri, file.lineIndex.offsetAt(position));
    return found
      ? { contents: { kind: MarkupKind.Markdown, value: found.contents }, range: file.lineIndex.rangeOf(found.range) }
      : null;
  });
  return { hoverProvider: true };
};
