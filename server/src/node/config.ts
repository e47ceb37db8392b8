import { promises as fs } from 'fs';
import * as path from 'path';
import * as os from 'os';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { CONFIG_FILE_NAME, ProjectConfig } from '../engine/config';
import { CATALOG_FILE_SUFFIX } from '../engine/format';
import { MAX_DEPTH, pathWithin } from './files';

/** The nearest abuse-cases.config.yaml in a folder or above it, as eslint and prettier look up theirs. */
export async function findConfigFile(start: string): Promise<string | undefined> {
  let folder = path.resolve(start);
  for (;;) {
    const candidate = path.join(folder, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

async function isFile(filePath: string): Promise<boolean> {
  return (await fs.stat(filePath).catch(() => undefined))?.isFile() === true;
}

/**
 * The team catalogs the configuration names (paths or globs relative to its folder, possibly outside it). A glob
 * must start under a named folder: one that would search from the filesystem root or the home folder (`/**`,
 * `~/**`) is refused, with a message; links to folders are not walked, and a scan goes at most MAX_DEPTH deep.
 */
export async function configuredCatalogs(
  config: ProjectConfig,
  configFolder: string,
  onRefused: (message: string) => void = () => undefined,
): Promise<string[]> {
  if (config.catalogs.length === 0) return [];
  const patterns = config.catalogs.filter((pattern) => {
    const why = unboundedGlob(pattern, configFolder);
    if (why) onRefused(`catalogs: \`${pattern}\` is not searched: ${why}; name the folder that holds the catalogs`);
    return why === undefined;
  });
  if (patterns.length === 0) return [];
  const found = await glob(patterns, {
    cwd: configFolder,
    absolute: true,
    dot: true,
    expandDirectories: false,
    followSymbolicLinks: false,
    deep: MAX_DEPTH,
  });
  return found
    .filter((file) => file.endsWith(CATALOG_FILE_SUFFIX))
    .map((file) => path.normalize(file))
    .sort();
}

/** Why a glob would search too much of the disk: from the filesystem root, or from the home folder or above it. */
export function unboundedGlob(pattern: string, configFolder: string, home = os.homedir()): string | undefined {
  if (pattern.startsWith('~')) return 'a glob from the home folder';
  const { isGlob, base } = picomatch.scan(pattern);
  if (!isGlob) return undefined;
  const folder = path.resolve(configFolder, base);
  if (folder === path.parse(folder).root) return 'a glob from the filesystem root';
  if (pathWithin(folder, home) !== undefined) return 'a glob from the home folder or above it';
  return undefined;
}
