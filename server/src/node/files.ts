import { constants, promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../engine/config';
import type { NotRead } from '../engine/rule';
import { CATALOG_FILE_SUFFIX, USE_CASE_FILE_SUFFIX } from '../engine/format';

/** Which files the tools analyse: globs relative to a workspace folder (the `abuseCases.files` settings). */
export interface FileSettings {
  include: string[];
  exclude: string[];
}

export const DEFAULT_FILE_SETTINGS: FileSettings = {
  include: [`**/*${USE_CASE_FILE_SUFFIX}`, `**/*${CATALOG_FILE_SUFFIX}`],
  exclude: ['**/node_modules/**', '**/.git/**'],
};

/**
 * File settings over others (the configuration's over the editor's, the editor's over the defaults):
 * a non-empty `include` replaces the fallback's, an `exclude` (even an empty one) replaces it too.
 */
export function fileSettingsOf(
  given: Partial<FileSettings>,
  fallback: FileSettings = DEFAULT_FILE_SETTINGS,
): FileSettings {
  return {
    include: given.include?.length ? given.include : fallback.include,
    exclude: given.exclude ?? fallback.exclude,
  };
}

/** The glob the server asks the editor to watch: every file that could be analysed under any settings, and the configuration. */
export const WATCHED_FILE_GLOB = `**/{*${USE_CASE_FILE_SUFFIX},*${CATALOG_FILE_SUFFIX},${CONFIG_FILE_NAME}}`;

/** The path of `file` relative to `folder` when it lies inside it ('' for the folder itself), else undefined. */
export function pathWithin(folder: string, file: string): string | undefined {
  const relative = path.relative(folder, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
}

/** Whether a file is one the tools understand at all, whatever the settings. */
export function isAnalysedFile(filePath: string): boolean {
  return filePath.endsWith(USE_CASE_FILE_SUFFIX) || filePath.endsWith(CATALOG_FILE_SUFFIX);
}

/** A matcher for paths relative to a folder. */
export function fileMatcher(settings: FileSettings): (relativePath: string) => boolean {
  const included = picomatch(settings.include, { dot: false });
  const excluded = picomatch(settings.exclude, { dot: true });
  return (relativePath) => {
    const posix = relativePath.split(path.sep).join('/');
    return isAnalysedFile(posix) && included(posix) && !excluded(posix);
  };
}

/** How deep a scan goes below the folder it starts from. */
export const MAX_DEPTH = 32;

/** Every analysed file under a folder, as absolute paths in a stable order. */
export async function findAnalysedFiles(
  folder: string,
  settings: FileSettings = DEFAULT_FILE_SETTINGS,
): Promise<string[]> {
  const matches = fileMatcher(settings);
  const excluded = picomatch(settings.exclude, { dot: true });
  const found: string[] = [];
  // A walk of its own rather than a glob library's: links to files are listed (readContained then reads them only
  // if their target is inside), links to folders are never walked (a link to / would walk the disk), and the
  // walk stops at MAX_DEPTH.
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(path.join(folder, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        // A folder every file of which the exclusions leave out (node_modules, .git) is not entered.
        if (depth < MAX_DEPTH && !excluded(`${child}/x`)) await walk(child, depth + 1);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && matches(child)) {
        found.push(path.join(folder, child));
      }
    }
  };
  await walk('', 0);
  return found.map((file) => path.normalize(file)).sort();
}

/** Where the tools may read, and how much. */
export interface ReadLimits {
  /** Folders (and files) the tools may read under: a link whose target lies outside all of them is not followed. */
  roots: readonly string[];
  maxBytes: number;
}

/** A file's text, or why it was not read (a finding says so); undefined when it does not exist or cannot be read. */
export type ContainedRead = { text: string } | { notRead: string; severity: 'information' | 'warning' };

/**
 * Reads a file the way a hostile repository cannot abuse: only a regular file (a FIFO, device or socket would block
 * or never end), only under the roots (a link pointing elsewhere, at `/etc/passwd` or `/proc/self/environ`, is
 * not followed, and its target is never named), and only up to the size limit. The type and size are checked on
 * the opened descriptor, so a file swapped after the check is not read either.
 */
export async function readContained(filePath: string, limits: ReadLimits): Promise<ContainedRead | undefined> {
  const real = await fs.realpath(filePath).catch(() => undefined);
  if (real === undefined) return undefined;
  if (!limits.roots.some((root) => pathWithin(root, real) !== undefined)) {
    const link = (await fs.lstat(filePath).catch(() => undefined))?.isSymbolicLink();
    return {
      notRead: link
        ? 'Not read: this file is a link to a place outside the workspace, and links out of it are not followed.'
        : 'Not read: this file is outside the workspace.',
      severity: 'information',
    };
  }
  let handle: fs.FileHandle | undefined;
  try {
    // Non-blocking, so that opening a FIFO without a writer returns at once.
    handle = await fs.open(real, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile())
      return { notRead: `Not read: this is ${kindOf(stat)}, not a regular file.`, severity: 'warning' };
    if (stat.size > limits.maxBytes) return { notRead: tooLarge(stat.size, limits.maxBytes), severity: 'warning' };
    // A file that grew since: read no more than the limit, and say so.
    const buffer = Buffer.alloc(Math.min(stat.size, limits.maxBytes) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > limits.maxBytes) return { notRead: tooLarge(bytesRead, limits.maxBytes), severity: 'warning' };
    return decoded(buffer.subarray(0, bytesRead));
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * The real paths of the folders reading may stay under: a folder given, or the folder holding a file given (a
 * link given by name is still not followed out of it).
 */
export async function realRoots(paths: readonly (string | undefined)[]): Promise<string[]> {
  const real = await Promise.all(
    paths.flatMap((given) => {
      if (given === undefined) return [];
      const absolute = path.resolve(given);
      return [
        fs
          .stat(absolute)
          .then((stat) => fs.realpath(stat.isDirectory() ? absolute : path.dirname(absolute)))
          .catch(() => undefined),
      ];
    }),
  );
  return [...new Set(real.filter((root): root is string => root !== undefined))];
}

/** The parse job of a file as `readContained` found it: an unread file is analysed as empty, with its finding. */
export function jobOf(uri: string, read: ContainedRead | undefined): { uri: string; text: string; notRead?: NotRead } {
  if (read === undefined) return { uri, text: '' };
  return 'text' in read
    ? { uri, text: read.text }
    : { uri, text: '', notRead: { message: read.notRead, severity: read.severity } };
}

/**
 * A file read by other means than the file system (a file as it was at a git revision, for `--base`): the same size
 * limit and encoding checks as `readContained`, so that its findings read the same. Its bytes are asked for only
 * when it is within the limit.
 */
export function containedBytes(size: number, maxBytes: number, bytes: () => Buffer): ContainedRead {
  if (size > maxBytes) return { notRead: tooLarge(size, maxBytes), severity: 'warning' };
  return decoded(bytes());
}

/** Byte-order marks of the encodings a file saved by another tool may be in (UTF-32 before UTF-16: FF FE 00 00). */
const BOMS: [bytes: number[], encoding: string][] = [
  [[0xff, 0xfe, 0, 0], 'UTF-32 (little-endian)'],
  [[0, 0, 0xfe, 0xff], 'UTF-32 (big-endian)'],
  [[0xff, 0xfe], 'UTF-16 (little-endian)'],
  [[0xfe, 0xff], 'UTF-16 (big-endian)'],
];

/** The text of UTF-8 bytes; for another encoding, or bytes that are not UTF-8, why the file is not read. */
function decoded(bytes: Buffer): ContainedRead {
  const bom = BOMS.find(([marks]) => marks.every((mark, index) => bytes[index] === mark));
  if (bom)
    return {
      notRead: `Not read: the file is ${bom[1]} text, and the tools read UTF-8. Save it as UTF-8.`,
      severity: 'warning',
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).filter((byte) => byte === 0x0a).length + 1;
    return {
      notRead: `Not read: the file is not UTF-8 text (byte ${at + 1}, on line ${line}, is not valid UTF-8). Save it as UTF-8.`,
      severity: 'warning',
    };
  }
}

/** Where UTF-8 decoding fails: a byte that starts no sequence, or a sequence cut short. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length;) {
    const byte = bytes[index];
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte < 0xe0
          ? 2
          : byte >= 0xe0 && byte < 0xf0
            ? 3
            : byte >= 0xf0 && byte < 0xf5
              ? 4
              : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) if ((bytes[index + next] & 0xc0) !== 0x80) return index;
    index += length;
  }
  return 0;
}

function kindOf(stat: { isFIFO(): boolean; isSocket(): boolean; isDirectory(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'a device';
}

function tooLarge(bytes: number, maxBytes: number): string {
  return `Not analysed: the file has more than ${sizeText(maxBytes)} (${sizeText(bytes)}), the limit set by \`max-file-size\` in ${CONFIG_FILE_NAME}.`;
}

function sizeText(bytes: number): string {
  const megabytes = bytes / 1024 / 1024;
  return megabytes >= 1 ? `${Math.round(megabytes * 10) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
