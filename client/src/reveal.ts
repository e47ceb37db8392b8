import { TreeView } from 'vscode';
import type { CoverageTreeProvider, Row } from './coverageView';

/** How long a reveal that did not take waits before it tries again. */
export const REVEAL_RETRY_MS = 500;

export interface RevealRequest {
  uri: string;
  line: number;
  character: number;
  /** Whether the view takes the focus, and whether the row is expanded. */
  focus: boolean;
  expand: boolean;
  attempts: number;
  /** Asked before each attempt: false once the reveal is no longer wanted (the cursor moved on, the view hid). */
  wanted?: () => boolean;
}

/**
 * Reveals and selects the row of the deepest node at a position. VS Code's tree loses a reveal that meets a refresh
 * of the view: the extension host refuses it ("already registered"), or a level fetched meanwhile fails and the tree
 * keeps it empty until the next refresh, so that every later reveal under it does nothing, silently. So when the row
 * is not selected afterwards, the view's rows are fetched again and the reveal is tried again.
 * Resolves with whether the row is selected.
 */
export async function revealRowAt(
  provider: CoverageTreeProvider,
  view: TreeView<Row>,
  request: RevealRequest,
): Promise<boolean> {
  const { uri, line, character, focus, expand, attempts, wanted = () => true } = request;
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt > 0) {
      if (!wanted()) return false;
      provider.refresh();
      await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
    }
    if (!wanted()) return false;
    const row = await provider.rowAt(uri, line, character);
    if (!row) return false;
    if (view.selection[0]?.id === row.id && !focus) return true;
    try {
      await view.reveal(row, { select: true, focus, expand });
    } catch {
      // Refused: the reveal met a refresh of the tree. Tried again.
    }
    if (view.selection[0]?.id === row.id) return true;
  }
  return false;
}
