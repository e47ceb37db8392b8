import { parse } from 'yaml';
import { ID_KINDS, Occurrence } from '../occurrences';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { definitionsOfId, idAt } from './references';

/** Why a rename cannot be done, in words for the user. */
export interface Refusal {
  refused: string;
}

/** What F2 offers to rename: the id under the cursor, inside its quotes. */
export function prepareRenameAt(
  workspace: Workspace,
  uri: string,
  offset: number,
): { range: OffsetRange; placeholder: string } | Refusal | undefined {
  const at = idAt(workspace, uri, offset);
  if (!at) return undefined;
  const refusal = builtInRefusal(workspace, at);
  if (refusal) return refusal;
  const text = workspace.file(uri)!.text;
  const quoted = isQuoted(text.slice(at.range.start, at.range.end));
  const range = quoted ? { start: at.range.start + 1, end: at.range.end - 1 } : at.range;
  return { range, placeholder: at.id };
}

/** One file's replacements, in document order. */
export interface FileEdits {
  uri: string;
  edits: { range: OffsetRange; newText: string }[];
}

/**
 * Renames the id under the cursor everywhere it is written, its definitions and references in every file, keeping
 * each scalar's quoting; refused when the new id is not a valid one of its kind, or is taken by one of the same kind.
 */
export function renameAt(
  workspace: Workspace,
  uri: string,
  offset: number,
  newName: string,
): FileEdits[] | Refusal | undefined {
  const at = idAt(workspace, uri, offset);
  if (!at) return undefined;
  const refusal = builtInRefusal(workspace, at) ?? nameRefusal(workspace, at, newName);
  if (refusal) return refusal;
  if (newName === at.id) return [];
  const byUri = new Map<string, FileEdits>();
  for (const occurrence of workspace.occurrencesOf(at.kind, at.id)) {
    const text = workspace.file(occurrence.uri)!.text;
    const written = text.slice(occurrence.range.start, occurrence.range.end);
    let file = byUri.get(occurrence.uri);
    if (!file) byUri.set(occurrence.uri, (file = { uri: occurrence.uri, edits: [] }));
    file.edits.push({ range: occurrence.range, newText: writtenLike(written, newName) });
  }
  return [...byUri.values()];
}

/** A built-in template, data class or capability has no file to change: a team writes its own instead. */
function builtInRefusal(workspace: Workspace, at: Occurrence): Refusal | undefined {
  const kind = ID_KINDS[at.kind];
  if (!kind.builtIn(at.id) || definitionsOfId(workspace, at).length > 0) return undefined;
  return {
    refused: `\`${at.id}\` is a built-in ${kind.noun}: it cannot be renamed. Define a ${kind.noun} of your own with the name you want, and name that one instead.`,
  };
}

function nameRefusal(workspace: Workspace, at: Occurrence, newName: string): Refusal | undefined {
  const kind = ID_KINDS[at.kind];
  if (!kind.pattern.test(newName))
    return { refused: `\`${newName}\` is not a valid ${kind.noun} name: write ${kind.shape}.` };
  if (newName === at.id) return undefined;
  const taken = definitionsOfId(workspace, { kind: at.kind, id: newName });
  if (taken.length > 0) {
    const where = taken[0].uri.split('/').pop();
    return { refused: `\`${newName}\` is already the id of a ${kind.noun} (in ${where}): pick a name not taken.` };
  }
  if (kind.builtIn(newName))
    return { refused: `\`${newName}\` is already a built-in ${kind.noun}: pick another name.` };
  // A release is defined by being named: renaming onto one that items ship in would merge the two.
  if (at.kind === 'release' && workspace.occurrencesOf('release', newName).length > 0)
    return { refused: `\`${newName}\` is already a release: renaming would merge the two.` };
  return undefined;
}

function isQuoted(written: string): boolean {
  return written.length >= 2 && (written[0] === '"' || written[0] === "'");
}

/** The new name written as the old one was: in the same quotes, or plain unless YAML would read it as no string. */
function writtenLike(written: string, name: string): string {
  if (written.startsWith('"')) return JSON.stringify(name);
  if (written.startsWith("'")) return `'${name.replace(/'/g, "''")}'`;
  const read: unknown = parse(name);
  // `true` or `null` would be a boolean or nothing; `2027.10` stays a version, as the engine reads what is written.
  return typeof read === 'string' || typeof read === 'number' ? name : JSON.stringify(name);
}
