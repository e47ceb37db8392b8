/** Two reads of one file under way at once (created, then written): the one that started last decides. */
import * as assert from 'assert';
import { DiskReads } from '../../server/src/lsp/diskReads';

describe('reads of files from disk', () => {
  const FILE = 'file:///workspace/generated/f001.usecase.yaml';
  const OTHER = 'file:///workspace/generated/f002.usecase.yaml';

  it('uses the read that started last, even when the one before it ends after it', () => {
    const reads = new DiskReads();
    const created = reads.begin(FILE); // reads the file while it is still being written
    const written = reads.begin(FILE);
    // The later read ends first: it is used, and then forgotten.
    assert.strictEqual(reads.isLatest(FILE, written), true);
    reads.end(FILE, written);
    // The earlier read ends last, with the older text: refused.
    assert.strictEqual(reads.isLatest(FILE, created), false);
  });

  it("does not let one file's reads stand in the way of another's", () => {
    const reads = new DiskReads();
    const first = reads.begin(FILE);
    const other = reads.begin(OTHER);
    assert.strictEqual(reads.isLatest(FILE, first), true);
    assert.strictEqual(reads.isLatest(OTHER, other), true);
  });

  it('refuses what indexing read of a file the watcher read again meanwhile, and takes it otherwise', () => {
    const reads = new DiskReads();
    const indexing = reads.begin(FILE);
    const untouched = reads.begin(OTHER);
    const watcher = reads.begin(FILE);
    assert.strictEqual(reads.isLatest(FILE, watcher), true);
    reads.end(FILE, watcher);
    assert.strictEqual(reads.isLatest(FILE, indexing), false);
    assert.strictEqual(reads.isLatest(OTHER, untouched), true);
  });
});
