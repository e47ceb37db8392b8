/*
 * The six states the sidebar and the coverage reports show for one CIA dimension (and, rolled up, for a row),
 * with the mark and the words each is shown with. Defined once, here; the client and the reports only render
 * them. A module without imports, part of the contract (shared/) that the extension client bundles.
 */

/** Worst first: a row takes the worst state below it; `not-required` is the best, and the state of nothing. */
export const COVERAGE_STATES = ['uncovered', 'open', 'accepted', 'mitigated', 'verified', 'not-required'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

/** The states of one abuse case (and of the dimensions it threatens). */
export type RiskState = Extract<CoverageState, 'open' | 'accepted' | 'mitigated' | 'verified'>;

export interface StateLegend {
  /** Short enough for a narrow view; each reads right without a tooltip. */
  mark: string;
  /** The word the sidebar, the reports and the docs use for the state. */
  word: string;
  /** What it means for a CIA dimension, in one line. */
  meaning: string;
}

export const STATE_LEGEND: Record<CoverageState, StateLegend> = {
  uncovered: {
    mark: '✗',
    word: 'not thought of',
    meaning: 'the data requires it (medium or high), but no abuse case threatens it yet',
  },
  open: { mark: '!', word: 'open', meaning: 'an abuse case threatens it, and is neither mitigated nor accepted yet' },
  accepted: {
    mark: '≈',
    word: 'accepted',
    meaning: 'nothing open, but a risk on it is accepted (until a date) rather than mitigated',
  },
  mitigated: {
    mark: '✓',
    word: 'mitigated',
    meaning: 'every abuse case on it has an implemented (or verified) mitigation',
  },
  verified: { mark: '✓✓', word: 'verified', meaning: 'every abuse case on it has a verified mitigation' },
  'not-required': {
    mark: '–',
    word: 'not required',
    meaning: 'the data does not require it, and no abuse case threatens it',
  },
};

export function worstState<S extends CoverageState>(states: Iterable<S>): S | 'not-required' {
  let worst: S | 'not-required' = 'not-required';
  for (const state of states) if (COVERAGE_STATES.indexOf(state) < COVERAGE_STATES.indexOf(worst)) worst = state;
  return worst;
}

/** `C ✓ I ✗ A –`: each dimension's initial and mark. */
export function stateBadge(states: readonly (readonly [dimension: string, state: CoverageState])[]): string {
  return states.map(([dimension, state]) => `${dimension[0].toUpperCase()} ${STATE_LEGEND[state].mark}`).join(' ');
}

/** The legend as a Markdown table: the docs carry it verbatim (a test checks that they do). */
export function legendMarkdown(): string {
  const rows = COVERAGE_STATES.map(
    (state) => `| \`${STATE_LEGEND[state].mark}\` | ${STATE_LEGEND[state].word} | ${STATE_LEGEND[state].meaning} |`,
  );
  return [
    '| Mark | State | What it means for confidentiality (C), integrity (I) or availability (A) |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** The states of a question of the security baseline, as the sidebar, the reports and the hovers show them. */
export const BASELINE_LEGEND: Record<'answered' | 'gap' | 'not-applicable' | 'turned-off', StateLegend> = {
  gap: { mark: '✗', word: 'not answered', meaning: 'it applies to the product, and nothing answers it yet' },
  answered: {
    mark: '✓',
    word: 'answered',
    meaning: 'a backlog item, a mitigation or an abuse case answers it (how far it has come is shown beside it)',
  },
  'turned-off': {
    mark: '○',
    word: 'turned off',
    meaning: 'the team turned it off in the configuration, with a reason',
  },
  'not-applicable': { mark: '–', word: 'does not apply', meaning: 'nothing in the workspace makes it apply' },
};

/** What each kind of dated evidence is called in the sidebar and the reports. */
export const EXPIRING_KIND: Record<'acceptance' | 'verification' | 'recurring' | 'review', string> = {
  acceptance: 'risk acceptance',
  verification: 'verification',
  recurring: 'recurring work',
  review: 'vendor review',
};

/** Where a vendor's security review stands: the sidebar's and the reports' words, and the state its row shows. */
export const REVIEW_LEGEND: Record<
  'current' | 'lapsed' | 'none' | 'incomplete',
  StateLegend & { state: CoverageState }
> = {
  current: { mark: '✓', word: 'reviewed', meaning: 'a review that still holds', state: 'mitigated' },
  lapsed: { mark: '!', word: 'review lapsed', meaning: "its review's `until` has passed", state: 'open' },
  incomplete: {
    mark: '!',
    word: 'review incomplete',
    meaning: 'its review lacks a valid `on` or `until`, or ends before it was done',
    state: 'open',
  },
  none: { mark: '✗', word: 'not reviewed', meaning: 'nobody has reviewed its security yet', state: 'uncovered' },
};

/**
 * A vendor's state: its review's, when it receives data requiring medium or high confidentiality (then it must have
 * a current review); otherwise not required, or mitigated when reviewed all the same.
 */
export function vendorState(vendor: {
  needsReview: boolean;
  review: { status: keyof typeof REVIEW_LEGEND };
}): CoverageState {
  if (vendor.needsReview || vendor.review.status === 'current') return REVIEW_LEGEND[vendor.review.status].state;
  return 'not-required';
}
