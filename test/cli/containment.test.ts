import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
/** A secret outside the workspace, as /etc/passwd or /proc/self/environ would be on a CI runner. */
const SECRET = 'RUNNER_TOKEN=do-not-print-me';

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

const VALID = 'use_cases:\n  - id: UC-1\n    title: Sign in\n    actor: Member\n    no_abuse_cases: true\n';

describe('abuse-cases check on a hostile repository: what it reads, and what it never does', function () {
  this.timeout(60_000);
  let root: string;
  let workspace: string;
  let outside: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-containment-'));
    workspace = path.join(root, 'repo');
    outside = path.join(root, 'target-outside-4f7c');
    await fs.mkdir(workspace);
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'secret.usecase.yaml'), `${SECRET}\n`);
    await fs.writeFile(path.join(workspace, 'login.usecase.yaml'), VALID);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('does not follow a link out of the workspace, in any output format, and names only the link', async () => {
    await fs.symlink(path.join(outside, 'secret.usecase.yaml'), path.join(workspace, 'threats.usecase.yaml'));
    for (const format of ['text', 'json', 'sarif']) {
      const { stdout, stderr } = run(['check', '.', '--format', format], workspace);
      assert.ok(!`${stdout}${stderr}`.includes('do-not-print-me'), `${format}: the target's content is never shown`);
      assert.ok(!`${stdout}${stderr}`.includes('target-outside-4f7c'), `${format}: nor where the link points`);
      assert.match(stdout, /file-not-read/, format);
      assert.match(stdout, /threats\.usecase\.yaml/, `${format}: the finding names the link`);
    }
    const { stdout } = run(['check', '.'], workspace);
    assert.match(stdout, /a link to a place outside the workspace, and links out of it are not followed/);
    const named = run(['check', 'threats.usecase.yaml'], workspace);
    assert.ok(!named.stdout.includes('do-not-print-me'), 'nor when the link is named on the command line');
    assert.match(named.stdout, /file-not-read/);
  });

  it('reads a link whose target is inside the workspace', async () => {
    await fs.mkdir(path.join(workspace, 'shared'));
    await fs.writeFile(path.join(workspace, 'shared', 'real.usecase.yaml'), VALID.replace('UC-1', 'UC-2'));
    await fs.symlink(path.join(workspace, 'shared', 'real.usecase.yaml'), path.join(workspace, 'alias.usecase.yaml'));
    const { stdout } = run(['check', '.', '--format', 'json'], workspace);
    assert.ok(!stdout.includes('file-not-read'), stdout);
  });

  it('does not walk a link to a folder outside the workspace', async () => {
    await fs.symlink(outside, path.join(workspace, 'linked'));
    const { stdout } = run(['check', '.', '--format', 'json'], workspace);
    assert.ok(!stdout.includes('secret.usecase.yaml') && !stdout.includes('do-not-print-me'), stdout);
  });

  it('skips a named pipe given on the command line with a finding, instead of waiting on it for ever', async function () {
    const fifo = path.join(workspace, 'pipe.usecase.yaml');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    const started = spawn(process.execPath, [CLI, 'check', 'pipe.usecase.yaml', 'login.usecase.yaml'], {
      cwd: workspace,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    started.stdout.on('data', (chunk) => (stdout += String(chunk)));
    const code = await new Promise<number | null>((resolve) => started.on('exit', resolve));
    assert.match(stdout, /pipe\.usecase\.yaml[\s\S]*Not read: this is a named pipe \(FIFO\), not a regular file\./);
    assert.strictEqual(code, 0, 'a warning does not fail the check');
  });

  it('does not analyse a file over max-file-size, and says so once', async () => {
    await fs.writeFile(path.join(workspace, 'abuse-cases.config.yaml'), 'max-file-size: 0.01\n');
    const big = `use_cases:\n${'  - id: UC-x\n    title: A very long list of use cases\n'.repeat(400)}`;
    await fs.writeFile(path.join(workspace, 'big.usecase.yaml'), big);
    const { stdout } = run(['check', '.'], workspace);
    const findings = stdout.split('\n').filter((line) => /big\.usecase\.yaml|file-not-read|duplicate-id/.test(line));
    assert.match(stdout, /Not analysed: the file has more than 10 KB \(\d+ KB\), the limit set by `max-file-size`/);
    assert.ok(!stdout.includes('duplicate-id'), 'nothing of its content is analysed');
    assert.ok(findings.filter((line) => line.includes('file-not-read')).length === 1, findings.join('\n'));
  });

  it('refuses a catalog glob from the filesystem root or the home folder, on its line, and finishes', async () => {
    await fs.writeFile(
      path.join(workspace, 'abuse-cases.config.yaml'),
      "catalogs:\n  - '/**/*.abusecatalog.yaml'\n  - ~/catalogs/*.abusecatalog.yaml\n",
    );
    const { code, stdout, timedOut } = run(['check', '.'], workspace);
    assert.ok(!timedOut, 'no walk of the whole disk');
    assert.match(
      stdout,
      /^abuse-cases\.config\.yaml:2:5 warning catalog-not-read '\/\*\*\/\*\.abusecatalog\.yaml' is not searched: a glob from the filesystem root would search the whole disk\. Name the folder that holds the catalogs\.$/m,
    );
    assert.match(
      stdout,
      /^abuse-cases\.config\.yaml:3:5 warning catalog-not-read '~\/catalogs\/\*\.abusecatalog\.yaml' is not searched: a glob from the home folder/m,
    );
    assert.strictEqual(code, 0);
  });

  it('reads at most 500 catalogs of one entry, and says so on its line', async () => {
    const catalogs = path.join(outside, 'catalogs');
    await fs.mkdir(catalogs);
    for (let i = 0; i < 501; i++)
      await fs.writeFile(path.join(catalogs, `t${String(i).padStart(3, '0')}.abusecatalog.yaml`), 'templates: []\n');
    const entry = '../target-outside-4f7c/catalogs/*.abusecatalog.yaml';
    await fs.writeFile(path.join(workspace, 'abuse-cases.config.yaml'), `catalogs: ['${entry}']\n`);
    const { stdout } = run(['check', '.', '--format', 'json'], workspace);
    const report = JSON.parse(stdout) as {
      files: { path: string; diagnostics: { code: string; message: string }[] }[];
    };
    assert.strictEqual(report.files.filter((file) => file.path.endsWith('.abusecatalog.yaml')).length, 500);
    const config = report.files.find((file) => file.path === 'abuse-cases.config.yaml')!;
    assert.deepStrictEqual(
      config.diagnostics.filter((d) => d.code === 'catalog-not-read').map((d) => d.message),
      [
        `'${entry}' finds more than 500 catalogs; only the first 500 catalogs (in name order) are read. Name a narrower folder.`,
      ],
    );
  });

  it('names the encoding of a UTF-16 file, and the first byte that is not UTF-8 of another', async () => {
    await fs.writeFile(path.join(workspace, 'windows.usecase.yaml'), Buffer.from(`\ufeff${VALID}`, 'utf16le'));
    await fs.writeFile(
      path.join(workspace, 'latin1.usecase.yaml'),
      Buffer.concat([Buffer.from('use_cases:\n  - id: UC-caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const { stdout } = run(['check', '.'], workspace);
    assert.match(
      stdout,
      /windows\.usecase\.yaml:1:1 warning file-not-read Not read: the file is UTF-16 \(little-endian\) text/,
    );
    assert.match(
      stdout,
      /latin1\.usecase\.yaml:1:1 warning file-not-read Not read: the file is not UTF-8 text \(byte 26, on line 2/,
    );
    assert.ok(!/wrong-type|mojibake|\ufffd/.test(stdout), stdout);
  });
});
