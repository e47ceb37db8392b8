import { promises as fs } from 'fs';
import * as path from 'path';
import { styleText } from 'util';
import { URI } from 'vscode-uri';
import { CONFIG_FILE, DEFAULT_CONFIG } from '../engine/config';
import type { NotRead } from '../engine/rule';
import type { SuppressedFinding } from '../engine/suppressions';
import { parseFile } from '../engine/workspace';
import { CoverageSummary, EngineDiagnostic, projectConfigOf, Severity, Workspace } from '../engine';
import { configuredCatalogs, findConfigFile } from '../node/config';
import {
  DEFAULT_FILE_SETTINGS,
  FileSettings,
  fileSettingsOf,
  findAnalysedFiles,
  jobOf,
  pathWithin,
  readContained,
  ReadLimits,
  realRoots,
} from '../node/files';
import { parseAll, ParseJob } from '../node/parallelParse';
import { plural } from '../engine/text';
import { sarifLog } from './sarif';
import { appendStepSummary, checkStepSummary, findingCommands } from './github';
import { showInvisible } from '../../../shared/markdown';

export class UsageError extends Error {}

type Suppressed = SuppressedFinding<EngineDiagnostic>;

export interface CheckOptions extends LoadOptions {
  format: 'text' | 'json' | 'sarif' | 'github';
  maxWarnings?: number;
  color: boolean;
}

interface CheckedFile {
  path: string;
  uri: string;
}

export function reportRuleError(code: string, uri: string, error: unknown): void {
  process.stderr.write(`abuse-cases: internal error in rule '${code}' on ${uri}: ${String(error)}\n`);
}

/** Where the analysis starts from: the command-line paths, a day, a configuration file. */
export interface LoadOptions {
  /** Evaluate risk acceptances as of this day (YYYY-MM-DD) instead of today. */
  today?: string;
  /** An explicit configuration file; otherwise the nearest abuse-cases.config.yaml above the first path is used. */
  config?: string;
  /** How many threads parse the files (default: one per core). */
  threads?: number;
}

interface LoadedConfig {
  path: string;
  uri: string;
  text: string;
  folder: string;
  notRead?: NotRead;
}

/**
 * Resolves the command-line paths to the analysed files; a path that does not exist is a usage error.
 * A folder is searched with the configuration's globs, which are relative to the configuration's folder.
 */
export async function collectFiles(
  paths: string[],
  settings: FileSettings = DEFAULT_FILE_SETTINGS,
  root?: string,
): Promise<string[]> {
  const found = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`no such file or folder: ${given}`);
    if (!stat.isDirectory()) found.add(absolute);
    else if (root && pathWithin(root, absolute) !== undefined) {
      for (const file of await findAnalysedFiles(root, settings))
        if (pathWithin(absolute, file) !== undefined) found.add(file);
    } else for (const file of await findAnalysedFiles(absolute, settings)) found.add(file);
  }
  return [...found];
}

async function loadConfig(paths: string[], explicit?: string): Promise<LoadedConfig | undefined> {
  let configPath: string | undefined;
  if (explicit !== undefined) {
    configPath = path.resolve(explicit);
  } else {
    const first = path.resolve(paths[0] ?? '.');
    const stat = await fs.stat(first).catch(() => undefined);
    configPath = await findConfigFile(stat?.isDirectory() ? first : path.dirname(first));
  }
  if (!configPath) return undefined;
  const folder = path.dirname(configPath);
  const read = await readContained(configPath, {
    roots: await realRoots([folder]),
    maxBytes: DEFAULT_CONFIG.maxFileBytes,
  });
  if (read === undefined && explicit !== undefined)
    throw new UsageError(`cannot read the configuration file ${explicit}`);
  return { path: configPath, folder, ...jobOf(URI.file(configPath).toString(), read) };
}

/**
 * The files of the command line in one engine workspace under the project configuration, or
 * the exit code of a usage error (already reported): a path that does not exist, or no file at all.
 * The configuration file is one of the files, so that its own problems are reported too.
 */
export async function loadWorkspace(
  paths: string[],
  options: LoadOptions = {},
): Promise<{ files: CheckedFile[]; workspace: Workspace } | number> {
  const workspace = new Workspace({
    today: options.today ? () => options.today! : undefined,
    // The reports need models and findings, not YAML trees: memory stays flat however many files.
    retainTree: () => false,
    onRuleError: reportRuleError,
  });
  let files: CheckedFile[];
  let configPath: string | undefined;
  let catalogs: string[] = [];
  try {
    const config = await loadConfig(paths, options.config);
    configPath = config?.path;
    let found: string[];
    if (config) {
      workspace.setParsed(parseFile(config.uri, config.text, { rootShape: CONFIG_FILE, notRead: config.notRead }));
      const projectConfig = projectConfigOf(workspace.file(config.uri)!.tree);
      workspace.configure(projectConfig);
      const configured = await configuredCatalogs(projectConfig, config.folder);
      catalogs = configured.files;
      workspace.setUnreadCatalogs(config.uri, configured.unread);
      found = [config.path, ...(await collectFiles(paths, fileSettingsOf(projectConfig), config.folder)), ...catalogs];
    } else {
      found = await collectFiles(paths);
    }
    files = [...new Set(found)].sort().map((file) => ({ path: file, uri: URI.file(file).toString() }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`abuse-cases: ${error.message}\n`);
    return 2;
  }
  if (!files.some((file) => file.path !== configPath)) {
    process.stderr.write(`abuse-cases: no *.usecase.yaml files in ${paths.join(', ')}\n`);
    return 2;
  }
  // Reading stays inside what the command line named, the configuration's folder and the catalogs it names.
  const limits: ReadLimits = {
    roots: await realRoots([...paths, configPath && path.dirname(configPath), ...catalogs]),
    maxBytes: workspace.config.maxFileBytes,
  };
  const jobs: ParseJob[] = [];
  for (const file of files)
    if (!workspace.has(file.uri)) jobs.push(jobOf(file.uri, await readContained(file.path, limits)));
  // The bundle that runs this command is also the worker script.
  const parsed = await parseAll(jobs, {
    workerScript: require.main?.filename ?? process.argv[1],
    threads: options.threads,
    onRuleError: reportRuleError,
  });
  for (const file of parsed) workspace.setParsed(file);
  return { files, workspace };
}

export async function runCheck(paths: string[], options: CheckOptions): Promise<number> {
  const loaded = await loadWorkspace(paths, options);
  if (typeof loaded === 'number') return loaded;
  const results = loaded.files.map((file) => ({
    file,
    diagnostics: loaded.workspace.diagnostics(file.uri),
    suppressed: loaded.workspace.suppressed(file.uri),
  }));
  return reportCheck(loaded, results, options);
}

/** A finding of the base that the change fixed, as `check --base --format json` lists it. */
export interface FixedFinding {
  path: string;
  code: string;
  severity: Severity;
  message: string;
}

/** What `check --base` reports besides the new findings: the revision as given, and what the change fixed. */
export interface SinceBase {
  ref: string;
  fixed: FixedFinding[];
}

/**
 * Prints the findings in the chosen format and returns the exit code they make: all of them, or with `--base` only the
 * ones the change introduced (`since` says what it fixed).
 */
export async function reportCheck(
  { files, workspace }: { files: CheckedFile[]; workspace: Workspace },
  results: { file: CheckedFile; diagnostics: EngineDiagnostic[]; suppressed?: readonly Suppressed[] }[],
  options: CheckOptions,
  since?: SinceBase,
): Promise<number> {
  const counts = countBySeverity(results.flatMap((result) => result.diagnostics));
  // Suppressed findings are counted apart: they fail nothing, and the reports say how many there are.
  const suppressed = results.reduce((sum, result) => sum + (result.suppressed?.length ?? 0), 0);
  const coverage = workspace.coverageSummary();

  if (options.format === 'sarif') {
    const checked = new Map(
      results.map(({ file, diagnostics, suppressed: quiet }) => [
        file.uri,
        { path: file.path, lineIndex: workspace.file(file.uri)!.lineIndex, diagnostics, suppressed: quiet },
      ]),
    );
    process.stdout.write(
      `${JSON.stringify(
        sarifLog([...checked.values()], process.cwd(), (uri) => checked.get(uri)),
        null,
        2,
      )}\n`,
    );
    // The log stays valid SARIF on stdout; what the change fixed goes to the job's log.
    if (since) process.stderr.write(`${sinceSummary(counts, since)}\n`);
  } else if (options.format === 'json') {
    const asJson = (uri: string, d: EngineDiagnostic) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: workspace.file(uri)!.lineIndex.rangeOf(d.range),
    });
    const json = {
      files: results.map(({ file, diagnostics, suppressed: quiet = [] }) => ({
        path: displayPath(file.path),
        diagnostics: diagnostics.map((d) => asJson(file.uri, d)),
        // Each with the reasons its suppression comments give (those without one give none).
        suppressed: quiet.map(({ finding, by }) => ({
          ...asJson(file.uri, finding),
          reasons: by.flatMap((directive) => (directive.reason === undefined ? [] : [directive.reason])),
        })),
      })),
      summary: { files: files.length, ...counts, suppressed, coverage },
    };
    process.stdout.write(`${JSON.stringify(since ? { ...json, base: since } : json, null, 2)}\n`);
  } else if (options.format === 'github') {
    const annotated = results.map(({ file, diagnostics }) => ({
      path: file.path,
      lineIndex: workspace.file(file.uri)!.lineIndex,
      diagnostics,
    }));
    const summary = [
      since ? sinceSummary(counts, since) : problemSummary(counts, files.length, suppressed),
      coverageLine(coverage),
    ];
    process.stdout.write(`${[...findingCommands(annotated, process.cwd()), ...summary].join('\n')}\n`);
    await appendStepSummary(checkStepSummary(counts, files.length, summary, since?.ref));
  } else {
    const paint = (style: Parameters<typeof styleText>[0], text: string) =>
      options.color && process.stdout.isTTY && !process.env.NO_COLOR ? styleText(style, text) : text;
    const lines: string[] = [];
    for (const { file, diagnostics } of results) {
      const lineIndex = workspace.file(file.uri)!.lineIndex;
      for (const d of diagnostics) {
        const { line, character } = lineIndex.positionAt(d.range.start);
        const severity = paint(SEVERITY_STYLE[d.severity], SEVERITY_LABEL[d.severity]);
        lines.push(
          `${displayPath(file.path)}:${line + 1}:${character + 1} ${severity} ${paint('dim', d.code)} ${d.message}`,
        );
      }
    }
    if (lines.length) lines.push('');
    lines.push(
      since ? sinceSummary(counts, since) : problemSummary(counts, files.length, suppressed),
      coverageLine(coverage),
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  const tooManyWarnings = options.maxWarnings !== undefined && counts.warnings > options.maxWarnings;
  if (tooManyWarnings && (options.format === 'text' || options.format === 'github')) {
    process.stdout.write(
      `${counts.warnings}${since ? ' new' : ''} warnings is more than --max-warnings ${options.maxWarnings}.\n`,
    );
  }
  return counts.errors > 0 || tooManyWarnings ? 1 : 0;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  information: 'info',
  hint: 'hint',
};
const SEVERITY_STYLE: Record<Severity, Parameters<typeof styleText>[0]> = {
  error: 'red',
  warning: 'yellow',
  information: 'blue',
  hint: 'gray',
};

interface Counts {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
}

function countBySeverity(diagnostics: EngineDiagnostic[]): Counts {
  const counts: Counts = { errors: 0, warnings: 0, information: 0, hints: 0 };
  const key: Record<Severity, keyof Counts> = {
    error: 'errors',
    warning: 'warnings',
    information: 'information',
    hint: 'hints',
  };
  for (const d of diagnostics) counts[key[d.severity]]++;
  return counts;
}

/** `2 problems (1 error, 1 warning, 0 infos, 0 hints) in 3 files; 1 finding suppressed.` */
function problemSummary(counts: Counts, files: number, suppressed = 0): string {
  const total = counts.errors + counts.warnings + counts.information + counts.hints;
  const checked = plural(files, 'file');
  const quiet = suppressed ? `; ${plural(suppressed, 'finding')} suppressed` : '';
  if (total === 0) return `No problems in ${checked}${quiet}.`;
  const parts = [
    plural(counts.errors, 'error'),
    plural(counts.warnings, 'warning'),
    plural(counts.information, 'info', 'infos'),
    plural(counts.hints, 'hint'),
  ];
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${checked}${quiet}.`;
}

/** `3 new findings (1 error, 2 warnings), 1 fixed since main.`: what `check --base` says instead of the problem count. */
function sinceSummary(counts: Counts, since: SinceBase): string {
  const total = counts.errors + counts.warnings + counts.information + counts.hints;
  const parts = [
    plural(counts.errors, 'error'),
    plural(counts.warnings, 'warning'),
    plural(counts.information, 'info', 'infos'),
    plural(counts.hints, 'hint'),
  ].filter((part) => !part.startsWith('0 '));
  const found = total === 0 ? 'No new findings' : `${plural(total, 'new finding')} (${parts.join(', ')})`;
  return `${found}, ${since.fixed.length || 'none'} fixed since ${showInvisible(since.ref)}.`;
}

export function coverageLine(coverage: CoverageSummary): string {
  const percent = coverage.requiredDimensions
    ? ` (${Math.round((100 * coverage.coveredDimensions) / coverage.requiredDimensions)}%)`
    : '';
  return [
    `Coverage: ${coverage.coveredDimensions}/${coverage.requiredDimensions} required CIA dimensions have an abuse case${percent}`,
    `${coverage.closedAbuseCases}/${plural(coverage.abuseCases, 'abuse case')} mitigated or accepted`,
    `${plural(coverage.openHighRisks, 'high risk')} open`,
  ].join(' · ');
}

export function displayPath(absolute: string): string {
  return pathWithin(process.cwd(), absolute) || absolute;
}
