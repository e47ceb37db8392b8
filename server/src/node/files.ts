import { promises as fs } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';
import { CATALOG_FILE_SUFFIX, USE_CASE_FILE_SUFFIX } from '../engine/format';

/** The files the tools analyse: use cases and team threat catalogs. */
export const ANALYSED_FILE_GLOB = `**/*{${USE_CASE_FILE_SUFFIX},${CATALOG_FILE_SUFFIX}}`;
const IGNORED = ['**/node_modules/**', '**/.git/**'];

export function isAnalysedFile(filePath: string): boolean {
  return filePath.endsWith(USE_CASE_FILE_SUFFIX) || filePath.endsWith(CATALOG_FILE_SUFFIX);
}

/** Every analysed file under a folder, as absolute paths in a stable order. */
export async function findAnalysedFiles(folder: string): Promise<string[]> {
  const found = await glob(ANALYSED_FILE_GLOB, { cwd: folder, absolute: true, ignore: IGNORED, dot: false });
  return found.map((file) => path.normalize(file)).sort();
}

export async function readText(filePath: string): Promise<string | undefined> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch {
    return undefined;
  }
}
