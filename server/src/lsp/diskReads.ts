/**
 * Orders the reads of files from disk. A read waits on the file system, and the server goes on meanwhile: when a file
 * changes twice in a row (created, then written), two reads of it may be under way at once, and the first may end
 * last, with the older text. So each read takes a ticket when it starts, and what it read is used only if no read of
 * the same file started after it. Indexing a folder takes tickets too: a file the watcher reported while the folder
 * was being parsed keeps what the watcher's read found.
 */
export class DiskReads {
  private readonly latest = new Map<string, number>();
  private issued = 0;

  /** A read of `uri` starts. */
  begin(uri: string): number {
    const ticket = ++this.issued;
    this.latest.set(uri, ticket);
    return ticket;
  }

  /** Whether the read that took `ticket` may be used: no read of the file started after it. */
  isLatest(uri: string, ticket: number): boolean {
    return this.latest.get(uri) === ticket;
  }

  /** The read that took `ticket` was used (or was not the latest): it no longer needs remembering. */
  end(uri: string, ticket: number): void {
    if (this.latest.get(uri) === ticket) this.latest.delete(uri);
  }
}
