import { isNode, Node, visit } from 'yaml';
import { Rule } from '../rule';

/** The tags of YAML's core schema, which say what the value already is. */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `tag:yaml.org,2002:${name}`),
);

/** Whether a `!` starts a token somewhere (`!include`, `- !!binary`, `[!x]`): a tag can only be there. */
function mayHoldTag(text: string): boolean {
  for (let at = text.indexOf('!'); at >= 0; at = text.indexOf('!', at + 1)) {
    if (at === 0 || /[\s[{,]/.test(text[at - 1])) return true;
  }
  return false;
}

export const ignoredTag: Rule = {
  code: 'ignored-tag',
  scope: 'file',
  severity: 'information',
  description: 'A YAML tag such as `!!js/function` or `!include`, which the tools do not act on.',
  docs: {
    rationale:
      "A tag asks a YAML reader to build something else than plain text: `!!js/function` a JavaScript function, `!include` another file's content, `!!binary` bytes. The tools never run, include or decode anything a file says: the tagged value counts for what is written after the tag. This finding says so where a reader might believe the tag had an effect. YAML's own plain tags (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq`) are not reported.",
    bad: 'use_cases:\n  - id: UC-login\n    title: !include titles/login.txt\n    actor: Customer\n    abuse_cases: []\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    abuse_cases: []\n',
  },
  check(context) {
    const root = context.tree.root;
    // Without a `!` that starts a token, the walk of the whole tree is spared.
    if (!isNode(root) || !mayHoldTag(context.text)) return;
    const report = (node: Node) => {
      if (node.tag === undefined || CORE_TAGS.has(node.tag) || !node.range) return;
      const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      // The range starts at the tag when it is on the value's line (the node's own range starts after it).
      let tagAt = context.text.lastIndexOf('!', node.range[0]);
      while (tagAt > 0 && context.text[tagAt - 1] === '!') tagAt--;
      const start = tagAt >= 0 && !context.text.slice(tagAt, node.range[0]).includes('\n') ? tagAt : node.range[0];
      context.report({
        range: { start, end: node.range[1] },
        message: `The tag \`${shown}\` is not acted on: the value is read as what is written after it.`,
      });
    };
    report(root);
    visit(root, {
      Scalar: (_key, node) => report(node),
      Map: (_key, node) => report(node),
      Seq: (_key, node) => report(node),
    });
  },
};
