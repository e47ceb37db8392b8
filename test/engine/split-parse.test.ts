import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { generateUseCaseFile } from '../../bench/generate';
import { parseFile } from '../../server/src/engine/workspace';
import { joinHalves, parseHead, parseTail, planSplit } from '../../server/src/engine/splitParse';
import { USE_CASE_FILE } from '../../server/src/engine/format';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const URI = 'file:///workspace/big.usecase.yaml';

/** What the rest of the engine reads of a parse: the model, the ids and the file rules' findings (in any order). */
function derived(file: ReturnType<typeof parseFile>): unknown {
  const byPosition = (a: { range: { start: number }; code: string }, b: { range: { start: number }; code: string }) =>
    a.range.start - b.range.start || a.code.localeCompare(b.code);
  return {
    model: JSON.parse(JSON.stringify(file.model)),
    definitions: file.definitions.map(({ backlogItem, ...definition }) => definition),
    fileFindings: [...file.fileFindings].sort(byPosition),
  };
}

function inHalves(text: string) {
  const split = planSplit(text, USE_CASE_FILE, 0);
  if (!split) return undefined;
  const tail = parseTail(URI, text.slice(split.at), split);
  const head = parseHead(URI, text, split);
  return tail && head && joinHalves(text, 1, split, head, tail);
}

describe('parsing a large document in two halves', () => {
  const texts: [string, string][] = [
    ['a generated file of 40 use cases', generateUseCaseFile(3, { useCases: 40, abuseCasesPerUseCase: 4 })],
    ...readdirSync(EXAMPLES)
      .filter((name) => name.endsWith('.usecase.yaml'))
      .map((name): [string, string] => [name, readFileSync(path.join(EXAMPLES, name), 'utf8')]),
  ];

  for (const [name, text] of texts) {
    it(`gives what a whole parse gives: ${name}`, () => {
      const halves = inHalves(text);
      if (!halves) return assert.strictEqual(planSplit(text, USE_CASE_FILE, 0), undefined, 'a split was planned but not made');
      assert.deepStrictEqual(derived(halves), derived(parseFile(URI, text)));
      assert.strictEqual(halves.tree.objects.length > 0, true, 'the tree is parsed on demand');
    });
  }

  it('gives what a whole parse gives after every line of a file is touched, or declines', () => {
    const text = generateUseCaseFile(5, { useCases: 12, abuseCasesPerUseCase: 3 });
    const lines = text.split('\n');
    let compared = 0;
    for (let index = 0; index < lines.length; index += 3) {
      for (const edit of [(line: string) => `${line}x`, (line: string) => line.replace(/^ {2}/, ''), (line: string) => `${line}: [`]) {
        const edited = [...lines.slice(0, index), edit(lines[index]), ...lines.slice(index + 1)].join('\n');
        const halves = inHalves(edited);
        if (!halves) continue;
        compared++;
        assert.deepStrictEqual(derived(halves), derived(parseFile(URI, edited)), `line ${index + 1} edited:\n${edited}`);
      }
    }
    assert.ok(compared > lines.length / 6, `only ${compared} edits were split`);
  });

  it('splits only a large file whose last top-level key holds a list', () => {
    const big = generateUseCaseFile(1, { useCases: 200, abuseCasesPerUseCase: 4 });
    const split = planSplit(big, USE_CASE_FILE)!;
    assert.strictEqual(split.key, 'use_cases');
    assert.match(big.slice(split.at, split.at + 10), /^ {2}- id: /);
    assert.ok(Math.abs(split.at - big.length / 2) < big.length / 4, 'near the middle of the list');
    assert.strictEqual(planSplit(big.slice(0, 10_000), USE_CASE_FILE), undefined, 'too small');
    assert.strictEqual(planSplit(`${big}product: after the list\n`, USE_CASE_FILE), undefined, 'the list is not last');
  });
});
