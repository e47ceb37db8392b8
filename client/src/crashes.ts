import { commands, window } from 'vscode';
import { CloseAction, ErrorAction, ErrorHandler } from 'vscode-languageclient/node';

/** Restarts within this window count together; past the limit the server stays down until asked. */
const WINDOW_MS = 3 * 60_000;
const MAX_RESTARTS = 4;

/**
 * What happens when the server dies: it is started again (the editor's documents, unsaved edits included, are
 * sent to the new one), at most MAX_RESTARTS times in WINDOW_MS; then a message offers to restart it and to show
 * its log, rather than a loop of crashes.
 */
export function crashHandler(showLog: () => void): ErrorHandler {
  let restarts: number[] = [];
  return {
    error: (_error, _message, count) => ({ action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const now = Date.now();
      restarts = [...restarts.filter((at) => now - at < WINDOW_MS), now];
      if (restarts.length <= MAX_RESTARTS) return { action: CloseAction.Restart, handled: true };
      void window
        .showErrorMessage(
          `Abuse Cases: the language server stopped ${restarts.length} times in three minutes and was not started again.`,
          'Restart',
          'Show Log',
        )
        .then((choice) => {
          if (choice === 'Restart') {
            restarts = [];
            void commands.executeCommand('abuseCases.restartServer');
          } else if (choice === 'Show Log') showLog();
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}
