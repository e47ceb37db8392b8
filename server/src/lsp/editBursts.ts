/**
 * How long a burst of edits may hold its analysis back: a script or a replace-all that sends
 * changes without end still gets diagnostics this often.
 */
export const MAX_COALESCE_MS = 50;

/**
 * The documents edited since their last analysis. A burst of changes (fast typing, a replace-all,
 * a tool that sends a thousand edits) is analysed once: the JSON-RPC connection hands over one
 * message per turn of the event loop, so each change puts the analysis off by one turn, and it
 * runs in the first turn that brings no change, or after MAX_COALESCE_MS. `flush` analyses at
 * once: the contract calls it before every request, so that no answer is given from an old text.
 */
export class EditBursts {
  private readonly edited = new Set<string>();
  private changedThisTurn = false;
  private scheduled = false;
  private burstStart = 0;

  constructor(private readonly analyse: (uris: string[]) => void) {}

  add(uri: string): void {
    if (this.edited.size === 0) this.burstStart = Date.now();
    this.edited.add(uri);
    this.changedThisTurn = true;
    this.schedule();
  }

  flush(): void {
    if (this.edited.size === 0) return;
    const uris = [...this.edited];
    this.edited.clear();
    this.analyse(uris);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const quiet = !this.changedThisTurn;
      this.changedThisTurn = false;
      if (quiet || Date.now() - this.burstStart >= MAX_COALESCE_MS) this.flush();
      else this.schedule();
    });
  }
}
