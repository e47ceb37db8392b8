import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver';

/** The longest a slice of long work runs before the server answers other requests. */
export const SLICE_MS = 10;

/**
 * Runs `prepare` a slice at a time until it says it is done, yielding between slices so that hover, completion and
 * diagnostics are answered meanwhile. A request the editor no longer wants ($/cancelRequest) stops between slices;
 * the work done so far stays for the next one.
 */
export async function inSlices(
  prepare: (budgetMs: number) => boolean,
  token: CancellationToken,
  what: string,
): Promise<void> {
  while (!prepare(SLICE_MS)) {
    await new Promise((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested)
      throw new ResponseError(LSPErrorCodes.RequestCancelled, `${what} was cancelled.`);
  }
}
