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
    const refs: Located<string>[] = [
      ...context.model.backlog.flatMap((item) => item.answers),
      ...context.model.useCases.flatMap((useCase) =>
        useCase.abuseCases.flatMap((abuseCase) => abuseCase.mitigations.flatMap((mitigation) => mitigation.answers)),
      ),
      ...context.model.templates.flatMap((template) => template.family ?? []),
      ...context.model.turnedOff,
    ];
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
