import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../../../package.json';
import { isValidDate } from '../engine/model';
import { runCheck } from './check';
import { runCoverage } from './coverage';

/** Usage errors exit with 2, findings with 1: CI can tell a broken pipeline from a failing gate. */
export const EXIT_USAGE = 2;

function nonNegativeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('expected a whole number >= 0.');
  return parsed;
}

export function createProgram(): Command {
  const program = new Command('abuse-cases')
    .description('Check use cases and their abuse cases: CIA coverage, mitigations and the backlog items that build them.')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('check')
    .description('Report the problems in *.usecase.yaml files and a coverage summary.')
    .argument('[paths...]', 'files or folders to check (folders are searched for *.usecase.yaml)', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--max-warnings <n>', 'fail when there are more warnings than this', nonNegativeInteger)
    .option('--no-color', 'print without colours')
    .addOption(todayOption())
    .action(async (paths: string[], options: { format: 'text' | 'json' | 'sarif'; maxWarnings?: number; color: boolean; today?: string }) => {
      process.exitCode = await runCheck(paths, options);
    });

  program
    .command('coverage')
    .description('Print the security coverage per backlog item and per use case: required vs covered vs mitigated, open risks.')
    .argument('[paths...]', 'files or folders (folders are searched for *.usecase.yaml)', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .addOption(todayOption())
    .action(async (paths: string[], options: { format: 'markdown' | 'json'; today?: string }) => {
      process.exitCode = await runCoverage(paths, options);
    });

  return program;
}

/** Risk acceptances expire; a fixed day makes a report reproducible (audits, golden files). */
function todayOption(): Option {
  return new Option('--today <date>', 'evaluate risk acceptances as of this day (YYYY-MM-DD)').argParser((value: string) => {
    if (!isValidDate(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
    return value;
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

void main(process.argv);
