import { CodeLensRefreshRequest, Command, Position } from 'vscode-languageserver';
import { CodeLens, codeLensesOf } from '../../engine/features/codeLens';
import { Workspace } from '../../engine';
import { REVEAL_IN_COVERAGE_COMMAND, SHOW_REFERENCES_COMMAND } from '../../../../shared/protocol';
import { locationsOf } from '../convert';
import { Feature } from './feature';
import { refreshOnChanges } from './refresh';

/**
 * Code lenses above use cases (their CIA state; a click reveals the row in the coverage view) and above backlog items
 * (what names them; a click lists it), unless `abuseCases.codeLens.enabled` is off. The client's commands do the
 * clicks: VS Code's references view takes only its own objects.
 */
export const codeLens: Feature = (context) => {
  const { connection, workspace, editorSettings } = context;
  connection.onCodeLens(({ textDocument }) => {
    if (!editorSettings().codeLens) return [];
    const file = workspace.file(textDocument.uri);
    if (!file) return null;
    return codeLensesOf(workspace, textDocument.uri).map((lens) => {
      const range = file.lineIndex.rangeOf(lens.range);
      return { range, command: commandOf(workspace, textDocument.uri, range.start, lens) };
    });
  });
  refreshOnChanges(
    context,
    (capabilities) => capabilities.workspace?.codeLens?.refreshSupport,
    () => connection.sendRequest(CodeLensRefreshRequest.type),
  );
  return { codeLensProvider: { resolveProvider: false } };
};

function commandOf(workspace: Workspace, uri: string, position: Position, { title, action }: CodeLens): Command {
  if (action?.kind === 'reveal-in-coverage')
    return { title, command: REVEAL_IN_COVERAGE_COMMAND, arguments: [uri, position] };
  if (action?.kind === 'references') {
    const locations = locationsOf(workspace, action.references);
    return { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, position, locations] };
  }
  // Nothing to list: the title only, which VS Code shows without a link.
  return { title, command: '' };
}
