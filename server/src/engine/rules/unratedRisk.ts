import { Rule } from '../rule';
import { isEmptyValue, nodeRange } from '../yamlTree';

export const unratedRisk: Rule = {
  code: 'unrated-risk',
  scope: 'file',
  severity: 'hint',
  description: 'An abuse case without a likelihood or an impact.',
  docs: {
    rationale:
      'Likelihood and impact rank the risks, so that the backlog takes the worst first. Rating them is quick and worth doing for every abuse case.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n        likelihood: likely\n        impact: major\n',
  },
  check(context) {
    const abuseCaseAt = new Map(
      context.tree.objects
        .filter((object) => object.shape.name === 'abuse case')
        .map((object) => [nodeRange(object.node)?.start, object]),
    );
    for (const useCase of context.model.useCases) {
      for (const abuseCase of useCase.abuseCases) {
        // A key written without a value rates nothing; one with an ill-formed value is invalid-value's or wrong-type's.
        const pairs = abuseCaseAt.get(abuseCase.range.start)?.pairs;
        const missing = ['likelihood', 'impact'].filter((field) => {
          const pair = pairs?.get(field);
          return pair ? isEmptyValue(pair.value) : !abuseCase.writtenKeys.includes(field);
        });
        if (missing.length === 0) continue;
        context.report({
          range: abuseCase.anchor,
          message: `Rate this abuse case: it has no ${missing.join(' and no ')}.`,
          data: { missing },
        });
      }
    }
  },
};
