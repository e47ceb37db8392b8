import { InlayHintRefreshRequest, InlayHintRequest } from 'vscode-languageserver';
import { inlayHintsIn } from '../../engine/features/inlayHints';
import { Feature } from './feature';
import { refreshOnChanges } from './refresh';

/**
 * Inlay hints after backlog references, data classes and template ids, of the range the editor shows, each kind
 * unless its `abuseCases.inlayHints.*` setting is off.
 */
export const inlayHints: Feature = (context) => {
  const { connection, workspace, editorSettings } = context;
  // Through onRequest, which the connection's contract guards (edits first, malformed params, shutdown).
  connection.onRequest(InlayHintRequest.type, ({ textDocument, range }) => {
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    const { lineIndex } = file;
    const hints = inlayHintsIn(
      workspace,
      textDocument.uri,
      { start: lineIndex.offsetAt(range.start), end: lineIndex.offsetAt(range.end) },
      editorSettings().inlayHints,
    );
    return hints.map(({ offset, label }) => ({ position: lineIndex.positionAt(offset), label, paddingLeft: true }));
  });
  refreshOnChanges(
    context,
    (capabilities) => capabilities.workspace?.inlayHint?.refreshSupport,
    () => connection.sendRequest(InlayHintRefreshRequest.type),
  );
  return { inlayHintProvider: true };
};
