import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeData, escapeProperty } from '../../server/src/cli/github';
import { dedent } from '../helpers/marked';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/**
 * A backlog item named with a `%` that does not exist (an error), an abuse case of major impact without a mitigation
 * (a warning, and an open high risk for the gate), and every abuse case an attacker's (information).
 */
const LOGIN = dedent(`
  backlog:
    - id: RM-1
      title: Sign in with a password
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      backlog: [RM-1, "RM-50%"]
      data: [credentials]
      lawful_basis: contract
      retention: until-account-deleted
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality, integrity, availability]
          likelihood: likely
          impact: major
`);

/** The same without the error. */
const LOGIN_WITHOUT_ERROR = LOGIN.replace(', "RM-50%"', '');

/** The same without the error, RM-1 in a sprint of 9 points with none on security work. */
const inSprint = (sprint: string) =>
  LOGIN_WITHOUT_ERROR.replace(
    'title: Sign in with a password',
    `title: Sign in with a password\n    sprint: ${sprint}\n    points: 9`,
  );

describe('--format github (the CLI as a process)', () => {
  let folder: string;
  let summaryFile: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-github-'));
    summaryFile = path.join(folder, 'step-summary.md');
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  async function write(files: Record<string, string>) {
    for (const [name, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await fs.writeFile(path.join(folder, name), text);
    }
  }
  function run(args: string[], env: Record<string, string> = {}) {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      cwd: folder,
      encoding: 'utf8',
      // Outside GitHub Actions unless a test says otherwise.
      env: { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...env },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  describe('check', () => {
    it('writes one ::error, ::warning or ::notice per finding, 1-based, with the message and properties escaped', async () => {
      // `,` and `:` end a property's value: they are escaped in the path.
      await write({ 'team, one:a/login.usecase.yaml': LOGIN });
      const { code, stdout } = run(['check', '--format', 'github']);
      assert.strictEqual(code, 1, 'an error fails the step, as in the text format');
      const commands = stdout.split('\n').filter((line) => line.startsWith('::'));
      assert.deepStrictEqual(commands, [
        "::error file=team%2C one%3Aa/login.usecase.yaml,line=8,col=21,endLine=8,endColumn=29,title=abuse-cases unknown-backlog-item::No backlog item 'RM-50%25' in the workspace. Add it under 'backlog:' in any use-case file.",
        "::notice file=team%2C one%3Aa/login.usecase.yaml,line=12,col=5,endLine=12,endColumn=16,title=abuse-cases no-unwitting-case::'UC-login' requires high confidentiality and integrity, and every abuse case of it is an attacker's: how could a legitimate user harm it by mistake (forwarding, a wrong recipient, a shared device, a role given wrongly)?",
        "::warning file=team%2C one%3Aa/login.usecase.yaml,line=13,col=13,endLine=13,endColumn=24,title=abuse-cases unmitigated::'AB-stuffing' has no mitigations and no risk acceptance.",
      ]);
      assert.match(stdout, /^3 problems \(1 error, 1 warning, 1 info, 0 hints\) in 1 file\.$/m);
      assert.match(stdout, /^Coverage: /m);
    });

    it('writes hints as notices too', async () => {
      await write({
        'login.usecase.yaml': LOGIN_WITHOUT_ERROR,
        'abuse-cases.config.yaml': 'rules:\n  unmitigated: hint\n  no-unwitting-case: off\n',
      });
      const { code, stdout } = run(['check', '--format', 'github']);
      assert.strictEqual(code, 0);
      assert.match(stdout, /^::notice file=login\.usecase\.yaml,line=13,.*title=abuse-cases unmitigated::/m);
    });

    it('escapes a line break in a path, which would end the command', async function () {
      if (process.platform === 'win32') this.skip();
      await write({ 'a\nb/login.usecase.yaml': LOGIN });
      // Named by path: a folder's search matches no file whose path holds a line break.
      const { stdout } = run(['check', '--format', 'github', 'a\nb/login.usecase.yaml']);
      assert.match(stdout, /^::error file=a%0Ab\/login\.usecase\.yaml,line=8,/m);
    });

    it('keeps the exit codes of the text format (--max-warnings)', async () => {
      await write({ 'login.usecase.yaml': LOGIN_WITHOUT_ERROR });
      const over = run(['check', '--format', 'github', '--max-warnings', '0']);
      assert.strictEqual(over.code, 1);
      assert.match(over.stdout, /^1 warnings is more than --max-warnings 0\.$/m);
      assert.strictEqual(run(['check', '--format', 'github', '--max-warnings', '1']).code, 0);
    });

    it('appends the counts by severity and the coverage line to $GITHUB_STEP_SUMMARY, never overwriting it', async () => {
      await write({ 'login.usecase.yaml': LOGIN });
      await fs.writeFile(summaryFile, '# Earlier step\n');
      run(['check', '--format', 'github'], { GITHUB_STEP_SUMMARY: summaryFile });
      const once = await fs.readFile(summaryFile, 'utf8');
      assert.strictEqual(
        once,
        [
          '# Earlier step',
          '',
          '## abuse-cases check',
          '',
          '| Errors | Warnings | Infos | Hints | Files |',
          '| ---: | ---: | ---: | ---: | ---: |',
          '| 1 | 1 | 1 | 0 | 1 |',
          '',
          '3 problems (1 error, 1 warning, 1 info, 0 hints) in 1 file.',
          '',
          'Coverage: 3/3 required CIA dimensions have an abuse case (100%) · 0/1 abuse case mitigated or accepted · 1 high risk open',
          '',
        ].join('\n'),
      );
      run(['check', '--format', 'github'], { GITHUB_STEP_SUMMARY: summaryFile });
      const twice = await fs.readFile(summaryFile, 'utf8');
      assert.strictEqual(twice, `${once}${once.slice('# Earlier step\n'.length)}`, 'the second run appends');
    });

    it('writes no summary without $GITHUB_STEP_SUMMARY, and only with --format github', async () => {
      await write({ 'login.usecase.yaml': LOGIN });
      run(['check', '--format', 'github']);
      run(['check'], { GITHUB_STEP_SUMMARY: summaryFile });
      await assert.rejects(fs.stat(summaryFile));
    });
  });

  describe('gate', () => {
    const config = (lines: string) => `gate:\n${lines.replace(/^/gm, '  ')}\n`;

    it('writes ::error for a failing threshold in fail mode, then the usual text, and exits 1', async () => {
      await write({
        'login.usecase.yaml': inSprint('S1'),
        'abuse-cases.config.yaml': config('max-open-high-risks: 0\nsecurity-capacity: 0.2'),
      });
      const { code, stdout } = run(['gate', '--format', 'github']);
      assert.strictEqual(code, 1);
      const lines = stdout.split('\n');
      assert.deepStrictEqual(lines.slice(0, 2), [
        '::error title=abuse-cases gate max-open-high-risks::1 open high risk, 1 over the maximum of 0%0A  AB-stuffing (UC-login)',
        '::error title=abuse-cases gate security-capacity::1 sprint below 20 %25 of points on security work: S1 at 0 %25 (0 of 9 points, 20 percentage points short)%0A  S1',
      ]);
      // The text follows, where no line of it can be read as a command.
      const token = /^::stop-commands::(.+)$/.exec(lines[2])?.[1];
      assert.ok(token, lines[2]);
      assert.strictEqual(lines[3], 'Quality gate failed: 2 of 3 checks.');
      assert.ok(lines.includes('✗ [fail] max-open-high-risks: 1 open high risk, 1 over the maximum of 0'));
      assert.strictEqual(lines[lines.length - 2], `::${token}::`);
      assert.ok(!lines.some((line) => line.startsWith('::') && line.includes('no-errors')), 'a passing one is silent');
    });

    it('writes ::warning for a failing threshold in report mode, and exits 0', async () => {
      await write({
        'login.usecase.yaml': LOGIN_WITHOUT_ERROR,
        'abuse-cases.config.yaml': config('mode: report\nmax-open-high-risks: 0'),
      });
      const { code, stdout } = run(['gate', '--format', 'github']);
      assert.strictEqual(code, 0);
      assert.match(
        stdout,
        /^::warning title=abuse-cases gate max-open-high-risks::1 open high risk, 1 over the maximum of 0%0A {2}AB-stuffing \(UC-login\)$/m,
      );
      assert.doesNotMatch(stdout, /^::error/m);
      assert.match(
        stdout,
        /^Quality gate passed: 1 of 2 checks; 1 failing check is only reported \(mode: report\)\.$/m,
      );
    });

    it('keeps user text that looks like a command inside the stop-commands block', async () => {
      await write({
        'login.usecase.yaml': inSprint('"::add-mask::S1"'),
        'abuse-cases.config.yaml': config('security-capacity: 0.2'),
      });
      const { stdout } = run(['gate', '--format', 'github']);
      const lines = stdout.split('\n');
      const start = lines.findIndex((line) => line.startsWith('::stop-commands::'));
      const offender = lines.indexOf('    ::add-mask::S1');
      assert.ok(start >= 0 && offender > start, stdout);
      assert.ok(lines.indexOf(`::${lines[start].slice('::stop-commands::'.length)}::`) > offender);
    });

    it('appends a table of the thresholds with their mode and outcome to $GITHUB_STEP_SUMMARY', async () => {
      await write({
        'login.usecase.yaml': inSprint('S1'),
        'abuse-cases.config.yaml': config(
          'max-open-high-risks: 0\nsecurity-capacity: 0.2\nmodes:\n  security-capacity: report',
        ),
      });
      await fs.writeFile(summaryFile, '# Earlier step\n');
      const { code } = run(['gate', '--format', 'github'], { GITHUB_STEP_SUMMARY: summaryFile });
      assert.strictEqual(code, 1);
      assert.strictEqual(
        await fs.readFile(summaryFile, 'utf8'),
        [
          '# Earlier step',
          '',
          '## abuse-cases gate: failed',
          '',
          'Quality gate failed: 1 of 3 checks; 1 failing check is only reported (mode: report).',
          '',
          '| Check | Mode | Outcome | What it found |',
          '| --- | --- | --- | --- |',
          '| no-errors | fail | ✓ passed | no errors in the analysed files |',
          '| max-open-high-risks | fail | ✗ **failed** | 1 open high risk, 1 over the maximum of 0: AB-stuffing (UC-login) |',
          '| security-capacity | report | ! **failed**, reported only | 1 sprint below 20 % of points on security work: S1 at 0 % (0 of 9 points, 20 percentage points short): S1 |',
          '',
        ].join('\n'),
      );
    });
  });

  describe('escaping, as GitHub documents it', () => {
    it('escapes %, CR and LF in a message', () => {
      assert.strictEqual(escapeData('100% sure\r\n::error::no'), '100%25 sure%0D%0A::error::no');
    });

    it('escapes %, CR, LF, : and , in a property', () => {
      assert.strictEqual(escapeProperty('a%b\r\nc:d,e'), 'a%25b%0D%0Ac%3Ad%2Ce');
    });
  });
});
