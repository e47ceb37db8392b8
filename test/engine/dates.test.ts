import * as assert from 'assert';
import { after, daysBetween, isValidDuration, relativeDay } from '../../server/src/engine/dates';

describe('dates and durations (one calendar for everything that lapses)', () => {
  it('adds days, weeks, months and years', () => {
    assert.strictEqual(after('2026-11-24', '30d'), '2026-12-24');
    assert.strictEqual(after('2026-12-30', '12w'), '2027-03-24');
    assert.strictEqual(after('2026-05-24', '6m'), '2026-11-24');
    assert.strictEqual(after('2024-02-29', '1y'), '2025-03-01', 'a leap day a year on is the first of March');
    assert.strictEqual(
      after('2026-01-31', '1m'),
      '2026-03-03',
      "January's last day a month on, as the calendar counts",
    );
  });

  it('reads only durations written as a number and a unit', () => {
    for (const ok of ['30d', '12w', '6m', '1y', '9999d']) assert.ok(isValidDuration(ok), ok);
    for (const bad of ['0d', '6 months', '6M', 'm', '1.5y', '10000d', '-1d']) assert.ok(!isValidDuration(bad), bad);
  });

  it('says how far a day is from today', () => {
    assert.strictEqual(daysBetween('2026-11-24', '2026-12-24'), 30);
    assert.strictEqual(relativeDay('2026-11-24', '2026-11-24'), 'today');
    assert.strictEqual(relativeDay('2026-11-25', '2026-11-24'), 'in 1 day');
    assert.strictEqual(relativeDay('2026-11-20', '2026-11-24'), '4 days ago');
  });
});
