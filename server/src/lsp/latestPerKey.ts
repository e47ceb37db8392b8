/**
 * Runs a task per key one at a time, and once more after the run under way when asked again meanwhile, so that the
 * last run starts after the last request. A file reported changed twice in quick succession is then read twice in
 * turn: two reads at once could end in either order, and leave the older text in the model with no event to come.
 * Requests made during a run share the next one. The tasks given for a key all do the same thing (read that file).
 */
export class LatestPerKey<T> {
  private readonly running = new Map<string, { done: Promise<T>; next?: Promise<T> }>();

  run(key: string, task: () => Promise<T>): Promise<T> {
    const current = this.running.get(key);
    if (!current) return this.start(key, task);
    return (current.next ??= current.done.then(
      () => this.start(key, task),
      () => this.start(key, task),
    ));
  }

  private start(key: string, task: () => Promise<T>): Promise<T> {
    const entry: { done: Promise<T>; next?: Promise<T> } = {
      done: task().finally(() => {
        // With a next run asked for, the entry stays until that run replaces it: a request meanwhile joins it.
        if (!entry.next && this.running.get(key) === entry) this.running.delete(key);
      }),
    };
    this.running.set(key, entry);
    return entry.done;
  }
}
