import * as assert from 'assert';
import { DEFAULT_CONFIG, Workspace } from '../../../server/src/engine';
import { coverageModelOf } from '../../../server/src/engine/coverageTree';
import { expectFindings, expectNoFindings, MAIN_URI } from '../../helpers/engine';

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

describe('the expiring-soon list of the coverage model', () => {
  it('lists what has lapsed and what lapses within the configured days, soonest first, each located', () => {
    const text = [
      'backlog:',
      '  - id: OPS-7',
      '    title: Patch day',
      '    recurs: monthly',
      '    last_done: 2026-11-10',
      '  - id: OPS-8',
      '    title: Access review',
      '    recurs: quarterly',
      '    last_done: 2026-06-01',
      '  - id: OPS-9',
      '    title: Key rotation',
      '    recurs: yearly',
      '    last_done: 2026-11-01',
      '',
    ].join('\n');
    const expiringOn = (today: string, days = 30) => {
      const workspace = new Workspace({ today: () => today, config: { ...DEFAULT_CONFIG, expiringWithinDays: days } });
      workspace.set(MAIN_URI, text);
      return coverageModelOf(workspace).expiring.map((node) => [node.label, node.due, node.overdue, node.when]);
    };
    // OPS-8 lapsed (due 2026-09-01); OPS-7 is due 2026-12-10, within 30 days; OPS-9 a year on is not listed.
    assert.deepStrictEqual(expiringOn('2026-11-24'), [
      ['OPS-8', '2026-09-01', true, '84 days ago'],
      ['OPS-7', '2026-12-10', false, 'in 16 days'],
    ]);
    assert.deepStrictEqual(expiringOn('2026-11-24', 16).length, 2, 'the last day of the window is in it');
    assert.deepStrictEqual(expiringOn('2026-11-24', 15), [['OPS-8', '2026-09-01', true, '84 days ago']]);
  });
});
