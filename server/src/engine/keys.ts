import { DefinitionKind, Namespace, namespaceOf } from './rule';

/**
 * The keys under which the workspace files what one file tells the others (its facts) and records what a check asked
 * (its dependencies). Both sides build them here, so a question and the fact that answers it cannot drift apart:
 * a changed fact re-checks exactly the files whose analysis asked under the same key.
 */
export type FactKey =
  /** A definition of an id in its namespace: its kind and what others read of it (an item's status...). */
  | `def:${string}`
  /** A team template, by id; `tpl:*` is which templates there are. */
  | `tpl:${string}`
  /** The items planned in a sprint, in order. */
  | `sprint:${string}`
  /** The use cases a backlog item builds, and their open abuse cases. */
  | `builds:${string}`
  /** Whether some mitigation names a backlog item. */
  | `mitigates:${string}`
  /** The use cases that name a vendor, and their data classes. */
  | `uses:${string}`
  /** That some file names a product. */
  | `product:${string}`
  /** Where a file's definitions and open abuse cases are. */
  | `layout:${string}`
  /** Which vendors, which feedback the files keep; what they tell their product's baseline; which product each names. */
  | 'vendors'
  | 'feedback'
  | 'baseline'
  | 'products';

/**
 * The kinds of id a reference can name, each its own namespace for references and rename (backlog items, use cases
 * and abuse cases share one: `item`). Adding a kind here, and where it is written in occurrences.ts, is all it takes
 * for definition, references, highlights and rename to know it.
 */
export type IdKind = 'item' | 'template' | 'vendor' | 'feedback' | 'data-class' | 'capability' | 'release';

export const FactKeys = {
  definition: (namespace: Namespace, id: string): FactKey => `def:${indexKey(namespace, id)}`,
  definitionOf: (definition: { kind: DefinitionKind; id: string }): FactKey => `def:${definitionKey(definition)}`,
  /** The index key of a `def:` fact (what follows the prefix), for the keys an edit touched. */
  definitionByIndexKey: (key: string): FactKey => `def:${key}`,
  template: (id: string): FactKey => `tpl:${id}`,
  allTemplates: 'tpl:*' as FactKey,
  sprint: (sprint: string): FactKey => `sprint:${sprint}`,
  builds: (backlogId: string): FactKey => `builds:${backlogId}`,
  mitigates: (backlogId: string): FactKey => `mitigates:${backlogId}`,
  uses: (vendorId: string): FactKey => `uses:${vendorId}`,
  product: (name: string): FactKey => `product:${name}`,
  layout: (uri: string): FactKey => `layout:${uri}`,
  vendors: 'vendors' as FactKey,
  feedback: 'feedback' as FactKey,
  baseline: 'baseline' as FactKey,
  products: 'products' as FactKey,
  isTemplate: (key: FactKey): boolean => key.startsWith('tpl:'),
  isSprint: (key: FactKey): boolean => key.startsWith('sprint:'),
} as const;

/** Template ids live in their own namespace: `link-leakage` the template is not `link-leakage` an abuse case. */
const TEMPLATE_KEY_PREFIX = '\u0000template:';

/** The definitions index's key of an id in a namespace: the id itself for backlog items, use cases and abuse cases. */
export function indexKey(namespace: Namespace, id: string): string {
  if (namespace === 'templates') return `${TEMPLATE_KEY_PREFIX}${id}`;
  return namespace === 'ids' ? id : `\u0000${namespace}:${id}`;
}

export function definitionKey(definition: { kind: DefinitionKind; id: string }): string {
  return indexKey(namespaceOf(definition.kind), definition.id);
}

export function isTemplateIndexKey(key: string): boolean {
  return key.startsWith(TEMPLATE_KEY_PREFIX);
}
