/** Whether two lists hold the same values (by identity) in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/** How many elements a chunk of `ChunkedSums` holds: a few dozen chunks for a large workspace's 500 files. */
const CHUNK_SIZE = 32;

/**
 * The sums of a long list, a chunk of CHUNK_SIZE elements at a time, each kept for as long as what it was made from
 * stays the same (the chunk's elements and the other inputs the sum reads, compared by identity): after an edit of
 * one file, one chunk is summed again and the rest are read back. Sums of the same chunk under other inputs (another
 * answer limit, say) are kept too, the `variants` newest of them.
 */
export class ChunkedSums<T extends object, S> {
  private readonly made = new WeakMap<T, { inputs: readonly unknown[]; sum: S }[]>();

  constructor(private readonly variants = 1) {}

  sums(
    items: readonly T[],
    inputsOf: (chunk: readonly T[]) => readonly unknown[],
    sumOf: (chunk: readonly T[]) => S,
  ): S[] {
    const sums: S[] = [];
    for (let start = 0; start < items.length; start += CHUNK_SIZE) {
      const chunk = items.slice(start, start + CHUNK_SIZE);
      const inputs = inputsOf(chunk);
      const made = this.made.get(chunk[0]) ?? [];
      let entry = made.find((candidate) => sameItems(candidate.inputs, inputs));
      if (!entry) {
        entry = { inputs, sum: sumOf(chunk) };
        this.made.set(chunk[0], [...made, entry].slice(-this.variants));
      }
      sums.push(entry.sum);
    }
    return sums;
  }
}
