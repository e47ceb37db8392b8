import { didYouMean } from '../didYouMean';
import { Rule } from '../rule';
import { quoted } from '../quote';

/** A reference to an outside tracker: a link is free text whatever the workspace keeps. */
export const LINK = /:\/\//;

export const unknownFeedback: Rule = {
  code: 'unknown-feedback',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description:
    "A backlog item's `source` of kind `feedback` whose `ref` names no `feedback:` entry, in a workspace that keeps its feedback.",
  docs: {
    rationale:
      'A release gate is worth more when each item of the release traces to what users asked for. Where a team keeps its feedback in the workspace (a top-level `feedback:` list in any `*.usecase.yaml` file), a backlog item points at an entry with `source: { kind: feedback, ref: FB-12 }`, and a `ref` that names no entry traces to nothing: often a typo. Without any `feedback:` list, or when the `ref` is a link (`https://...`), the `ref` is free text: a ticket in another tracker.',
    bad: 'feedback:\n  - id: FB-12\n    summary: Let me export my roadmap as a PDF\nbacklog:\n  - id: RM-7\n    title: Export a roadmap as PDF\n    source: { kind: feedback, ref: FB-21 }\n',
    good: 'feedback:\n  - id: FB-12\n    summary: Let me export my roadmap as a PDF\nbacklog:\n  - id: RM-7\n    title: Export a roadmap as PDF\n    source: { kind: feedback, ref: FB-12 }\n',
  },
  check(context) {
    for (const item of context.model.backlog) {
      const ref = item.source?.ref;
      if (!ref || item.source?.kind?.value !== 'feedback' || LINK.test(ref.value)) continue;
      if (context.workspace.definitionsOf(ref.value, { namespace: 'feedback' }).length > 0) continue;
      const known = context.workspace.feedbackIds();
      // The team keeps its feedback elsewhere: the ref is a ticket of that tracker.
      if (known.length === 0) continue;
      const suggestion = didYouMean(ref.value, known);
      const hint = suggestion ? `Did you mean ${quoted(suggestion)}? ` : '';
      context.report({
        range: ref.range,
        message: `No feedback ${quoted(ref.value)} in the workspace. ${hint}Name an entry of 'feedback:', or link to the ticket (https://...).`,
        data: { id: ref.value, ...(suggestion ? { suggestion } : {}) },
      });
    }
  },
};
