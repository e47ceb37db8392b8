import { withArticle } from '../format';
import { namespaceOf, Rule } from '../rule';
import { quoted } from '../quote';

export const duplicateId: Rule = {
  code: 'duplicate-id',
  scope: 'workspace',
  severity: 'error',
  description: 'An id defined more than once in the workspace.',
  docs: {
    rationale:
      'Backlog items, use cases and abuse cases share one namespace across every `*.usecase.yaml` file of the workspace, so that a reference always means one thing; vendors have a namespace of their own, and so do the templates of team catalogs. Each definition is reported, with a link to the others.',
    bad: 'backlog:\n  - id: RM-101\n    title: Share a roadmap\n  - id: RM-101\n    title: Revoke a shared link\n',
    good: 'backlog:\n  - id: RM-101\n    title: Share a roadmap\n  - id: RM-102\n    title: Revoke a shared link\n',
  },
  check(context) {
    for (const definition of context.definitions) {
      const namespace = namespaceOf(definition.kind);
      if (context.workspace.definitionsOf(definition.id, { namespace }).length < 2) continue;
      const all = context.workspace.definitionsOf(definition.id, { namespace, withLocations: true });
      const others = all.filter((other) => other.uri !== context.uri || other.range.start !== definition.range.start);
      context.report({
        range: definition.range,
        message: `The id ${quoted(definition.id)} is defined ${all.length} times in the workspace; ids must be unique.`,
        related: others.map((other) => ({
          uri: other.uri,
          range: other.range,
          message: `${quoted(other.id)} is also defined here, as ${withArticle(other.kind)}.`,
        })),
      });
    }
  },
};
