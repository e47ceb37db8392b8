/** The findings that say a document is malformed: a feature that inserts text must never cause one. */
export const STRUCTURAL_CODES = [
  'syntax',
  'unknown-key',
  'missing-field',
  'wrong-type',
  'invalid-value',
  'invalid-id',
  'duplicate-id',
];
