import { excerpt, quoted } from '../quote';
import { Rule } from '../rule';

export const privacyUnstated: Rule = {
  code: 'privacy-unstated',
  scope: 'workspace',
  perEntry: true,
  severity: 'information',
  description:
    'A use case that handles personal data without saying on what lawful basis (`lawful_basis`) or for how long it keeps it (`retention`).',
  docs: {
    rationale:
      'The GDPR asks of every processing of personal data why it is lawful and how long the data is kept; "only collect and store the data you need" asks the same. A use case whose `data:` names a personal class (`pii`, `credentials`, `payment`, `health`, ... or a class of the project\'s with `personal: true`) states its `lawful_basis` (one of the six of art. 6: `consent`, `contract`, `legal-obligation`, `vital-interests`, `public-task`, `legitimate-interests`) and its `retention` (a duration such as `30d`, `6m` or `2y`, or `until-account-deleted`, `until-contract-ends`, `as-required-by-law`, `not-stored`). With `consent`, the baseline also asks whether people can withdraw it as easily as they gave it.',
    bad: 'use_cases:\n  - id: UC-newsletter\n    title: Subscribe to the newsletter\n    actor: Visitor\n    data: [pii]\n',
    good: 'use_cases:\n  - id: UC-newsletter\n    title: Subscribe to the newsletter\n    actor: Visitor\n    data: [pii]\n    lawful_basis: consent\n    retention: until-account-deleted\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      const personal = useCase.data.find((ref) => context.dataClasses.get(ref.value)?.personal);
      if (!personal) continue;
      const missing = [!useCase.lawfulBasis && 'lawful_basis', !useCase.retention && 'retention'].filter(
        (key): key is string => typeof key === 'string',
      );
      if (missing.length === 0) continue;
      const name = useCase.id ? excerpt(useCase.id.value) : 'This use case';
      const what = missing.map((key) => quoted(key)).join(' and ');
      const asks = [
        !useCase.lawfulBasis && 'on what lawful basis it processes it',
        !useCase.retention && 'how long it keeps it',
      ].filter(Boolean);
      context.report({
        range: useCase.anchor,
        message: `${name} handles personal data (${personal.value}) but does not say ${asks.join(', nor ')}: add ${what}.`,
        data: { missing },
      });
    }
  },
};
