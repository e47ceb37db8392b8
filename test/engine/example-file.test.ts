import * as assert from 'assert';
import { EXAMPLE_FILE_TEXT } from '../../client/src/exampleFile';
import { analyse } from '../helpers/engine';

describe('the example file of the welcome view', () => {
  it('is well-formed and shows exactly the gap its comment promises', () => {
    const findings = analyse(EXAMPLE_FILE_TEXT);
    assert.deepStrictEqual(
      findings.map((d) => [d.code, d.covers, d.severity]),
      [['cia-uncovered', 'credentials', 'warning']],
    );
    assert.match(findings[0].message, /^Integrity is required at high by the data class 'credentials'/);
  });
});
