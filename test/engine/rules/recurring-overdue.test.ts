import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

const patchDay = (lastDone: string, recurs = 'monthly') =>
  `backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: ${recurs}\n    last_done: ${lastDone}\n`;

describe('rule recurring-overdue', () => {
  it('is due a period after it was last done: on time that day, overdue the day after', () => {
    expectNoFindings('recurring-overdue', patchDay('2026-10-24'), {}, '2026-11-24');
    const [finding] = expectFindings('recurring-overdue', patchDay('⟦2026-10-24⟧'), {}, '2026-11-25');
    assert.strictEqual(
      finding.message,
      "'OPS-7' recurs monthly (every 1m) and was last done on 2026-10-24: it was due again on 2026-11-24, 1 day ago.",
    );
  });

  it('knows each period: weekly, quarterly, yearly', () => {
    expectNoFindings('recurring-overdue', patchDay('2026-11-17', 'weekly'), {}, '2026-11-24');
    expectFindings('recurring-overdue', patchDay('⟦2026-11-16⟧', 'weekly'), {}, '2026-11-24');
    expectNoFindings('recurring-overdue', patchDay('2026-08-24', 'quarterly'), {}, '2026-11-24');
    expectFindings('recurring-overdue', patchDay('⟦2025-11-23⟧', 'yearly'), {}, '2026-11-24');
  });

  it('asks when recurring work was last done when it does not say', () => {
    const [finding] = expectFindings(
      'recurring-overdue',
      'backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: ⟦monthly⟧\n',
    );
    assert.strictEqual(finding.message, "'OPS-7' recurs monthly, but says no `last_done`: when was it last done?");
  });

  it('says nothing of work that does not recur, or of a malformed date (invalid-value reports it)', () => {
    expectNoFindings('recurring-overdue', 'backlog:\n  - id: OPS-7\n    title: Patch day\n    last_done: 2020-01-01\n');
    expectNoFindings('recurring-overdue', patchDay('2020-02-30').replace('recurs: monthly', 'recurs: monthly'));
  });
});
