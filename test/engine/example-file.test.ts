import * as assert from 'assert';
import { EXAMPLE_FILE_TEXT } from '../../client/src/exampleFile';
import { analyse } from '../helpers/engine';

describe('the example file of the welcome view', () => {
  it('is well-formed and shows exactly the two gaps its comments promise', () => {
    const findings = analyse(EXAMPLE_FILE_TEXT);
    assert.deepStrictEqual(
      findings.map((d) => [d.code, d.covers, d.severity]),
      [
        ['baseline-gap', 'My product', 'warning'],
        ['cia-uncovered', 'credentials', 'warning'],
      ],
    );
    assert.match(findings[0].message, /^My product handles personal data .*: do people opt in/);
    assert.match(findings[1].message, /^Integrity is required at high by the data class 'credentials'/);
  });
});
