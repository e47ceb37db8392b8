import { after, isValidDate, PERIOD_OF } from './dates';
import { MitigationStatus } from './format';
import { BacklogItem, Mitigation } from './model';

/**
 * Evidence that lapses: a verification that must be renewed, and recurring work that comes round again. One notion
 * of "today" (the workspace's) and one calendar (dates.ts), as for risk acceptances.
 */

/** The last day a mitigation's verification holds (`verified_on` + `reverify_every`), when it says both. */
export function verificationDue(mitigation: Mitigation): string | undefined {
  const { verifiedOn, reverifyEvery } = mitigation;
  return verifiedOn && reverifyEvery ? after(verifiedOn.value, reverifyEvery.value) : undefined;
}

/** A mitigation's status as of `today`: a verification past its due day counts as implemented, until renewed. */
export function effectiveStatus(mitigation: Mitigation, today: string): MitigationStatus {
  if (mitigation.status !== 'verified') return mitigation.status;
  const due = verificationDue(mitigation);
  return due !== undefined && due < today ? 'implemented' : 'verified';
}

/** The day recurring work is due again (`last_done` + its period); undefined when it does not recur or says no day. */
export function recurringDue(item: BacklogItem): string | undefined {
  const lastDone = item.lastDone?.value;
  return item.recurs && lastDone && isValidDate(lastDone) ? after(lastDone, PERIOD_OF[item.recurs.value]) : undefined;
}
