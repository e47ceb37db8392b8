import { didYouMean } from '../didYouMean';
import { Rule } from '../rule';
import { withArticle } from '../format';
import { isMergeKey, nodeRange, scalarText } from '../yamlTree';
import { isScalar } from 'yaml';
import { quoted } from '../quote';

export const unknownKey: Rule = {
  code: 'unknown-key',
  scope: 'file',
  severity: 'warning',
  description: 'A key that the format does not define at this place (often a typo).',
  docs: {
    rationale:
      'A misspelt key is silently ignored by every tool, so the information it carries is lost: `threatns:` leaves the abuse case threatening nothing. The message suggests the closest key when there is one.',
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actr: Customer\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n',
  },
  check(context) {
    for (const object of context.tree.objects) {
      const allowed = Object.keys(object.shape.fields);
      const unused = allowed.filter((key) => !object.pairs.has(key));
      for (const pair of object.node.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const name = scalarText(key);
        if (typeof key.value === 'string' && Object.hasOwn(object.shape.fields, name)) continue;
        // A merge key that merged is not a key of the object; one whose value is no mapping is reported as unknown.
        if (isMergeKey(key) && object.pairs.get('<<')?.key !== key) continue;
        const suggestion = didYouMean(name, unused);
        const hint = suggestion ? ` Did you mean ${quoted(suggestion)}?` : ` Expected one of: ${allowed.join(', ')}.`;
        context.report({
          range: nodeRange(key)!,
          message: `Unknown key ${quoted(name)} in ${withArticle(object.shape.name)}.${hint}`,
          data: suggestion ? { suggestion } : undefined,
        });
      }
    }
  },
};
