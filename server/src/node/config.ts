import { promises as fs } from 'fs';
import * as path from 'path';
import * as os from 'os';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { CONFIG_FILE_NAME, ProjectConfig } from '../engine/config';
import { CATALOG_SCAN_LIMITS, UnreadCatalog } from '../engine/rule';
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
 * The team catalogs the configuration names (paths or globs relative to its folder, possibly outside it), and the
 * entries not read and why (the `catalog-not-read` findings). A glob must start under a named folder: one that would
 * search from the filesystem root or the home folder (`/**`, `~/**`) is refused; links to folders are not walked, a
 * scan goes at most MAX_DEPTH deep, and one entry yields at most CATALOG_SCAN_LIMITS.files catalogs found within
 * CATALOG_SCAN_LIMITS.seconds. In an untrusted workspace, `inWorkspace` keeps the catalogs outside it unread.
 */
export async function configuredCatalogs(
  config: ProjectConfig,
  configFolder: string,
  { inWorkspace }: { inWorkspace?: (file: string) => boolean } = {},
): Promise<{ files: string[]; unread: UnreadCatalog[] }> {
  const files = new Set<string>();
  const unread: UnreadCatalog[] = [];
  // One search per entry, so that a finding can name the entry that was cut short.
  for (const entry of config.catalogs) {
    const why = unboundedGlob(entry, configFolder);
    if (why) {
      unread.push({ entry, why });
      continue;
    }
    let found: string[];
    try {
      found = await glob(entry, {
        cwd: configFolder,
        absolute: true,
        dot: true,
        expandDirectories: false,
        followSymbolicLinks: false,
        deep: MAX_DEPTH,
        signal: AbortSignal.timeout(CATALOG_SCAN_LIMITS.seconds * 1000),
      });
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError' && (error as Error).name !== 'AbortError') throw error;
      unread.push({ entry, why: 'timed-out' });
      continue;
    }
    const catalogs = found
      .filter((file) => file.endsWith(CATALOG_FILE_SUFFIX))
      .map((file) => path.normalize(file))
      .sort();
    if (catalogs.length > CATALOG_SCAN_LIMITS.files) {
      unread.push({ entry, why: 'too-many' });
      catalogs.length = CATALOG_SCAN_LIMITS.files;
    }
    const readable = inWorkspace ? catalogs.filter(inWorkspace) : catalogs;
    if (readable.length < catalogs.length) unread.push({ entry, why: 'restricted-mode' });
    for (const file of readable) files.add(file);
  }
  return { files: [...files].sort(), unread };
}

/** Why a glob would search too much of the disk: from the filesystem root, or from the home folder or above it. */
export function unboundedGlob(
  pattern: string,
  configFolder: string,
  home = os.homedir(),
): 'glob-from-root' | 'glob-from-home' | undefined {
  if (pattern.startsWith('~')) return 'glob-from-home';
  const { isGlob, base } = picomatch.scan(pattern);
  if (!isGlob) return undefined;
  const folder = path.resolve(configFolder, base);
  if (folder === path.parse(folder).root) return 'glob-from-root';
  if (pathWithin(folder, home) !== undefined) return 'glob-from-home';
  return undefined;
}
