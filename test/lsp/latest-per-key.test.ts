import * as assert from 'assert';
import { LatestPerKey } from '../../server/src/lsp/latestPerKey';

/** A task whose end the test decides: each call is logged, and ends with the value of `finish`. */
function controlledTask() {
  const calls: { key: string; finish: (value: string) => void; fail: () => void }[] = [];
  const task = (key: string) => () =>
    new Promise<string>((resolve, reject) => calls.push({ key, finish: resolve, fail: () => reject(new Error(key)) }));
  return { calls, task };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('reads from disk, one at a time per file (LatestPerKey)', () => {
  it('reads a file reported again during a read once more after it, and answers the later callers with that read', async () => {
    const reads = new LatestPerKey<string>();
    const { calls, task } = controlledTask();
    const first = reads.run('a', task('a'));
    const second = reads.run('a', task('a'));
    const third = reads.run('a', task('a'));
    await settle();
    assert.strictEqual(calls.length, 1, 'no second read while the first is under way');
    calls[0].finish('old text');
    assert.strictEqual(await first, 'old text');
    await settle();
    assert.strictEqual(calls.length, 2, 'one more read for the two reports made meanwhile');
    calls[1].finish('new text');
    assert.deepStrictEqual(await Promise.all([second, third]), ['new text', 'new text']);
    // Nothing under way any more: the next report reads at once.
    const fourth = reads.run('a', task('a'));
    assert.strictEqual(calls.length, 3);
    calls[2].finish('newest text');
    assert.strictEqual(await fourth, 'newest text');
  });

  it('reads other files meanwhile, and reads again after a read that failed', async () => {
    const reads = new LatestPerKey<string>();
    const { calls, task } = controlledTask();
    const a = reads.run('a', task('a'));
    const b = reads.run('b', task('b'));
    const againA = reads.run('a', task('a'));
    await settle();
    assert.deepStrictEqual(
      calls.map((call) => call.key),
      ['a', 'b'],
    );
    calls[0].fail();
    await assert.rejects(a);
    calls[1].finish('b text');
    assert.strictEqual(await b, 'b text');
    await settle();
    assert.deepStrictEqual(
      calls.map((call) => call.key),
      ['a', 'b', 'a'],
    );
    calls[2].finish('a text');
    assert.strictEqual(await againA, 'a text');
  });
});
