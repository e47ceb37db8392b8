/**
 * Calendar days and durations: one notion of dates for everything that lapses (risk acceptances, verifications,
 * recurring work). Days are `YYYY-MM-DD` strings, compared as text; durations are written `30d`, `12w`, `6m`, `1y`.
 */

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DURATION_PATTERN = /^[1-9]\d{0,3}[dwmy]$/;

/** How often recurring work comes round, as the durations they stand for. */
export const RECURRENCES = ['weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];
export const PERIOD_OF: Record<Recurrence, string> = { weekly: '1w', monthly: '1m', quarterly: '3m', yearly: '1y' };

export function isValidDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

export function isValidDuration(text: string): boolean {
  return DURATION_PATTERN.test(text);
}

/** The day `months` months after `day` (YYYY-MM-DD): the default expiry the editor proposes for a risk acceptance. */
export function monthsAfter(day: string, months: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

/** The day a duration after `day`: `2026-01-31` + `1m` is `2026-03-03`, as JavaScript's calendar counts. */
export function after(day: string, duration: string): string {
  const [, amount, unit] = /^(\d+)([dwmy])$/.exec(duration)!;
  const count = Number(amount);
  if (unit === 'm') return monthsAfter(day, count);
  if (unit === 'y') return monthsAfter(day, 12 * count);
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count * (unit === 'w' ? 7 : 1));
  return date.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** "in 3 days", "today", "1 day ago": how far a due day is from today. */
export function relativeDay(due: string, today: string): string {
  const days = daysBetween(today, due);
  if (days === 0) return 'today';
  const count = Math.abs(days);
  const span = `${count} day${count === 1 ? '' : 's'}`;
  return days > 0 ? `in ${span}` : `${span} ago`;
}
