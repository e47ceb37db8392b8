import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeWorkspace } from '../../bench/generate';
import { Workspace } from '../../server/src/engine';
import { fileUri, LspSession } from '../helpers/lspSession';

describe('language server: indexing a large folder on worker threads', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession | undefined;
  afterEach(async () => {
    await session?.stop();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('publishes for every file exactly the findings a one-thread analysis gives', async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-indexing-'));
    // About 1.2 MB: above the size from which the server parses on worker threads.
    const { paths } = await writeWorkspace(folder, { files: 30, useCasesPerFile: 20, seed: 9 });
    const expected = new Workspace();
    for (const file of paths) expected.set(fileUri(file), await fs.readFile(file, 'utf8'));

    session = await LspSession.start(folder);
    for (const file of paths) {
      const uri = fileUri(file);
      const published = await session.diagnostics(uri);
      const lineIndex = expected.file(uri)!.lineIndex;
      assert.deepStrictEqual(
        published.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`),
        expected.diagnostics(uri).map((d) => {
          const start = lineIndex.positionAt(d.range.start);
          return `${d.code} ${start.line}:${start.character} ${d.message}`;
        }),
        path.basename(file),
      );
    }
  });
});
