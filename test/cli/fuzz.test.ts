import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs, readdirSync, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mulberry32 } from '../../bench/generate';
import { HOSTILE_PIECES } from '../helpers/hostile';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
/** Seeded; `FUZZ_SEED=n` replays a failure. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);

/** The pieces of a hostile file, and a value far longer than any message may quote. */
const HOSTILE = [...HOSTILE_PIECES, 'x'.repeat(5000)];

function hostile(text: string, next: () => number): string {
  let result = text;
  for (let edit = 0; edit < 1 + Math.floor(next() * 12); edit++) {
    const at = Math.floor(next() * (result.length + 1));
    result =
      next() < 0.6
        ? result.slice(0, at) + HOSTILE[Math.floor(next() * HOSTILE.length)] + result.slice(at)
        : result.slice(0, at) + result.slice(at + Math.floor(next() * 30));
  }
  return result;
}

describe(`the CLI on hostile files, in every output format (seed ${SEED}; FUZZ_SEED=${SEED} replays it)`, function () {
  this.timeout(120_000);
  let folder: string;
  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-cli-fuzz-'));
    const next = mulberry32(SEED);
    const examples = readdirSync(path.join(ROOT, 'examples')).filter((name) => name.endsWith('.yaml'));
    for (let index = 0; index < 24; index++) {
      const name = examples[index % examples.length];
      const text = readFileSync(path.join(ROOT, 'examples', name), 'utf8');
      await fs.writeFile(path.join(folder, `${index}-${name}`), hostile(text, next));
    }
  });
  after(() => fs.rm(folder, { recursive: true, force: true }));

  const runs: [command: string, format?: string][] = [
    ['check', 'text'],
    ['check', 'json'],
    ['check', 'sarif'],
    ['coverage', 'markdown'],
    ['coverage', 'json'],
    ['coverage', 'html'],
    ['gate'],
  ];
  for (const [command, format] of runs) {
    it(`${command}${format ? ` --format ${format}` : ''} reports, and neither crashes nor hangs`, () => {
      const result = spawnSync(process.execPath, [CLI, command, '.', ...(format ? ['--format', format] : [])], {
        cwd: folder,
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      assert.ok(result.error === undefined, `ran: ${result.error}`);
      assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
      assert.ok(!/\n\s+at .+:\d+:\d+/.test(result.stderr), `no stack trace: ${result.stderr}`);
      // JSON is data: the parser reads every character back as written. Anything a person reads shows no NUL, no
      // bidirectional override and no terminal escape sequence raw.
      if (format === 'json' || format === 'sarif') assert.doesNotThrow(() => JSON.parse(result.stdout));
      // eslint-disable-next-line no-control-regex -- the control characters are what the test looks for
      else assert.ok(!/[\u0000\u202e\u001b]/.test(result.stdout), 'control and bidirectional characters are shown');
    });
  }
});
