import { promises as fs } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';
import { CONFIG_FILE_NAME, ProjectConfig } from '../engine/config';
import { CATALOG_FILE_SUFFIX } from '../engine/format';

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

/** The team catalogs the configuration names (paths or globs relative to its folder, possibly outside it). */
export async function configuredCatalogs(config: ProjectConfig, configFolder: string): Promise<string[]> {
  if (config.catalogs.length === 0) return [];
  const found = await glob(config.catalogs, { cwd: configFolder, absolute: true, dot: true, expandDirectories: false });
  return found
    .filter((file) => file.endsWith(CATALOG_FILE_SUFFIX))
    .map((file) => path.normalize(file))
    .sort();
}
