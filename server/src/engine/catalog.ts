import builtInCatalog from '../../catalog/threats.json';
import { Dimension, STRIDE } from './format';
import { OffsetRange } from './text';

export interface SuggestedMitigation {
  title: string;
  controls: string[];
}

/** An abuse-case template: what the editor inserts, and what `template:` refers to. */
export interface Template {
  id: string;
  title: string;
  description: string;
  intent: string;
  actor: string;
  threatens: Dimension[];
  stride?: (typeof STRIDE)[number];
  capec: string[];
  /** Why the template claims a CIA dimension that the consequences of its CAPEC patterns do not list. */
  scopeNote?: string;
  cwe: string[];
  data: string[];
  /** The security-baseline capability it belongs to: an abuse case following it answers that question. */
  family?: string;
  keywords: string[];
  likelihood?: string;
  impact?: string;
  mitigations: SuggestedMitigation[];
  /** Where a team template is written; absent for the built-in catalog. */
  origin?: { uri: string; range: OffsetRange };
}

/** The catalog shipped with the tools (server/catalog/threats.json), validated by test/engine/catalog-data.test.ts. */
export const BUILT_IN_TEMPLATES: readonly Template[] = (
  builtInCatalog.templates as Omit<Template, 'capec' | 'cwe'>[]
).map((entry) => ({ capec: [], cwe: [], ...entry }) as Template);

export function capecUrl(id: string): string {
  return `https://capec.mitre.org/data/definitions/${id.replace(/^CAPEC-/, '')}.html`;
}

export function cweUrl(id: string): string {
  return `https://cwe.mitre.org/data/definitions/${id.replace(/^CWE-/, '')}.html`;
}
