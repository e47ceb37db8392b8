import { withArticle } from '../format';
import { Located } from '../model';
import { Rule } from '../rule';
import { quoted } from '../quote';

export const unknownBacklogItem: Rule = {
  code: 'unknown-backlog-item',
  scope: 'workspace',
  perEntry: true,
  severity: 'error',
  description: 'A reference to a backlog item that no file of the workspace defines.',
  docs: {
    rationale:
      'Use cases, mitigations and epics point at backlog items so that security work is planned like any other work. A reference that resolves to nothing (or to a use case or abuse case) plans nothing. Backlog items may live in any `*.usecase.yaml` file of the workspace.',
    bad: 'backlog:\n  - id: RM-101\n    title: Share a roadmap\nuse_cases:\n  - id: UC-share\n    title: Share a roadmap\n    actor: Product manager\n    backlog: [RM-110]\n',
    good: 'backlog:\n  - id: RM-101\n    title: Share a roadmap\nuse_cases:\n  - id: UC-share\n    title: Share a roadmap\n    actor: Product manager\n    backlog: [RM-101]\n',
  },
  check(context) {
    const references: Located<string>[] = [];
    for (const item of context.model.backlog) if (item.parent) references.push(item.parent);
    for (const useCase of context.model.useCases) {
      references.push(...useCase.backlog);
      for (const abuseCase of useCase.abuseCases) {
        for (const mitigation of abuseCase.mitigations) references.push(...mitigation.backlog);
      }
    }
    for (const reference of references) {
      const definitions = context.workspace.definitionsOf(reference.value);
      if (definitions.some((definition) => definition.kind === 'backlog item')) continue;
      const other = definitions[0];
      context.report({
        range: reference.range,
        message: other
          ? `${quoted(reference.value)} is ${withArticle(other.kind)}, not a backlog item.`
          : `No backlog item ${quoted(reference.value)} in the workspace. Add it under 'backlog:' in any use-case file.`,
        data: { id: reference.value },
      });
    }
  },
};
