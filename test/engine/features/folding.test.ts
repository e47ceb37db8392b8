import * as assert from 'assert';
import { foldingRangesOf } from '../../../server/src/engine/features/folding';
import { parseFile } from '../../../server/src/engine';
import { MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

/** Each fold as the editor shows it folded: its first line, then how many lines it hides (and `comment`). */
function folds(source: string): string[] {
  const text = dedent(source);
  const lines = text.split('\n');
  return foldingRangesOf(parseFile(MAIN_URI, text)).map(
    ({ startLine, endLine, kind }) => `${lines[startLine].trim()} …${endLine - startLine}${kind ? ` ${kind}` : ''}`,
  );
}

describe('folding ranges', () => {
  it('folds every entry written over several lines, from its key or its dash to its last written line', () => {
    assert.deepStrictEqual(
      folds(`
        product: Roadmaps
        use_cases:
          - id: UC-1
            title: Share
            backlog: [RM-1]
            abuse_cases:
              - id: AB-1
                threatens: [confidentiality]


              - id: AB-2
          - id: UC-2
            description: |
              Two lines
              of text
      `),
      ['use_cases: …13', '- id: UC-1 …8', 'abuse_cases: …5', '- id: AB-1 …1', '- id: UC-2 …3', 'description: | …2'],
    );
  });

  it('folds runs of comment lines, but not a `#` line inside a block of text', () => {
    assert.deepStrictEqual(
      folds(`
        # The roadmap sharing use cases.
        # Reviewed by the security team.
        use_cases: # one line is no run
          - id: UC-1
            description: |
              # not a comment
              # but text
            # a comment
            # of two lines
            title: Share
      `),
      [
        '# The roadmap sharing use cases. …1 comment',
        'use_cases: # one line is no run …7',
        '- id: UC-1 …6',
        'description: | …2',
        '# a comment …1 comment',
      ],
    );
  });

  it('folds a flow list written over several lines, and nothing in an empty, one-line or broken text', () => {
    assert.deepStrictEqual(folds('use_cases: [\n  {id: UC-1},\n  {id: UC-2}\n]\n'), ['use_cases: [ …3']);
    for (const text of ['', 'use_cases:', 'not: [yaml', '\t\t: : -', '- a\n- b\n'])
      assert.deepStrictEqual(folds(text), []);
  });
});
