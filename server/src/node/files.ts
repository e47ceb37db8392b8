import { promises as fs } from 'fs';
import * as path from 'path';
import { glob } from 'tinyglobby';

/** The files the tools analyse; later configurable, today fixed. */
export const USE_CASE_FILE_GLOB = '**/*.usecase.yaml';
export const USE_CASE_FILE_SUFFIX = '.usecase.yaml';
const IGNORED = ['**/node_modules/**', '**/.git/**'];

export function isUseCaseFile(filePath: string): boolean {
  return filePath.endsWith(USE_CASE_FILE_SUFFIX);
}

/** Every use-case file under a folder, as absolute paths in a stable order. */
export async function findUseCaseFiles(folder: string): Promise<string[]> {
  const found = await glob(USE_CASE_FILE_GLOB, { cwd: folder, absolute: true, ignore: IGNORED, dot: false });
  return found.map((file) => path.normalize(file)).sort();
}

export async function readText(filePath: string): Promise<string | undefined> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch {
    return undefined;
  }
}
