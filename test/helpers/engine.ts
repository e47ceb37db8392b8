import * as assert from 'assert';
import { EngineDiagnostic, Workspace } from '../../server/src/engine';
import type { HostFacts } from '../../server/src/engine/rule';
import { parseFile } from '../../server/src/engine/workspace';
import { dedent, marked } from './marked';

export const TODAY = '2026-11-24';
export const MAIN_URI = 'file:///workspace/main.usecase.yaml';

export interface Finding extends EngineDiagnostic {
  /** The text the diagnostic covers, so failures read like the document. */
  covers: string;
}

/** Analyses `text` as main.usecase.yaml, with `others` (uri → text) in the same workspace. */
export function analyse(text: string, others: Record<string, string> = {}, today = TODAY, host?: HostFacts): Finding[] {
  const workspace = new Workspace({ today: () => today });
  for (const [uri, other] of Object.entries(others)) workspace.set(uri, dedent(other));
  if (host) workspace.setParsed(parseFile(MAIN_URI, text, host));
  else workspace.set(MAIN_URI, text);
  return workspace.diagnostics(MAIN_URI).map((d) => ({ ...d, covers: text.slice(d.range.start, d.range.end) }));
}

/**
 * Asserts that `code` fires exactly on the ⟦marked⟧ ranges of the document,
 * and returns those findings for further checks on messages and data.
 */
export function expectFindings(
  code: string,
  source: string,
  others: Record<string, string> = {},
  today = TODAY,
): Finding[] {
  const { text, ranges } = marked(dedent(source));
  const findings = analyse(text, others, today).filter((d) => d.code === code);
  assert.deepStrictEqual(
    findings.map((d) => `${d.range.start}-${d.range.end} ${JSON.stringify(d.covers)}`),
    ranges.map((r) => `${r.start}-${r.end} ${JSON.stringify(text.slice(r.start, r.end))}`),
    `ranges of '${code}': ${findings.map((d) => d.message).join(' / ')}`,
  );
  return findings;
}

/** Asserts that `code` does not fire on the document. */
export function expectNoFindings(
  code: string,
  source: string,
  others: Record<string, string> = {},
  today = TODAY,
): void {
  expectFindings(code, source.replace(/[⟦⟧]/g, ''), others, today);
}
