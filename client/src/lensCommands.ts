import { commands, Disposable, Location, Position, Range, Uri } from 'vscode';
import { REVEAL_IN_COVERAGE_COMMAND, SHOW_REFERENCES_COMMAND } from '../../shared/protocol';
import type { Position as LspPosition, Range as LspRange } from '../../shared/protocol';
import { REVEAL_RETRY_MS, Sidebar, VIEW_ID } from './sidebar';

/**
 * The commands the server's code lenses run: reveal a use case's row in the coverage view, and list what names a
 * backlog item in the references view (which takes VS Code's own Uri, Position and Location objects only).
 */
export function registerLensCommands(sidebar: Sidebar): Disposable {
  return Disposable.from(
    commands.registerCommand(REVEAL_IN_COVERAGE_COMMAND, async (uri: string, position: LspPosition) => {
      await commands.executeCommand(`${VIEW_ID}.focus`);
      for (let attempt = 0; ; attempt++) {
        const row = await sidebar.provider.rowAt(uri, position.line, position.character);
        if (!row) return;
        try {
          return await sidebar.view.reveal(row, { select: true, focus: true, expand: true });
        } catch (error) {
          // VS Code refuses a reveal that meets a refresh of the tree (the view was hidden, or the model changed):
          // once the tree has settled, the row is asked for again.
          if (attempt > 0) throw error;
          await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
        }
      }
    }),
    commands.registerCommand(
      SHOW_REFERENCES_COMMAND,
      (uri: string, position: LspPosition, locations: { uri: string; range: LspRange }[]) =>
        commands.executeCommand(
          'editor.action.showReferences',
          Uri.parse(uri),
          new Position(position.line, position.character),
          locations.map((location) => new Location(Uri.parse(location.uri), rangeOf(location.range))),
        ),
    ),
  );
}

function rangeOf({ start, end }: LspRange): Range {
  return new Range(start.line, start.character, end.line, end.character);
}
