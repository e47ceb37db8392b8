import { requirementsOf } from '../cia';
import { LEVEL_RANK } from '../dataClasses';
import { quoted } from '../quote';
import { Rule } from '../rule';

export const dataClassSuspected: Rule = {
  code: 'data-class-suspected',
  scope: 'workspace',
  perEntry: true,
  severity: 'hint',
  description:
    "A use case whose abuse case follows a catalog template about kinds of data the use case names none of, where naming one would raise the use case's CIA requirement.",
  docs: {
    rationale:
      "A use case's `data:` decides what it must protect: each data class requires a level of confidentiality, integrity and availability, and `cia-uncovered` asks for abuse cases that answer them. Catalog templates say which kinds of data their threat is about. When an abuse case follows a template whose kinds of data the use case names none of, and naming one would raise the requirement, the use case may well handle that data: a reminder that follows a template about what notifications reveal of health, beliefs or money probably touches one of them. The quick fixes add a class to `data:`; when the use case handles none of them, leave the hint or turn it off.",
    bad: 'use_cases:\n  - id: UC-reminders\n    title: Send appointment reminders by SMS\n    actor: Clinic\n    data: [pii]\n    abuse_cases:\n      - id: AB-reminder-leak\n        title: A reminder reveals the reason for a visit to whoever reads the phone\n        threatens: [confidentiality]\n        template: sensitive-notification-content\n',
    good: 'use_cases:\n  - id: UC-reminders\n    title: Send appointment reminders by SMS\n    actor: Clinic\n    data: [pii, health]\n    abuse_cases:\n      - id: AB-reminder-leak\n        title: A reminder reveals the reason for a visit to whoever reads the phone\n        threatens: [confidentiality]\n        template: sensitive-notification-content\n',
  },
  check(context) {
    for (const useCase of context.model.useCases) {
      // Worked out for the first abuse case whose template is about data (most use cases have none).
      let before: ReturnType<typeof requirementsOf> | undefined;
      for (const abuseCase of useCase.abuseCases) {
        const written = abuseCase.template;
        const template = written && context.workspace.templateOf(written.value);
        if (!written || !template || template.data.length === 0) continue;
        const known = template.data.filter((dataClass) => context.dataClasses.has(dataClass));
        // A use case that names one of the template's kinds of data has accounted for it.
        if (known.length === 0 || useCase.data.some((item) => known.includes(item.value))) continue;
        const requirements = (before ??= requirementsOf(useCase, context.dataClasses));
        // Naming a class raises a dimension that `cia:` leaves to the data, to what the class requires if that is more.
        const raising = known.filter((dataClass) => {
          const requires = context.dataClasses.get(dataClass)!.requires;
          return requirements.some(
            (requirement) =>
              !useCase.cia[requirement.dimension] &&
              LEVEL_RANK[requires[requirement.dimension]] > LEVEL_RANK[requirement.level],
          );
        });
        if (raising.length === 0) continue;
        const name = useCase.id ? quoted(useCase.id.value) : 'this use case';
        const classes = raising.map((dataClass) => quoted(dataClass));
        const either = classes.length > 1 ? `${classes.slice(0, -1).join(', ')} or ${classes.at(-1)}` : classes[0];
        context.report({
          range: written.range,
          message: `Does ${name} handle ${either} data? This abuse case follows ${quoted(template.id)}, a threat to such data, and naming ${raising.length > 1 ? 'one' : 'it'} under \`data:\` would raise what the use case must protect.`,
          data: { useCase: useCase.id?.value, dataClasses: raising },
        });
      }
    }
  },
};
