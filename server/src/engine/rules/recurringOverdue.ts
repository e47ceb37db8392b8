import { PERIOD_OF, relativeDay } from '../dates';
import { recurringDue } from '../evidence';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const recurringOverdue: Rule = {
  code: 'recurring-overdue',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description:
    'Recurring backlog work (`recurs:`) whose `last_done` + its period has passed, or that says it recurs but not when it was last done.',
  docs: {
    rationale:
      'Some security work is never done once and for all: patching, restore drills, access reviews, key rotation. A backlog item that recurs (`recurs: weekly`, `monthly`, `quarterly` or `yearly`) says when it was last done (`last_done`); from the day after `last_done` + its period it is overdue. An item that recurs without a `last_done` has no record of ever being done. The quick fix records it as done today, once it has been.',
    bad: 'backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: monthly\n    last_done: 2020-03-02\n',
    good: 'backlog:\n  - id: OPS-7\n    title: Patch day\n    recurs: monthly\n    last_done: 2999-03-02\n',
  },
  check(context) {
    for (const item of context.model.backlog) {
      if (!item.recurs) continue;
      const name = item.id ? quoted(item.id.value) : 'This backlog item';
      if (!item.lastDone) {
        context.report({
          range: item.recurs.range,
          message: `${name} recurs ${item.recurs.value}, but says no \`last_done\`: when was it last done?`,
        });
        continue;
      }
      const due = recurringDue(item);
      // A malformed day is an invalid-value, not overdue work.
      if (due === undefined || due >= context.today) continue;
      context.report({
        range: item.lastDone.range,
        message: `${name} recurs ${item.recurs.value} (every ${PERIOD_OF[item.recurs.value]}) and was last done on ${item.lastDone.value}: it was due again on ${due}, ${relativeDay(due, context.today)}.`,
        data: { due, today: context.today },
      });
    }
  },
};
