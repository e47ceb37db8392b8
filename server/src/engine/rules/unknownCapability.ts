import { didYouMean } from '../didYouMean';
import { Located } from '../model';
import { quoted } from '../quote';
import { Rule } from '../rule';

export const unknownCapability: Rule = {
  code: 'unknown-capability',
  scope: 'workspace',
  severity: 'error',
  description:
    'An `answers:`, `family:` or `turned-off` capability that is neither a built-in question of the baseline nor one the configuration adds.',
  docs: {
    rationale:
      'A backlog item or mitigation that answers a misspelt capability answers nothing, and the question it was meant for stays a gap with no hint why. The built-in capabilities are listed in docs/baseline.md; the configuration may add its own under `baseline: capabilities:`.',
    bad: 'backlog:\n  - id: OPS-1\n    title: Nightly backups\n    answers: [backup]\n',
    good: 'backlog:\n  - id: OPS-1\n    title: Nightly backups\n    answers: [backups]\n',
  },
  check(context) {
    const known = context.capabilities.map((capability) => capability.id);
    // One list, pushed to: a file's thousand mitigations have no `answers:` (an array per level was most of the cost).
    const refs: Located<string>[] = [];
    for (const item of context.model.backlog) refs.push(...item.answers);
    for (const useCase of context.model.useCases)
      for (const abuseCase of useCase.abuseCases)
        for (const mitigation of abuseCase.mitigations) if (mitigation.answers.length) refs.push(...mitigation.answers);
    for (const template of context.model.templates) if (template.family) refs.push(template.family);
    refs.push(...context.model.turnedOff);
    const seen = new Set<number>();
    for (const ref of refs) {
      // An aliased mitigation is named once.
      if (known.includes(ref.value) || seen.has(ref.range.start)) continue;
      seen.add(ref.range.start);
      const suggestion = didYouMean(ref.value, known);
      context.report({
        range: ref.range,
        message: `Unknown capability ${quoted(ref.value)}.${suggestion ? ` Did you mean ${quoted(suggestion)}?` : ''} The baseline's capabilities: ${known.join(', ')}.`,
        data: suggestion ? { suggestion } : undefined,
      });
    }
  },
};
