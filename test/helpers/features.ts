import { Workspace } from '../../server/src/engine';
import { MAIN_URI, TODAY } from './engine';
import { dedent, marked } from './marked';

/** A team catalog and a file holding only backlog items, for the cross-file cases. */
export const TEAM_CATALOG_URI = 'file:///workspace/team.abusecatalog.yaml';
export const BACKLOG_URI = 'file:///workspace/backlog.usecase.yaml';

/** The findings that say a document is malformed: a feature that inserts text must never cause one. */
export const STRUCTURAL_CODES = ['syntax', 'unknown-key', 'missing-field', 'wrong-type', 'invalid-value', 'invalid-id', 'duplicate-id'];

/** A workspace holding `text` as `uri` (main.usecase.yaml by default) and `others` (uri → text, dedented). */
export function workspaceWith(text: string, others: Record<string, string> = {}, uri = MAIN_URI): Workspace {
  const workspace = new Workspace({ today: () => TODAY });
  for (const [otherUri, other] of Object.entries(others)) workspace.set(otherUri, dedent(other));
  workspace.set(uri, text);
  return workspace;
}

export interface CursorDocument {
  workspace: Workspace;
  uri: string;
  text: string;
  offset: number;
}

/** Dedents `source`, takes its `|` out as the cursor, and puts the document in a workspace with `others`. */
export function atCursor(source: string, others: Record<string, string> = {}, uri = MAIN_URI): CursorDocument {
  const { text, cursor } = marked(dedent(source), { cursor: true });
  if (cursor === undefined) throw new Error('no | cursor in the test document');
  return { workspace: workspaceWith(text, others, uri), uri, text, offset: cursor };
}

/**
 * What a snippet inserts once the user accepts every default: `${1:text}`
 * becomes text, `${2|a,b|}` its first choice, `$3` and `$0` nothing, and
 * escaped `\$`, `\}`, `\\` their characters.
 */
export function resolveSnippet(snippet: string): string {
  const unescape = (text: string) => text.replace(/\\([$}\\,|])/g, '$1');
  return snippet.replace(
    /\$\{\d+:((?:\\.|[^}\\])*)\}|\$\{\d+\|((?:\\.|[^|\\])*)\|\}|\$\d+|\\([$}\\])/g,
    (_match, placeholder: string | undefined, choices: string | undefined, escaped: string | undefined) => {
      if (placeholder !== undefined) return unescape(placeholder);
      if (choices !== undefined) return unescape(choices.split(/(?<!\\),/)[0]);
      return escaped ?? '';
    },
  );
}

/** How many times each code occurs among the findings. */
export function countByCode(findings: readonly { code: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { code } of findings) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}
