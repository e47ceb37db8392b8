import * as assert from 'assert';
import { selectionRangesAt } from '../../../server/src/engine/features/selectionRanges';
import { parseFile } from '../../../server/src/engine';
import { MAIN_URI } from '../../helpers/engine';
import { dedent, marked } from '../../helpers/marked';

/** What each Expand Selection from the `|` cursor selects, innermost first, line breaks shown as ⏎. */
function expansions(source: string): string[] {
  const { text, cursor } = marked(dedent(source), { cursor: true });
  return selectionRangesAt(parseFile(MAIN_URI, text), cursor!).map(({ start, end }) =>
    text.slice(start, end).replace(/\n/g, '⏎'),
  );
}

const SHARING = `
  use_cases:
    - id: UC-1
      title: Share
      abuse_cases:
        - id: "AB-link-|forwarded"
          threatens: [confidentiality]
    - id: UC-2
`;

describe('selection ranges (Expand Selection)', () => {
  it('grows from the id under the cursor to the value, the pair, the entry, the list, the use case and the file', () => {
    const abuseCase = 'id: "AB-link-forwarded"⏎        threatens: [confidentiality]';
    const useCase = `id: UC-1⏎    title: Share⏎    abuse_cases:⏎      - ${abuseCase}`;
    assert.deepStrictEqual(expansions(SHARING), [
      'AB-link-forwarded',
      '"AB-link-forwarded"',
      'id: "AB-link-forwarded"',
      abuseCase,
      `- ${abuseCase}`,
      `abuse_cases:⏎      - ${abuseCase}`,
      useCase,
      `- ${useCase}`,
      `- ${useCase}⏎  - id: UC-2`,
      `use_cases:⏎  - ${useCase}⏎  - id: UC-2`,
      `use_cases:⏎  - ${useCase}⏎  - id: UC-2⏎`,
    ]);
  });

  it('selects a word of a title, an item of a flow list, and a key, before their pair', () => {
    const plain = SHARING.replace('"AB-link-|forwarded"', 'AB-1');
    assert.deepStrictEqual(expansions(plain.replace('Share', 'Share a road|map')).slice(0, 3), [
      'roadmap',
      'Share a roadmap',
      'title: Share a roadmap',
    ]);
    assert.deepStrictEqual(
      expansions(plain.replace('[confidentiality]', '[confid|entiality, integrity]')).slice(0, 4),
      [
        'confidentiality',
        '[confidentiality, integrity]',
        'threatens: [confidentiality, integrity]',
        'id: AB-1⏎        threatens: [confidentiality, integrity]',
      ],
    );
    assert.deepStrictEqual(expansions(plain.replace('title', 'ti|tle')).slice(0, 3), [
      'title',
      'title: Share',
      'id: UC-1⏎    title: Share⏎    abuse_cases:⏎      - id: AB-1⏎        threatens: [confidentiality]',
    ]);
  });

  it('gives the file alone outside any entry, and in a text that is empty or not YAML', () => {
    assert.deepStrictEqual(expansions('# a comment|\nuse_cases: []\n'), ['# a comment⏎use_cases: []⏎']);
    assert.deepStrictEqual(expansions('|'), ['']);
    // A broken text still grows outward through what the parser made of it.
    assert.deepStrictEqual(expansions('{[|: ]]'), [': ', '[: ]', '{[: ]', '{[: ]]']);
  });

  it('gives ranges that each strictly hold the one before, wherever the cursor is', () => {
    const text = dedent(SHARING).replace('|', '');
    for (let offset = 0; offset <= text.length; offset++) {
      const ranges = selectionRangesAt(parseFile(MAIN_URI, text), offset);
      assert.deepStrictEqual(ranges.at(-1), { start: 0, end: text.length });
      for (let index = 1; index < ranges.length; index++) {
        const [inner, outer] = [ranges[index - 1], ranges[index]];
        assert.ok(outer.start <= inner.start && inner.end <= outer.end, `at ${offset}: ${JSON.stringify(ranges)}`);
        assert.ok(outer.start < inner.start || inner.end < outer.end, `at ${offset}: ${JSON.stringify(ranges)}`);
      }
    }
  });
});
