import { Workspace } from '../../server/src/engine';
import { MAIN_URI, TODAY } from './engine';
import { dedent, marked } from './marked';

/** A team catalog and a file holding only backlog items, for the cross-file cases. */
export const TEAM_CATALOG_URI = 'file:///workspace/team.abusecatalog.yaml';
export const BACKLOG_URI = 'file:///workspace/backlog.usecase.yaml';

/** A backlog file that also keeps feedback and a vendor: what references in another file resolve to. */
export const BACKLOG_FILE = `
  feedback:
    - id: FB-12
      summary: Let me export my roadmap as a PDF
  vendors:
    - id: mailer
      name: Mailer
  backlog:
    - id: RM-7
      title: Export as PDF
      release: "2027.1"
      source:
        kind: feedback
        ref: FB-12
`;

export { STRUCTURAL_CODES } from './structural';

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
 * becomes text, `${2|a,b|}` its first choice, a mirror `$1` what its tab stop
 * holds, an empty `$3` and `$0` nothing, and escaped `\$`, `\}`, `\\` their characters.
 */
export function resolveSnippet(snippet: string): string {
  const unescape = (text: string) => text.replace(/\\([$}\\,|])/g, '$1');
  const stop = /\$\{(\d+):((?:\\.|[^}\\])*)\}|\$\{(\d+)\|((?:\\.|[^|\\])*)\|\}|\$(\d+)|\\([$}\\])/g;
  const defaults = new Map<string, string>();
  for (const match of snippet.matchAll(stop)) {
    if (match[1] !== undefined) defaults.set(match[1], unescape(match[2]));
    else if (match[3] !== undefined) defaults.set(match[3], unescape(match[4].split(/(?<!\\),/)[0]));
  }
  return snippet.replace(
    stop,
    (
      _match,
      _n,
      placeholder: string | undefined,
      _c,
      choices: string | undefined,
      mirror: string | undefined,
      escaped: string | undefined,
    ) => {
      if (placeholder !== undefined) return unescape(placeholder);
      if (choices !== undefined) return unescape(choices.split(/(?<!\\),/)[0]);
      if (mirror !== undefined) return defaults.get(mirror) ?? '';
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
