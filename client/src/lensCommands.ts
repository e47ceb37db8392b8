import { commands, Disposable, Location, Position, Range, TreeView, Uri } from 'vscode';
import { REVEAL_IN_COVERAGE_COMMAND, SHOW_REFERENCES_COMMAND } from '../../shared/protocol';
import type { Position as LspPosition, Range as LspRange } from '../../shared/protocol';
import { REVEAL_RETRY_MS, revealRowAt } from './reveal';
import { Sidebar, VIEW_ID } from './sidebar';

/** How many times a reveal is tried before giving up (each try after the first fetches the view's rows again). */
const REVEAL_ATTEMPTS = 4;

/**
 * The commands the server's code lenses run: reveal a use case's row in the coverage view, and list what names a
 * backlog item in the references view (which takes VS Code's own Uri, Position and Location objects only).
 */
export function registerLensCommands(sidebar: Sidebar): Disposable {
  return Disposable.from(
    commands.registerCommand(REVEAL_IN_COVERAGE_COMMAND, async (uri: string, position: LspPosition) => {
      const { provider, view } = sidebar;
      await commands.executeCommand(`${VIEW_ID}.focus`);
      // A hidden view shows a moment after the focus command returns, and only then fetches its rows: a reveal sent
      // before would be lost (VS Code's reveal waits for a refresh under way, not for one still to come).
      if (!view.visible) await shownOrAfter(view, REVEAL_RETRY_MS);
      const { line, character } = position;
      await revealRowAt(provider, view, { uri, line, character, focus: true, expand: true, attempts: REVEAL_ATTEMPTS });
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

/** Resolves once the view is visible, or after `ms` (it may not show: another view took the focus meanwhile). */
function shownOrAfter(view: TreeView<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const subscription = view.onDidChangeVisibility(({ visible }) => visible && done());
  });
}

function rangeOf({ start, end }: LspRange): Range {
  return new Range(start.line, start.character, end.line, end.character);
}
