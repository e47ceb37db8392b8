import { isAlias, isMap, isScalar, isSeq, Node } from 'yaml';
import { ValueType, withArticle } from '../format';
import { Rule } from '../rule';
import { describeNode, forEachTypedValue, nodeRange } from '../yamlTree';
import { excerpt, quoted } from '../quote';

export const wrongType: Rule = {
  code: 'wrong-type',
  scope: 'file',
  severity: 'error',
  description: 'A value of the wrong kind: a list where text is expected, text where a number is expected, ...',
  docs: {
    rationale:
      'Lists, mappings, numbers and booleans each carry meaning in the format; a value of the wrong kind is ignored by the analysis, so the finding names what was expected and what was found.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: confidentiality\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases:\n      - id: AB-stuffing\n        title: Credential stuffing\n        threatens: [confidentiality]\n',
  },
  check(context) {
    const root = context.tree.root;
    if (root && !isMap(root) && !(isScalar(root) && root.value === null)) {
      context.report({
        range: nodeRange(root)!,
        message: `${withArticle(context.tree.rootShape.name).replace(/^a/, 'A')} is a mapping with ${keyList(Object.keys(context.tree.rootShape.fields))}, not ${describeNode(root)}.`,
      });
    }
    forEachTypedValue(context.tree.objects, ({ node, type, field }) => {
      // An alias left unresolved (an unknown anchor, or too many aliases) has its own syntax finding.
      if (isAlias(node)) return;
      const expected = expectedKind(node, type);
      if (expected)
        context.report({
          range: nodeRange(node)!,
          message: `${quoted(field)} expects ${expected}, not ${describeNode(node)}.`,
        });
    });
  },
};

/** What the node should have been, or undefined when its kind fits the type. */
function expectedKind(node: Node, type: ValueType): string | undefined {
  switch (type.kind) {
    case 'list':
      return isSeq(node)
        ? undefined
        : `a list (for one item: [${isScalar(node) ? excerpt(String(node.source ?? node.value)) : '...'}])`;
    case 'object':
      return isMap(node) ? undefined : `a mapping (${withArticle(type.shape.name)})`;
    case 'number':
      return isScalar(node) && typeof node.value === 'number' ? undefined : 'a number';
    case 'boolean':
      return isScalar(node) && typeof node.value === 'boolean' ? undefined : 'true or false';
    default:
      return isScalar(node) ? undefined : 'a single value';
  }
}

/** 'product', 'backlog' and 'use_cases' */
function keyList(keys: string[]): string {
  const names = keys.map((key) => quoted(key));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
}
