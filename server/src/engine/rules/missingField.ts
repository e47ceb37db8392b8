import { Rule } from '../rule';
import { OffsetRange } from '../text';
import { isEmptyValue, LocatedObject, nodeRange, valueOrKeyRange } from '../yamlTree';
import { isSeq, Node } from 'yaml';
import { quoted } from '../quote';

export const missingField: Rule = {
  code: 'missing-field',
  scope: 'file',
  severity: 'error',
  description: 'A required field is absent or empty.',
  docs: {
    rationale:
      "Every object has a few fields without which it means nothing: an abuse case must say what it threatens, a risk acceptance who accepted it and until when. The finding points at the object's id (or its first key) when the field is absent, and at the key when it is present but empty.",
    bad: 'use_cases:\n  - id: UC-login\n    title: Sign in\n',
    good: 'use_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n',
  },
  check(context) {
    for (const object of context.tree.objects) {
      for (const [field, spec] of Object.entries(object.shape.fields)) {
        if (!spec.required) continue;
        const missing = missingFieldOf(object, field);
        if (!missing) continue;
        const message =
          missing.kind === 'absent'
            ? `This ${object.shape.name} has no ${quoted(field)}.`
            : missing.kind === 'empty-list'
              ? `${quoted(field)} of this ${object.shape.name} is an empty list.`
              : `${quoted(field)} of this ${object.shape.name} has no value.`;
        context.report({ range: missing.range, message, data: { field } });
      }
    }
  },
};

/**
 * Whether `field` of `object` is missing, and where that is reported: on the
 * key of a present but empty value, else on the object's anchor. Shared with
 * the quick fix, so that both agree on which object a finding is about.
 */
export function missingFieldOf(
  object: LocatedObject,
  field: string,
): { kind: 'absent' | 'empty' | 'empty-list'; range: OffsetRange } | undefined {
  const pair = object.pairs.get(field);
  if (!pair) return { kind: 'absent', range: missingFieldAnchor(object) };
  const emptyList = isSeq(pair.value) && pair.value.items.length === 0;
  if (!emptyList && !isEmptyValue(pair.value)) return undefined;
  return { kind: emptyList ? 'empty-list' : 'empty', range: nodeRange(pair.key)! };
}

/**
 * Absent fields are reported on the object's id when it has one, else on the
 * key that holds it (`accepted:`), else on its first key (or the empty mapping).
 */
function missingFieldAnchor(object: LocatedObject): OffsetRange {
  const idPair = object.pairs.get('id');
  if (idPair && !isEmptyValue(idPair.value)) return valueOrKeyRange(idPair);
  return (
    nodeRange(object.ownerKey) ?? nodeRange(object.node.items[0]?.key as Node | undefined) ?? nodeRange(object.node)!
  );
}
