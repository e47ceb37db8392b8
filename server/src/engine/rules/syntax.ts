import { Rule } from '../rule';

export const syntax: Rule = {
  code: 'syntax',
  scope: 'file',
  severity: 'error',
  description: 'The file is not valid YAML.',
  docs: {
    rationale:
      "Nothing else in a file can be trusted while its YAML is broken. The message is the YAML parser's own, placed at the character where parsing failed.",
    bad: 'use_cases:\n  - id: UC-login\n    backlog: [RM-1\n',
    good: 'use_cases:\n  - id: UC-login\n    backlog: [RM-1]\n',
  },
  check(context) {
    for (const problem of context.tree.syntaxProblems) {
      context.report({ range: problem.range, message: problem.message });
    }
  },
};
