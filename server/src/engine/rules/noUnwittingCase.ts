import { requirementsOf } from '../cia';
import { quoted } from '../quote';
import { Rule } from '../rule';

export const noUnwittingCase: Rule = {
  code: 'no-unwitting-case',
  scope: 'workspace',
  perEntry: true,
  severity: 'information',
  description:
    'A use case that requires high confidentiality or integrity whose abuse cases are all by attackers, none by a legitimate user making a mistake.',
  docs: {
    rationale:
      "Harm does not come from attackers only. A legitimate user forwards a link, sends to the wrong recipient, stays signed in on a shared computer, or is given the wrong role, and the product's data leaks or changes just the same. Where a use case handles data that must stay confidential or correct (a high requirement), at least one abuse case should be an unwitting one (`intent: unwitting`). The quick fix adds the best-ranked unwitting abuse case of the catalog.",
    bad: 'use_cases:\n  - id: UC-records\n    title: Read a patient record\n    actor: Clinician\n    data: [health]\n    abuse_cases:\n      - id: AB-stolen-session\n        title: An attacker reuses a stolen session\n        threatens: [confidentiality, integrity, availability]\n',
    good: 'use_cases:\n  - id: UC-records\n    title: Read a patient record\n    actor: Clinician\n    data: [health]\n    abuse_cases:\n      - id: AB-stolen-session\n        title: An attacker reuses a stolen session\n        threatens: [confidentiality, integrity, availability]\n      - id: AB-shared-screen\n        title: A record stays open on a shared ward computer\n        intent: unwitting\n        threatens: [confidentiality]\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      if (useCase.abuseCases.length === 0 || useCase.abuseCases.some((abuseCase) => abuseCase.intent === 'unwitting'))
        continue;
      const high = requirementsOf(useCase, context.dataClasses).filter(
        ({ dimension, level }) => dimension !== 'availability' && level === 'high',
      );
      if (high.length === 0) continue;
      const name = useCase.id ? quoted(useCase.id.value) : 'This use case';
      context.report({
        range: useCase.abuseCasesKey ?? useCase.anchor,
        message: `${name} requires high ${high.map(({ dimension }) => dimension).join(' and ')}, and every abuse case of it is an attacker's: how could a legitimate user harm it by mistake (forwarding, a wrong recipient, a shared device, a role given wrongly)?`,
        data: { useCase: useCase.id?.value },
      });
    }
  },
};
