import { didYouMean } from '../didYouMean';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const unknownTemplate: Rule = {
  code: 'unknown-template',
  scope: 'workspace',
  perEntry: true,
  severity: 'warning',
  description: "An abuse case's `template:` that is neither in the built-in catalog nor in a team catalog.",
  docs: {
    rationale:
      'A template links an abuse case to a catalog entry: its description, CAPEC and CWE references and suggested mitigations. A misspelt template links to nothing. Team catalogs (`*.abusecatalog.yaml` files) add their own templates.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n        template: credential-stuffin\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n        template: credential-stuffing\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      for (const abuseCase of useCase.abuseCases) {
        const template = abuseCase.template;
        if (!template || context.workspace.templateOf(template.value)) continue;
        const suggestion = didYouMean(template.value, context.workspace.templateIds());
        context.report({
          range: template.range,
          message: `No template ${quoted(template.value)} in the threat catalog.${suggestion ? ` Did you mean ${quoted(suggestion)}?` : ''}`,
          data: suggestion ? { suggestion } : undefined,
        });
      }
    }
  },
};
