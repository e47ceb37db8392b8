import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dedent } from '../helpers/marked';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CLEAN = dedent(`
  backlog:
    - id: RM-1
      title: Rate-limit sign-in
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      data: [credentials]
      lawful_basis: contract
      retention: until-account-deleted
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality, integrity, availability]
          likelihood: likely
          impact: major
          mitigations:
            - title: Rate-limit sign-in attempts
              backlog: [RM-1]
              status: implemented
        - id: AB-shared-device
          title: A customer stays signed in on a shared computer
          intent: unwitting
          threatens: [confidentiality]
          likelihood: possible
          impact: minor
          mitigations:
            - title: Sessions end after 30 minutes without activity
              backlog: [RM-1]
              status: implemented
`);

describe('abuse-cases check (the CLI as a process)', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-cli-'));
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));
  const write = (name: string, text: string) =>
    fs
      .mkdir(path.dirname(path.join(folder, name)), { recursive: true })
      .then(() => fs.writeFile(path.join(folder, name), text));

  it('exits 0 and says so when there is no problem, searching folders recursively by default', async () => {
    await write('deep/er/login.usecase.yaml', CLEAN);
    await write('node_modules/pkg/ignored.usecase.yaml', 'not: [valid');
    await write('notes.yaml', 'not: [valid');
    const { code, stdout } = run(['check'], folder);
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /^No problems in 1 file\.$/m);
    assert.match(
      stdout,
      /^Coverage: 3\/3 required CIA dimensions have an abuse case \(100%\) · 2\/2 abuse cases mitigated or accepted · 0 high risks open$/m,
    );
  });

  it('prints path:line:col severity code message and exits 1 on an error', async () => {
    await write(
      'login.usecase.yaml',
      CLEAN.replace('[confidentiality, integrity, availability]', '[confidentiality, integrty, availability]'),
    );
    const { code, stdout } = run(['check', '.'], folder);
    assert.strictEqual(code, 1);
    assert.match(
      stdout,
      /^login\.usecase\.yaml:14:38 error invalid-value 'integrty' is not a valid value for 'threatens'\. Did you mean 'integrity'\?/m,
    );
    assert.match(stdout, /^2 problems \(1 error, 1 warning, 0 infos, 0 hints\) in 1 file\.$/m);
  });

  it('exits 0 on warnings, and 1 when they exceed --max-warnings', async () => {
    await write('login.usecase.yaml', CLEAN.replace('    backlog: [RM-1]\n', '\n'));
    assert.strictEqual(run(['check'], folder).code, 0);
    assert.strictEqual(run(['check', '--max-warnings', '1'], folder).code, 0);
    const strict = run(['check', '--max-warnings', '0'], folder);
    assert.strictEqual(strict.code, 1);
    assert.match(strict.stdout, /1 warnings is more than --max-warnings 0\./);
  });

  it('prints JSON with 0-based LSP positions and a summary', async () => {
    await write('a.usecase.yaml', CLEAN);
    await write('b.usecase.yaml', 'backlog:\n  - id: RM-1\n    title: Again\n');
    const { code, stdout } = run(['check', '--format', 'json', 'a.usecase.yaml', 'b.usecase.yaml'], folder);
    assert.strictEqual(code, 1);
    const report = JSON.parse(stdout);
    assert.deepStrictEqual(
      report.files.map((f: { path: string }) => f.path),
      ['a.usecase.yaml', 'b.usecase.yaml'],
    );
    assert.deepStrictEqual(report.files[1].diagnostics, [
      {
        code: 'duplicate-id',
        severity: 'error',
        message: "The id 'RM-1' is defined 2 times in the workspace; ids must be unique.",
        range: { start: { line: 1, character: 8 }, end: { line: 1, character: 12 } },
      },
    ]);
    assert.deepStrictEqual(
      { files: report.summary.files, errors: report.summary.errors, warnings: report.summary.warnings },
      { files: 2, errors: 2, warnings: 0 },
    );
    assert.strictEqual(report.summary.coverage.useCases, 1);
  });

  describe('suppressed findings', () => {
    const SUPPRESSED = CLEAN.replace(
      '    data: [credentials]\n',
      '    # abuse-cases-disable-next-line unknown-data-class -- the class is defined by the identity team\n    data: [credentials, tokens]\n',
    ).replace(
      '    title: Sign in\n',
      '    title: Sign in\n    # abuse-cases-disable-next-line unknown-key\n    owner: identity\n',
    );

    it('are left out of the problems, counted in the summary, and fail nothing', async () => {
      await write('login.usecase.yaml', SUPPRESSED);
      const { code, stdout } = run(['check'], folder);
      assert.strictEqual(code, 0, stdout);
      assert.doesNotMatch(stdout, /unknown-data-class|unknown-key/);
      assert.match(stdout, /^No problems in 1 file; 2 findings suppressed\.$/m);
      await write(
        'login.usecase.yaml',
        SUPPRESSED.replace('[confidentiality, integrity, availability]', '[confidentality]'),
      );
      assert.match(run(['check'], folder).stdout, /^\d+ problems \(1 error, .*\) in 1 file; 2 findings suppressed\.$/m);
    });

    it('are listed apart in JSON, with their reasons, and counted in the summary', async () => {
      await write('login.usecase.yaml', SUPPRESSED);
      const report = JSON.parse(run(['check', '--format', 'json'], folder).stdout);
      assert.deepStrictEqual(report.files[0].diagnostics, []);
      assert.deepStrictEqual(
        report.files[0].suppressed.map((d: { code: string; reasons: string[]; range: { start: { line: number } } }) => [
          d.code,
          d.range.start.line,
          d.reasons,
        ]),
        [
          ['unknown-key', 7, []],
          ['unknown-data-class', 10, ['the class is defined by the identity team']],
        ],
      );
      assert.strictEqual(report.summary.suppressed, 2);
    });

    it('report a misspelt rule and a suppression that suppresses nothing', async () => {
      await write(
        'login.usecase.yaml',
        CLEAN.replace(
          '    title: Sign in\n',
          '    # abuse-cases-disable-next-line unknown-kye\n    title: Sign in\n    # abuse-cases-disable unknown-key\n',
        ),
      );
      const { code, stdout } = run(['check'], folder);
      assert.strictEqual(code, 0, stdout);
      assert.match(
        stdout,
        /^login\.usecase\.yaml:6:37 warning unknown-rule No rule 'unknown-kye'.*Did you mean 'unknown-key'\?/m,
      );
      assert.match(
        stdout,
        /^login\.usecase\.yaml:8:27 warning unused-suppression No 'unknown-key' finding starts in the lines it disables/m,
      );
      assert.match(stdout, /^2 problems \(0 errors, 2 warnings, 0 infos, 0 hints\) in 1 file\.$/m);
    });
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const missing = run(['check', 'nowhere'], folder);
    assert.deepStrictEqual([missing.code, missing.stderr.trim()], [2, 'abuse-cases: no such file or folder: nowhere']);
    const empty = run(['check'], folder);
    assert.strictEqual(empty.code, 2);
    assert.match(empty.stderr, /no \*\.usecase\.yaml files/);
    const badOption = run(['check', '--max-warnings', 'many'], folder);
    assert.strictEqual(badOption.code, 2);
    assert.match(badOption.stderr, /--max-warnings.*expected a whole number/);
    const badFormat = run(['check', '--format', 'xml'], folder);
    assert.strictEqual(badFormat.code, 2);
    assert.match(badFormat.stderr, /Allowed choices are text, json/);
    const typo = run(['chek'], folder);
    assert.strictEqual(typo.code, 2);
    assert.match(typo.stderr, /Did you mean check\?/);
  });

  it('reports unreadable YAML as a syntax finding, never a crash', async () => {
    await write('broken.usecase.yaml', 'use_cases:\n  - id: UC-1\n    title: [unclosed\n');
    const { code, stdout, stderr } = run(['check'], folder);
    assert.strictEqual(code, 1);
    assert.match(stdout, /^broken\.usecase\.yaml:\d+:\d+ error syntax /m);
    assert.strictEqual(stderr, '');
  });

  it('checks the sample workspace with warnings but no errors', () => {
    const { code, stdout } = run(['check', EXAMPLES], folder);
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /\(0 errors, [1-9]\d* warnings?/);
    assert.match(stdout, /cia-uncovered/);
  });
});
