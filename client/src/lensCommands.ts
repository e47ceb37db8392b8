import { commands, Disposable, Location, Position, Range, Uri } from 'vscode';
import { REVEAL_IN_COVERAGE_COMMAND, SHOW_REFERENCES_COMMAND } from '../../shared/protocol';
import type { Position as LspPosition, Range as LspRange } from '../../shared/protocol';
import { REVEAL_RETRY_MS, Sidebar, VIEW_ID } from './sidebar';

/** How many times a reveal is tried before giving up (the tree refreshes once the view is shown, and may again). */
const REVEAL_ATTEMPTS = 10;

/**
 * The commands the server's code lenses run: reveal a use case's row in the coverage view, and list what names a
 * backlog item in the references view (which takes VS Code's own Uri, Position and Location objects only).
 */
export function registerLensCommands(sidebar: Sidebar): Disposable {
  return Disposable.from(
    commands.registerCommand(REVEAL_IN_COVERAGE_COMMAND, async (uri: string, position: LspPosition) => {
      await commands.executeCommand(`${VIEW_ID}.focus`);
      const { provider, view } = sidebar;
      for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
        const row = await provider.rowAt(uri, position.line, position.character);
        if (!row) return;
        try {
          await view.reveal(row, { select: true, focus: true, expand: true });
        } catch {
          // Refused: the reveal met a refresh of the tree ("already registered"). Asked for again below.
        }
        // A view that has just been shown may not hold the row yet when the reveal arrives, which VS Code then
        // ignores: once the tree has settled, the row is asked for and revealed again.
        if (view.selection[0]?.id === row.id) return;
        await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
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
