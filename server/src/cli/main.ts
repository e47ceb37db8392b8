import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../../../package.json';
import { isValidDate } from '../engine/model';
import { isParseWorker, serveParseJobs } from '../node/parallelParse';
import { runCheckSince } from './changeReport';
import { runCheck } from './check';
import { runCoverage } from './coverage';
import { runGate } from './gate';

/** Usage errors exit with 2, findings with 1: CI can tell a broken pipeline from a failing gate. */
export const EXIT_USAGE = 2;

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number >= 0.');
  return parsed;
}

export function createProgram(): Command {
  const program = new Command('abuse-cases')
    .description(
      'Check use cases and their abuse cases: CIA coverage, mitigations and the backlog items that build them.',
    )
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('check')
    .description('Report the problems in *.usecase.yaml files and a coverage summary.')
    .argument('[paths...]', 'files or folders to check (folders are searched for *.usecase.yaml)', ['.'])
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif', 'github']).default('text'),
    )
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-color', 'print without colours')
    .addOption(baseOption('report only the findings introduced since this git revision, and how many were fixed'))
    .addOption(todayOption())
    .addOption(configOption())
    .addOption(threadsOption())
    .action(
      async (
        paths: string[],
        options: {
          format: 'text' | 'json' | 'sarif' | 'github';
          maxWarnings?: number;
          color: boolean;
          base?: string;
          today?: string;
          config?: string;
          threads?: number;
        },
      ) => {
        const { base } = options;
        process.exitCode =
          base === undefined ? await runCheck(paths, options) : await runCheckSince(paths, { ...options, base });
      },
    );

  program
    .command('coverage')
    .description(
      'Print the security coverage per backlog item and per use case: required vs covered vs mitigated, open risks.',
    )
    .argument('[paths...]', 'files or folders (folders are searched for *.usecase.yaml)', ['.'])
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['markdown', 'json', 'html']).default('markdown'),
    )
    .addOption(baseOption('report what the change since this git revision introduced and fixed (markdown or json)'))
    .addOption(releaseOption('report only the backlog items of this release and what they build'))
    .addOption(todayOption())
    .addOption(configOption())
    .addOption(threadsOption())
    .action(
      async (
        paths: string[],
        options: {
          format: 'markdown' | 'json' | 'html';
          base?: string;
          release?: string;
          today?: string;
          config?: string;
          threads?: number;
        },
      ) => {
        process.exitCode = await runCoverage(paths, options);
      },
    );

  program
    .command('gate')
    .description(
      'Fail (exit 1) when a quality-gate threshold of the configuration fails: open high risks, done work with open risks, coverage, security capacity.',
    )
    .argument('[paths...]', 'files or folders (folders are searched for *.usecase.yaml)', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--no-color', 'print without colours')
    .addOption(baseOption('also say what the change since this git revision introduced and fixed'))
    .addOption(releaseOption('judge only the backlog items of this release and what they build'))
    .addOption(todayOption())
    .addOption(configOption())
    .addOption(threadsOption())
    .action(
      async (
        paths: string[],
        options: {
          format: 'text' | 'json' | 'github';
          color: boolean;
          base?: string;
          release?: string;
          today?: string;
          config?: string;
          threads?: number;
        },
      ) => {
        process.exitCode = await runGate(paths, options);
      },
    );

  return program;
}

/** `--release R`: one release's slice of the workspace (backlog items with `release: R`). */
function releaseOption(description: string): Option {
  return new Option('--release <release>', description);
}

/** `--base REF`: the workspace as it was at a git revision, read through git, to review a change against. */
function baseOption(description: string): Option {
  return new Option('--base <ref>', description);
}

/** Risk acceptances expire; a fixed day makes a report reproducible (audits, golden files). */
function todayOption(): Option {
  return new Option('--today <date>', 'evaluate risk acceptances as of this day (YYYY-MM-DD)').argParser(
    (value: string) => {
      if (!isValidDate(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
      return value;
    },
  );
}

function configOption(): Option {
  return new Option(
    '-c, --config <file>',
    'the configuration file (default: the nearest abuse-cases.config.yaml above the first path)',
  );
}

function threadsOption(): Option {
  return new Option(
    '--threads <n>',
    'parse files on this many threads (default: one per core; large inputs only)',
  ).argParser((value: string) => {
    const threads = Number(value);
    if (!Number.isInteger(threads) || threads < 1) throw new InvalidArgumentError('expected a whole number >= 1.');
    return threads;
  });
}

async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
      return;
    }
    process.stderr.write(`abuse-cases: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  }
}

// The same bundle parses files in worker threads for `check`, `coverage` and `gate` (node/parallelParse.ts).
if (isParseWorker()) serveParseJobs();
else void main(process.argv);
