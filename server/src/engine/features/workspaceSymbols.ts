import type { FileModel } from '../model';
import { OffsetRange } from '../text';
import type { ParsedFile } from '../parsedFile';
import type { Workspace } from '../workspace';
import { OutlineKind, OutlineSymbol, outlineOf } from './outline';

/** How many symbols a search answers with: the best matches; a longer query narrows them. */
export const WORKSPACE_SYMBOL_LIMIT = 200;

/** A symbol of the workspace that matches a search. */
export interface WorkspaceSymbol {
  /** The id (see OutlineSymbol). */
  name: string;
  /** The title. */
  detail?: string;
  kind: OutlineKind;
  uri: string;
  /** The id's range, where the editor puts the cursor. */
  range: OffsetRange;
  /** What holds it: the use case of an abuse case, the epic of a story, else the file's name. */
  container: string;
}

/** A symbol with the lower-case texts a search reads. */
interface Searchable extends WorkspaceSymbol {
  id: string;
  title: string;
}

/** Built once per parse, as the outline is. */
const SEARCHABLES = new WeakMap<FileModel, SearchableFile>();

/**
 * A file's symbols, and their ids and titles in one lower-case text (`id\ntitle\n` each) in which a query is looked
 * for: one native search of a file's text finds every symbol that holds it.
 */
interface SearchableFile {
  symbols: readonly Searchable[];
  text: string;
  /** Where each symbol's id starts in the text; its title starts after the id and a line break. */
  starts: Uint32Array;
}

/**
 * The symbols whose id or title matches `query` across the workspace (case-insensitive), best first: an id equal to
 * the query, then ids starting with it, the query at a word's start in an id then in a title, anywhere in an id then
 * in a title, and last the query's characters in order in an id then in a title. Mitigations, which have no id, are
 * left to their abuse case. At most WORKSPACE_SYMBOL_LIMIT; an empty query gives the first ones in file order.
 */
export function workspaceSymbols(workspace: Workspace, query: string): WorkspaceSymbol[] {
  const needle = query.trim().toLowerCase();
  const files = workspace.uris.sort().flatMap((uri) => {
    const file = workspace.file(uri);
    return file ? [searchablesOf(file)] : [];
  });
  if (needle === '')
    return files
      .flatMap((file) => file.symbols)
      .slice(0, WORKSPACE_SYMBOL_LIMIT)
      .map(publicPart);
  // By rank, each in file and document order: no sort of every match, which a short query has thousands of.
  const ranked: Searchable[][] = Object.values(RANKS).map(() => []);
  let contiguous = 0;
  for (const file of files) contiguous += rankContiguous(file, needle, ranked);
  // Scattered matches come after every contiguous one: look for them only when there is room left.
  if (contiguous < WORKSPACE_SYMBOL_LIMIT) {
    const matched = new Set(ranked.flat());
    for (const file of files)
      for (const symbol of file.symbols) {
        if (matched.has(symbol)) continue;
        if (inOrder(symbol.id, needle)) ranked[RANKS.idScattered].push(symbol);
        else if (inOrder(symbol.title, needle)) ranked[RANKS.titleScattered].push(symbol);
      }
  }
  const best: WorkspaceSymbol[] = [];
  for (const symbols of ranked) {
    const room = WORKSPACE_SYMBOL_LIMIT - best.length;
    if (room <= 0) break;
    // A rank that fits whole is sorted, shorter ids first (RM-1 before RM-10); one that overflows keeps file order.
    if (symbols.length <= room) symbols.sort((a, b) => a.id.length - b.id.length || compare(a.id, b.id));
    for (const symbol of symbols.slice(0, room)) best.push(publicPart(symbol));
  }
  return best;
}

const RANKS = {
  idEqual: 0,
  idPrefix: 1,
  idWord: 2,
  titleWord: 3,
  idInside: 4,
  titleInside: 5,
  idScattered: 6,
  titleScattered: 7,
} as const;

/**
 * Files under their best rank the symbols of a file whose id or title holds the needle, found by searching the file's
 * text: its occurrences come in order, and so do the symbols they fall in. Returns how many it filed.
 */
function rankContiguous({ symbols, text, starts }: SearchableFile, needle: string, ranked: Searchable[][]): number {
  let filed = 0;
  let index = 0;
  let best = -1;
  const file = () => {
    if (best < 0) return;
    ranked[best].push(symbols[index]);
    filed++;
    best = -1;
  };
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (index + 1 < symbols.length && starts[index + 1] <= at) {
      file();
      while (index + 1 < symbols.length && starts[index + 1] <= at) index++;
    }
    const idStart = starts[index];
    const idEnd = idStart + symbols[index].id.length;
    const atWord = at === idStart || !isLetterOrDigit(text.charCodeAt(at - 1));
    let rank: number;
    if (at < idEnd) {
      if (at === idStart) rank = at + needle.length === idEnd ? RANKS.idEqual : RANKS.idPrefix;
      else rank = atWord ? RANKS.idWord : RANKS.idInside;
    } else rank = at === idEnd + 1 || atWord ? RANKS.titleWord : RANKS.titleInside;
    if (best < 0 || rank < best) best = rank;
  }
  file();
  return filed;
}

/** Whether a character is a letter or a digit (lower case: the texts searched are). */
function isLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;
}

/** Whether the needle's characters occur in `text` in order, gaps allowed. */
function inOrder(text: string, needle: string): boolean {
  let at = 0;
  for (let index = 0; index < needle.length; index++) {
    at = text.indexOf(needle[index], at) + 1;
    if (at === 0) return false;
  }
  return true;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function publicPart({ name, detail, kind, uri, range, container }: Searchable): WorkspaceSymbol {
  return { name, detail, kind, uri, range, container };
}

/**
 * Builds the files' search lists that are not built yet, for at most `budgetMs`; true once all are. The first search
 * after indexing would build every file's at once (a few hundred milliseconds at 500 files): the language server
 * builds them a slice at a time instead, answering other requests between slices.
 */
export function prepareWorkspaceSymbols(workspace: Workspace, budgetMs: number, now: () => number = Date.now): boolean {
  const startedAt = now();
  let built = 0;
  for (const uri of workspace.uris) {
    const file = workspace.file(uri);
    if (!file || SEARCHABLES.has(file.model)) continue;
    // At least one file a slice, however short the budget.
    if (built++ > 0 && now() - startedAt >= budgetMs) return false;
    searchablesOf(file);
  }
  return true;
}

function searchablesOf(file: ParsedFile): SearchableFile {
  let searchable = SEARCHABLES.get(file.model);
  if (!searchable) {
    const fileName = fileNameOf(file.uri);
    const symbols: Searchable[] = [];
    const add = (outline: readonly OutlineSymbol[], container: string) => {
      for (const symbol of outline) {
        if (symbol.kind === 'mitigation') continue;
        const { name, detail, kind, selectionRange } = symbol;
        symbols.push({
          name,
          detail,
          kind,
          uri: file.uri,
          range: selectionRange,
          container,
          id: name.toLowerCase(),
          title: detail?.toLowerCase() ?? '',
        });
        add(symbol.children, name);
      }
    };
    add(outlineOf(file), fileName);
    const starts = new Uint32Array(symbols.length);
    let length = 0;
    symbols.forEach((symbol, index) => {
      starts[index] = length;
      length += symbol.id.length + symbol.title.length + 2;
    });
    const text = symbols.map((symbol) => `${symbol.id}\n${symbol.title}\n`).join('');
    SEARCHABLES.set(file.model, (searchable = { symbols, text, starts }));
  }
  return searchable;
}

/** The last segment of a uri, as a person reads it. */
function fileNameOf(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
