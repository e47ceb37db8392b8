import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { CONFIG_FILE_NAME } from '../engine/config';
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

/** Every analysed file under a folder, as absolute paths in a stable order. */
export async function findAnalysedFiles(
  folder: string,
  settings: FileSettings = DEFAULT_FILE_SETTINGS,
): Promise<string[]> {
  const found = await glob(settings.include, { cwd: folder, absolute: true, ignore: settings.exclude, dot: false });
  return found
    .filter(isAnalysedFile)
    .map((file) => path.normalize(file))
    .sort();
}

export async function readText(filePath: string): Promise<string | undefined> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch {
    return undefined;
  }
}
