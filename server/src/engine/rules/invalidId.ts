import { isScalar } from 'yaml';
import { ID_PATTERN } from '../format';
import { Rule } from '../rule';
import { forEachTypedValue, nodeRange, scalarText } from '../yamlTree';
import { quoted } from '../quote';

export const invalidId: Rule = {
  code: 'invalid-id',
  scope: 'file',
  severity: 'error',
  description: 'An id that does not match ^[A-Za-z][A-Za-z0-9_.-]*$.',
  docs: {
    rationale:
      'Ids are referenced from other files, from backlog tools and from CI reports, so they must survive any of those: a letter first, then letters, digits, `_`, `.` or `-`, without spaces.',
    bad: 'backlog:\n  - id: 101 share link\n    title: Share a roadmap through a private link\n',
    good: 'backlog:\n  - id: RM-101\n    title: Share a roadmap through a private link\n',
  },
  check(context) {
    forEachTypedValue(context.tree.objects, ({ node, type }) => {
      if (type.kind !== 'id' || !isScalar(node)) return;
      const id = scalarText(node);
      if (ID_PATTERN.test(id)) return;
      context.report({
        range: nodeRange(node)!,
        message: `${quoted(id)} is not a valid id: start with a letter (A-Z, a-z), then use only letters, digits, '_', '.' or '-'.`,
      });
    });
  },
};
