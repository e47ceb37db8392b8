import * as assert from 'assert';
import { promises as fs, readFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mulberry32 } from '../../bench/generate';
import { Workspace } from '../../server/src/engine';
import { LineIndex } from '../../server/src/engine/text';
import { HOSTILE_PIECES } from '../helpers/hostile';
import { fileUri, LspSession } from '../helpers/lspSession';

const ROOT = path.resolve(__dirname, '../../..');
/** Seeded, and bounded in edits and in time; `FUZZ_SEED=n` replays a failure, `FUZZ_EDITS=n` runs longer. */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 100_000);
const EDITS = Number(process.env.FUZZ_EDITS ?? 1500);
const BUDGET_MS = 25_000;

/** An offset an editor can name: never between the CR and the LF of one line end (LSP has no position there). */
function editable(text: string, offset: number): number {
  return text[offset - 1] === '\r' && text[offset] === '\n' ? offset + 1 : offset;
}

function randomEdit(text: string, next: () => number): { start: number; end: number; insert: string } {
  const edit = anyEdit(text, next);
  return {
    ...edit,
    start: editable(text, edit.start),
    end: Math.max(editable(text, edit.start), editable(text, edit.end)),
  };
}

function anyEdit(text: string, next: () => number): { start: number; end: number; insert: string } {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.45) return { start: at, end: at, insert: HOSTILE_PIECES[Math.floor(next() * HOSTILE_PIECES.length)] };
  if (roll < 0.75) return { start: at, end: Math.min(text.length, at + 1 + Math.floor(next() * 12)), insert: '' };
  if (roll < 0.8) return { start: at, end: text.length, insert: '' }; // truncation
  // A line copied elsewhere: valid-looking structure in the wrong place (while the file stays about its size).
  if (text.length > 16_000) return { start: at, end: Math.min(text.length, at + 40), insert: '' };
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  const to = Math.floor(next() * (text.length + 1));
  return { start: to, end: to, insert: text.slice(lineStart, lineEnd) };
}

/** The findings as an editor shows them, for comparing the server with a fresh analysis. */
function shown(diagnostics: { code?: unknown; message: unknown; range: unknown }[]): string[] {
  return diagnostics.map((d) => `${String(d.code)} ${JSON.stringify(d.range)} ${String(d.message)}`).sort();
}

describe(`language server under fuzzing (seed ${SEED}; FUZZ_SEED=${SEED} replays it)`, function () {
  this.timeout(BUDGET_MS + 30_000);
  let folder: string;
  let session: LspSession | undefined;
  afterEach(async () => {
    await session?.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('never crashes, answers every request, and ends with the findings of a fresh analysis', async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-fuzz-'));
    const next = mulberry32(SEED);
    const uri = fileUri(path.join(folder, 'fuzzed.usecase.yaml'));
    let text = readFileSync(path.join(ROOT, 'examples/billing.usecase.yaml'), 'utf8');
    session = await LspSession.start(folder);
    session.open(uri, text, 1);
    const startedAt = Date.now();
    let version = 1;
    let requests = 0;
    for (let step = 0; step < EDITS && Date.now() - startedAt < BUDGET_MS; step++) {
      const lines = new LineIndex(text);
      const edit = randomEdit(text, next);
      const range = { start: lines.positionAt(edit.start), end: lines.positionAt(edit.end) };
      text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
      session.change(uri, ++version, [{ range, text: edit.insert }]);
      if (step % 20 === 19) {
        // Requests in the middle of the storm, at a place of the text as it now is.
        const position = new LineIndex(text).positionAt(Math.floor(next() * (text.length + 1)));
        const at = { textDocument: { uri }, position };
        const answers: unknown[] = await Promise.all([
          session.request('textDocument/hover', at),
          session.request('textDocument/completion', at),
          session.request('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: position, end: position },
            context: { diagnostics: [] },
          }),
          session.request('abuseCases/coverageSummary', null),
        ]);
        assert.strictEqual(answers.length, 4, `step ${step}: every request answered`);
        requests += answers.length;
      }
    }
    const published = await session.diagnostics(uri, (_, params) => params.version === version);
    const fresh = new Workspace();
    fresh.set(uri, text);
    const lines = new LineIndex(text);
    const expected = fresh
      .diagnostics(uri)
      .map((d) => ({ code: d.code, message: d.message, range: lines.rangeOf(d.range) }));
    assert.deepStrictEqual(shown(published), shown(expected), `after ${version - 1} edits and ${requests} requests`);
  });
});
