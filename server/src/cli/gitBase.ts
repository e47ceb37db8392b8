import { execFile, ExecFileException } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { showInvisible } from '../../../shared/markdown';
import { CONFIG_FILE } from '../engine/config';
import { parseFile, Workspace } from '../engine/workspace';
import { containedBytes, DEFAULT_FILE_SETTINGS, fileMatcher, fileSettingsOf, jobOf, pathWithin } from '../node/files';
import { parseAll, ParseJob } from '../node/parallelParse';
import { LoadOptions, loadWorkspace, reportRuleError, UsageError } from './check';

/**
 * `--base REF`: the workspace as it was at a git revision, read from git's objects (`ls-tree`, `cat-file`), so that
 * neither the working tree nor the index is touched. Only commands that read run, and none that refreshes the index.
 */

/** The workspace `loadWorkspace` loaded from the files as they are now. */
export type LoadedWorkspace = Exclude<Awaited<ReturnType<typeof loadWorkspace>>, number>;

/** A file of the base: its path as the command line reaches it, and its uri (the same as the current file's). */
export interface BaseFile {
  path: string;
  uri: string;
}

/** The workspace at the base, analysed by the same engine under the current configuration. */
export interface BaseWorkspace {
  /** The revision as the command line gave it (`main`, `HEAD~1`). */
  ref: string;
  /** The commit it names. */
  commit: string;
  files: BaseFile[];
  workspace: Workspace;
}

/** One entry of `git ls-tree -r -l`: a blob (file or link) or a submodule's commit. */
interface TreeEntry {
  /** Relative to the repository's root, with `/`. */
  path: string;
  mode: string;
  type: string;
  object: string;
  size: number;
}

const FILE_MODES = new Set(['100644', '100755']);
const LINK_MODE = '120000';
/** How much a tree listing may print: a listing of a very large repository stays well within it. */
const TREE_LISTING_BYTES = 512 * 1024 * 1024;

class GitFailed extends Error {
  constructor(
    readonly stderr: string,
    /** Git itself was not found. */
    readonly missing: boolean,
  ) {
    super(stderr);
  }
}

/**
 * Runs git to read. `--no-optional-locks` keeps even reading commands from refreshing the index; the repository's
 * file-system monitor, which its configuration may name as a program, is never started.
 */
function git(args: string[], cwd: string, { input = '', maxBuffer = 16 * 1024 * 1024 } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['--no-optional-locks', '-c', 'core.fsmonitor=false', ...args],
      { cwd, encoding: 'buffer', maxBuffer, windowsHide: true },
      (error: ExecFileException | null, stdout: Buffer, stderr: Buffer) => {
        if (error) reject(new GitFailed(stderr.toString('utf8'), error.code === 'ENOENT'));
        else resolve(stdout);
      },
    );
    // A git that stops early (an unknown object) closes its input: the failure is reported above, not here.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

/** Git's first line of complaint, without its `fatal: `. */
const firstLineOf = (stderr: string) =>
  showInvisible(
    stderr
      .split('\n')[0]
      .replace(/^(fatal|error): /, '')
      .trim(),
  );

function usageErrorOf(error: unknown, folder: string): UsageError {
  if (!(error instanceof GitFailed)) throw error;
  if (error.missing) return new UsageError('--base reads the base revision with git, and git was not found');
  if (/not a git repository/i.test(error.stderr)) return new UsageError(`not a git repository: ${folder}`);
  return new UsageError(`git cannot read ${folder}: ${firstLineOf(error.stderr)}`);
}

/**
 * The root of the repository holding `folder`, spelled the way the command line reaches it: git names the root by
 * its real path, and the current files are named through whatever links the command line went through.
 */
async function repositoryRoot(folder: string): Promise<string> {
  let top: string;
  try {
    top = (await git(['rev-parse', '--show-toplevel'], folder)).toString('utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw usageErrorOf(error, folder);
  }
  const realFolder = await fs.realpath(folder);
  return path.resolve(folder, path.relative(realFolder, await fs.realpath(top)));
}

/** The commit a revision names; an unknown one is a usage error, with a hint when the clone is shallow (CI's default). */
async function commitOf(root: string, ref: string): Promise<string> {
  const unknown = async () => {
    const shallow = await git(['rev-parse', '--is-shallow-repository'], root).catch(() => Buffer.from(''));
    const hint =
      shallow.toString('utf8').trim() === 'true'
        ? ' (this clone is shallow: fetch the revision first, for example with fetch-depth: 0 in actions/checkout)'
        : '';
    return new UsageError(`unknown git revision '${showInvisible(ref)}'${hint}`);
  };
  // A revision never starts with a dash; one that does would be read as an option.
  if (!ref || ref.startsWith('-')) throw await unknown();
  try {
    const commit = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root);
    return commit.toString('utf8').trim();
  } catch (error) {
    if (error instanceof GitFailed && error.missing) throw usageErrorOf(error, root);
    throw await unknown();
  }
}

/** Every file of the commit's tree, by its path relative to the repository's root. */
async function readTree(root: string, commit: string): Promise<Map<string, TreeEntry>> {
  const listing = await git(['ls-tree', '-r', '-l', '-z', '--full-tree', commit], root, {
    maxBuffer: TREE_LISTING_BYTES,
  });
  const entries = new Map<string, TreeEntry>();
  for (const record of listing.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/);
    const entryPath = record.slice(tab + 1);
    entries.set(entryPath, { path: entryPath, mode, type, object, size: Number(size) || 0 });
  }
  return entries;
}

/** The contents of some blobs, in one `git cat-file --batch`. */
async function readBlobs(root: string, entries: readonly TreeEntry[]): Promise<Map<string, Buffer>> {
  const objects = new Map(entries.map((entry) => [entry.object, entry.size]));
  if (objects.size === 0) return new Map();
  let expected = 0;
  for (const size of objects.values()) expected += size + 128;
  const output = await git(['cat-file', '--batch'], root, {
    input: `${[...objects.keys()].join('\n')}\n`,
    maxBuffer: expected + 1024,
  });
  // Each blob comes as `<object> blob <size>\n<contents>\n`; an object git lacks as `<object> missing\n`.
  const blobs = new Map<string, Buffer>();
  for (let at = 0; at < output.length;) {
    const endOfHeader = output.indexOf(0x0a, at);
    if (endOfHeader < 0) break;
    const [object, type, size] = output.toString('utf8', at, endOfHeader).split(' ');
    if (type !== 'blob') {
      at = endOfHeader + 1;
      continue;
    }
    const start = endOfHeader + 1;
    blobs.set(object, output.subarray(start, start + Number(size)));
    at = start + Number(size) + 1;
  }
  return blobs;
}

/**
 * A link at the base stands for the file it points to inside the tree, as the current files are read through their
 * links; a link out of the tree, or to a folder, and a submodule are left out.
 */
async function followLinks(root: string, entries: TreeEntry[], tree: Map<string, TreeEntry>): Promise<TreeEntry[]> {
  const links = entries.filter((entry) => entry.mode === LINK_MODE);
  const targets = await readBlobs(root, links);
  return entries.flatMap((entry) => {
    if (FILE_MODES.has(entry.mode)) return [entry];
    if (entry.mode !== LINK_MODE) return [];
    const pointsTo = targets.get(entry.object)?.toString('utf8');
    if (pointsTo === undefined || path.posix.isAbsolute(pointsTo)) return [];
    const target = tree.get(path.posix.normalize(path.posix.join(path.posix.dirname(entry.path), pointsTo)));
    return target && FILE_MODES.has(target.mode) ? [{ ...target, path: entry.path }] : [];
  });
}

/**
 * Which files of the base the command line selects, as `collectFiles` selects the current ones: the files analysed
 * now (the configuration, its catalogs, files named by path), and in each folder named, the files the
 * configuration's globs match (relative to the configuration's folder when the folder lies in it).
 */
async function baseSelection(
  paths: string[],
  current: LoadedWorkspace,
  configFolder: string | undefined,
): Promise<(file: string) => boolean> {
  const currentFiles = new Set(current.files.map((file) => file.path));
  const matches = fileMatcher(configFolder ? fileSettingsOf(current.workspace.config) : DEFAULT_FILE_SETTINGS);
  const folders: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(given);
    if ((await fs.stat(absolute).catch(() => undefined))?.isDirectory()) folders.push(absolute);
  }
  const globRoot = (folder: string) =>
    configFolder !== undefined && pathWithin(configFolder, folder) !== undefined ? configFolder : folder;
  return (file) =>
    currentFiles.has(file) ||
    folders.some((folder) => {
      const relative = pathWithin(globRoot(folder), file);
      return pathWithin(folder, file) !== undefined && relative !== undefined && matches(relative);
    });
}

/**
 * The workspace as it was at `ref`, in the repository holding the first path: the same files selected, read from the
 * commit, under the current configuration (so that what differs is what the change did to the files, not to the
 * thresholds). A file outside the repository is the same at the base as now. Throws a `UsageError` outside a
 * repository or for an unknown revision.
 */
export async function loadBaseWorkspace(
  paths: string[],
  options: LoadOptions,
  current: LoadedWorkspace,
  ref: string,
): Promise<BaseWorkspace> {
  const first = path.resolve(paths[0] ?? '.');
  const folder = (await fs.stat(first).catch(() => undefined))?.isDirectory() ? first : path.dirname(first);
  const root = await repositoryRoot(folder);
  const commit = await commitOf(root, ref);
  const tree = await readTree(root, commit);

  const config = current.files.find((file) => current.workspace.file(file.uri)?.rootShape === CONFIG_FILE);
  const configParsed = config && current.workspace.file(config.uri);
  const selected = await baseSelection(paths, current, config && path.dirname(config.path));
  const entries = await followLinks(
    root,
    [...tree.values()].filter((entry) => selected(path.join(root, entry.path))),
    tree,
  );
  const maxBytes = current.workspace.config.maxFileBytes;
  const blobs = await readBlobs(
    root,
    entries.filter((entry) => entry.size <= maxBytes),
  );

  const workspace = new Workspace({
    today: () => current.workspace.todayDate,
    retainTree: () => false,
    onRuleError: reportRuleError,
    config: current.workspace.config,
  });
  const files: BaseFile[] = [];
  const jobs: ParseJob[] = [];
  for (const entry of entries) {
    const filePath = path.join(root, entry.path);
    const uri = URI.file(filePath).toString();
    files.push({ path: filePath, uri });
    const job = jobOf(
      uri,
      containedBytes(entry.size, maxBytes, () => blobs.get(entry.object) ?? Buffer.alloc(0)),
    );
    if (uri !== config?.uri) jobs.push(job);
    else {
      // The configuration file is analysed as one, whatever its name, with what was said of its catalogs now.
      const unreadCatalogs = configParsed?.unreadCatalogs ?? [];
      workspace.setUnreadCatalogs(uri, unreadCatalogs);
      workspace.setParsed(parseFile(uri, job.text, { rootShape: CONFIG_FILE, notRead: job.notRead, unreadCatalogs }));
    }
  }
  for (const file of current.files)
    if (pathWithin(root, file.path) === undefined) {
      files.push(file);
      workspace.setParsed(current.workspace.file(file.uri)!);
    }
  const parsed = await parseAll(jobs, {
    workerScript: require.main?.filename ?? process.argv[1],
    threads: options.threads,
    onRuleError: reportRuleError,
  });
  for (const file of parsed) workspace.setParsed(file);
  return { ref, commit, files: files.sort((a, b) => a.path.localeCompare(b.path)), workspace };
}
