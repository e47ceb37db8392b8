import { after, isValidDate, PERIOD_OF } from './dates';
import { MitigationStatus } from './format';
import { DataClass, LEVEL_RANK } from './dataClasses';
import { BacklogItem, FileModel, Mitigation, Vendor } from './model';
import { OffsetRange } from './text';

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

/**
 * Where a vendor's review stands as of a day: `current` through its `until`, `lapsed` from the day after; `none`
 * without a review, `incomplete` when it lacks a valid `on` or `until`, or holds until before it was done. Only a
 * current review counts as reviewed.
 */
export type ReviewState =
  { status: 'current' | 'lapsed'; until: string } | { status: 'none' } | { status: 'incomplete'; why: string };

export function reviewStateOf(vendor: Vendor, today: string): ReviewState {
  const review = vendor.review;
  if (!review) return { status: 'none' };
  if (!review.on) return { status: 'incomplete', why: "its review says no valid day it was done ('on')" };
  if (!review.until) return { status: 'incomplete', why: "its review says no valid last day ('until')" };
  if (review.until.value < review.on.value)
    return { status: 'incomplete', why: `its review holds until ${review.until.value}, before it was done` };
  return { status: review.until.value < today ? 'lapsed' : 'current', until: review.until.value };
}

/** The data a vendor receives that requires medium or high confidentiality: what makes a review necessary. */
export function confidentialDataOf(vendor: Vendor, dataClasses: ReadonlyMap<string, DataClass>): DataClass[] {
  const classes: DataClass[] = [];
  for (const ref of vendor.receives) {
    const dataClass = dataClasses.get(ref.value);
    if (
      dataClass &&
      LEVEL_RANK[dataClass.requires.confidentiality] >= LEVEL_RANK.medium &&
      !classes.includes(dataClass)
    )
      classes.push(dataClass);
  }
  return classes;
}

/** A piece of evidence with a day it lapses on: a risk acceptance, a verification, recurring work, a vendor review. */
export interface DatedEvidence {
  kind: 'acceptance' | 'verification' | 'recurring' | 'review';
  /** The abuse case's or backlog item's id, or the mitigation's title. */
  label: string;
  /** The last day it holds. */
  due: string;
  /** The value that dates it (`until`, `verified_on`, `last_done`). */
  range: OffsetRange;
}

/** Every dated piece of evidence of a file, in the order of the text (an aliased one once). */
export function datedEvidenceOf(model: FileModel): DatedEvidence[] {
  const dated: DatedEvidence[] = [];
  const seen = new Set<object>();
  for (const useCase of model.useCases)
    for (const abuseCase of useCase.abuseCases) {
      if (seen.has(abuseCase)) continue;
      seen.add(abuseCase);
      const until = abuseCase.accepted?.until;
      if (until)
        dated.push({
          kind: 'acceptance',
          label: abuseCase.id?.value ?? 'an abuse case',
          due: until.value,
          range: until.range,
        });
      for (const mitigation of abuseCase.mitigations) {
        const due = verificationDue(mitigation);
        if (due === undefined || seen.has(mitigation)) continue;
        seen.add(mitigation);
        dated.push({
          kind: 'verification',
          label: mitigation.title?.value ?? 'a mitigation',
          due,
          range: mitigation.verifiedOn!.range,
        });
      }
    }
  for (const item of model.backlog) {
    const due = recurringDue(item);
    if (due !== undefined)
      dated.push({ kind: 'recurring', label: item.id?.value ?? 'a backlog item', due, range: item.lastDone!.range });
  }
  for (const vendor of model.vendors) {
    const until = vendor.review?.until;
    // A review that holds until before it was done dates nothing (invalid-value says so).
    if (until && !(vendor.review!.on && until.value < vendor.review!.on.value))
      dated.push({
        kind: 'review',
        label: vendor.id?.value ?? vendor.name ?? 'a vendor',
        due: until.value,
        range: until.range,
      });
  }
  return dated;
}

/**
 * The dated evidence that has lapsed as of `today`, as the gate lists it: expired risk acceptances
 * (`AB-1 acceptance, until 2026-10-31`), verifications (`'Restore drill' verification, due 2026-11-24`) and recurring
 * work (`OPS-7, due 2026-11-24`) and vendor reviews (`stripe review, until 2026-11-24`).
 */
export function overdueEvidenceOf(dated: readonly DatedEvidence[], today: string): string[] {
  return dated.filter((evidence) => evidence.due < today).map(overdueText);
}

/** Lapsed evidence as the gate's `max-overdue` lists it: `AB-1 acceptance, until 2026-10-31`. */
export function overdueText({ kind, label, due }: Pick<DatedEvidence, 'kind' | 'label' | 'due'>): string {
  return kind === 'acceptance' || kind === 'review'
    ? `${label} ${kind}, until ${due}`
    : kind === 'verification'
      ? `'${label}' verification, due ${due}`
      : `${label}, due ${due}`;
}
