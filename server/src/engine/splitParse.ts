import { Shape } from './format';
import { FileModel } from './model';
import { EngineDiagnostic } from './rule';
import { fromSnapshot, parseFile, ParsedFile } from './workspace';

/**
 * Parsing a large document in two halves at once, on two threads: the head (everything up to an
 * item in the middle of the last top-level list) here, the tail (the rest of that list) elsewhere.
 * A file the server has never seen then gets its first findings in about half the time of a whole
 * parse; the whole tree, which completion and edits need, is parsed right after.
 *
 * The tail is parsed as the same list under its key alone, so each half is a document of its own,
 * checked by the same rules; a half with a syntax error, or a layout this does not recognize,
 * means no split: the caller parses the whole text.
 */
export interface Split {
  /** Where the tail starts: the first line of a list item. */
  at: number;
  /** The top-level key of the list being split, e.g. `use_cases`. */
  key: string;
}

/** Below this size a whole parse is fast enough, and starting the other half costs more than it saves. */
export const SPLIT_MIN_CHARACTERS = 200_000;

const MODEL_LISTS: Record<string, 'backlog' | 'useCases' | 'templates'> = { backlog: 'backlog', use_cases: 'useCases', templates: 'templates' };

/** Where to split a document, if its last top-level key holds a long block list of objects. */
export function planSplit(text: string, rootShape: Shape, minCharacters = SPLIT_MIN_CHARACTERS): Split | undefined {
  if (text.length < minCharacters) return undefined;
  // The last line at column 0 that is not a comment must be the list's key: `use_cases:`.
  const rootLine = /^([^\s#][^\r\n]*)$/gm;
  let last: RegExpExecArray | undefined;
  for (let match = rootLine.exec(text); match; match = rootLine.exec(text)) last = match;
  const keyMatch = last && /^([a-z_]+):[ \t]*(#.*)?\r?$/.exec(last[1]);
  if (!last || !keyMatch || !MODEL_LISTS[keyMatch[1]]) return undefined;
  const spec = rootShape.fields[keyMatch[1]];
  if (spec?.type.kind !== 'list' || spec.type.of.kind !== 'object') return undefined;

  // Its items: lines that start with `- ` at the indentation of the first one.
  const listStart = last.index + last[0].length;
  const firstItem = /^( *)- /m.exec(text.slice(listStart));
  if (!firstItem) return undefined;
  const item = new RegExp(`^${firstItem[1]}- `, 'gm');
  item.lastIndex = listStart;
  const middle = listStart + (text.length - listStart) / 2;
  let at: number | undefined;
  let first = true;
  for (let match = item.exec(text); match; match = item.exec(text)) {
    if (!first && (at === undefined || Math.abs(match.index - middle) < Math.abs(at - middle))) at = match.index;
    first = false;
    if (match.index > middle) break;
  }
  return at === undefined ? undefined : { at, key: keyMatch[1] };
}

/** What parsing the tail gives back (plain data, from another thread): its items' model and findings, at their offsets in the whole text. */
export interface ParsedTail {
  items: FileModel['useCases'] | FileModel['backlog'] | FileModel['templates'];
  fileFindings: EngineDiagnostic[];
}

/** Parses the tail (on the other thread), given the text from `split.at` on; undefined when it has a syntax error. */
export function parseTail(uri: string, tailText: string, split: Split): ParsedTail | undefined {
  const prefix = `${split.key}:\n`;
  const parsed = parseFile(uri, prefix + tailText);
  if (parsed.tree.syntaxProblems.length > 0) return undefined;
  return shiftRanges({ items: parsed.model[MODEL_LISTS[split.key]], fileFindings: [...parsed.fileFindings] }, split.at - prefix.length);
}

/** Parses the head (here, while the other thread parses the tail); undefined when it has a syntax error. */
export function parseHead(uri: string, text: string, split: Split): ParsedFile | undefined {
  const head = parseFile(uri, text.slice(0, split.at));
  return head.tree.syntaxProblems.length > 0 ? undefined : head;
}

/** The whole document from its two halves; its tree is parsed on demand. */
export function joinHalves(text: string, version: number, split: Split, head: ParsedFile, tail: ParsedTail): ParsedFile {
  const list = MODEL_LISTS[split.key];
  const model = { ...head.model, [list]: [...head.model[list], ...tail.items] } as FileModel;
  return fromSnapshot({ uri: head.uri, text, version, model, fileFindings: [...head.fileFindings, ...tail.fileFindings] });
}

/** Moves every offset range ({ start, end }) of a plain object graph by `by`, each once (the model shares some). */
function shiftRanges<T>(value: T, by: number, seen = new Set<object>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const item of value) shiftRanges(item, by, seen);
    return value;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number' && Object.keys(record).length === 2) {
    record.start = record.start + by;
    record.end = record.end + by;
  } else {
    for (const key of Object.keys(record)) shiftRanges(record[key], by, seen);
  }
  return value;
}
