import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, promises as fs, readFileSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dedent } from '../helpers/marked';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
/** `UPDATE_GOLDEN=1 npm test` rewrites the golden files after an intended change of the report. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const TODAY = '2026-11-24';

function expectGolden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test/cli/golden', name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.strictEqual(
    actual,
    readFileSync(file, 'utf8'),
    `${name} differs: run UPDATE_GOLDEN=1 npm test if the change is intended`,
  );
}

/** The environment without the variables that would point git at another repository (a hook running the tests). */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
  return { ...env, NO_COLOR: '1', ...extra };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: cleanEnvironment(),
  });
}

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: cleanEnvironment(env) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The first commit: every baseline question but incident readiness answered, every abuse case mitigated, a use case
 * naming a backlog item that does not exist (RM-9), UC-profile without abuse cases (a finding that stays, on a line
 * that moves), and export.usecase.yaml with two findings.
 */
const LOGIN_BEFORE = dedent(`
  product: Notes
  backlog:
    - id: RM-1
      title: Rate-limit sign-in
      answers: [patching, encryption, strong-authentication, backups, restore, audit-trail, data-minimisation, consent, opt-out, regulations]
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      backlog: [RM-9]
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
          impact: major
          mitigations:
            - title: Sessions end after 30 minutes without activity
              backlog: [RM-1]
              status: implemented
    - id: UC-profile
      title: Edit the profile
      actor: Customer
      backlog: [RM-1]
`);

/**
 * The second commit: RM-9 corrected to RM-1 (fixed), patching no longer answered and incident readiness answered,
 * AB-stuffing no longer threatens integrity (the dimension loses its abuse case), AB-shared-device's mitigation
 * removed (it opens, major), AB-takeover added and left open (severe).
 */
const LOGIN_AFTER = dedent(`
  product: Notes
  backlog:
    - id: RM-1
      title: Rate-limit sign-in
      answers: [encryption, strong-authentication, backups, restore, audit-trail, data-minimisation, consent, opt-out, regulations, incident-readiness]
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      backlog: [RM-1]
      data: [credentials]
      lawful_basis: contract
      retention: until-account-deleted
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality, availability]
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
          impact: major
        - id: AB-takeover
          title: Account takeover through the password-reset e-mail
          threatens: [confidentiality]
          likelihood: possible
          impact: severe
    - id: UC-profile
      title: Edit the profile
      actor: Customer
      backlog: [RM-1]
`);

const EXPORT = dedent(`
  use_cases:
    - id: UC-export
      title: Export data
      actor: Customer
      backlog: [RM-404]
`);

const REPORT = dedent(`
  use_cases:
    - id: UC-report
      title: Report a bug
      actor: Customer
      backlog: [RM-1]
`);

const CONFIG = 'gate:\n  max-open-high-risks: 0\n';

/** The line of a finding in the text format, without its line and column (which the test does not pin). */
const withoutPosition = (line: string) => line.replace(/:\d+:\d+ /, ' ');

describe('--base: what a change introduced and fixed (the CLI as a process on a git repository)', () => {
  let repo: string;
  /** The product's folder inside the repository, where the commands run: paths at the base are the repository's. */
  let product: string;

  before(async function () {
    if (spawnSync('git', ['--version']).status !== 0) this.skip();
    repo = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-base-'));
    product = path.join(repo, 'product');
    await fs.mkdir(product);
    git(repo, 'init', '-q');
    await fs.writeFile(path.join(repo, 'README.md'), '# Notes\n');
    await fs.writeFile(path.join(product, 'abuse-cases.config.yaml'), CONFIG);
    await fs.writeFile(path.join(product, 'login.usecase.yaml'), LOGIN_BEFORE);
    await fs.writeFile(path.join(product, 'export.usecase.yaml'), EXPORT);
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    await fs.writeFile(path.join(product, 'login.usecase.yaml'), LOGIN_AFTER);
    await fs.writeFile(path.join(product, 'report.usecase.yaml'), REPORT);
    git(repo, 'rm', '-q', 'product/export.usecase.yaml');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'second');
  });
  after(() => repo && fs.rm(repo, { recursive: true, force: true }));

  describe('check --base', () => {
    it('prints exactly the findings the second commit introduced, then how many it fixed', () => {
      const { code, stdout, stderr } = run(product, ['check', '--base', 'HEAD~1', '--today', TODAY]);
      assert.strictEqual(code, 0, stderr);
      const findings = stdout.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line));
      assert.deepStrictEqual(findings.map(withoutPosition), [
        'login.usecase.yaml warning baseline-gap Notes, like every product: are its systems and dependencies updated and patched regularly, with anti-malware and firewalls kept current?',
        "login.usecase.yaml warning cia-uncovered Integrity is required at high by the data class 'credentials', but no abuse case of 'UC-login' threatens integrity.",
        "login.usecase.yaml warning unmitigated 'AB-shared-device' has no mitigations and no risk acceptance.",
        "login.usecase.yaml warning unmitigated 'AB-takeover' has no mitigations and no risk acceptance.",
        "report.usecase.yaml warning no-abuse-cases 'UC-report' has no abuse cases: how could an attacker or a careless user turn it against the product?",
      ]);
      // UC-profile's finding is the same at the base, on a line that moved: it is not new.
      assert.doesNotMatch(stdout, /UC-profile/);
      assert.match(stdout, /^5 new findings \(5 warnings\), 4 fixed since HEAD~1\.$/m);
      assert.match(stdout, /^Coverage: 2\/3 required CIA dimensions have an abuse case/m);
    });

    it('lists the new findings in JSON, with what the change fixed (a deleted file’s findings among them)', () => {
      const { code, stdout } = run(product, ['check', '--base', 'HEAD~1', '--format', 'json', '--today', TODAY]);
      assert.strictEqual(code, 0);
      const json = JSON.parse(stdout);
      assert.strictEqual(json.summary.warnings, 5);
      assert.strictEqual(json.summary.errors, 0);
      assert.strictEqual(json.base.ref, 'HEAD~1');
      assert.deepStrictEqual(
        json.base.fixed.map((finding: { path: string; code: string }) => `${finding.path} ${finding.code}`),
        [
          'export.usecase.yaml no-abuse-cases',
          'export.usecase.yaml unknown-backlog-item',
          'login.usecase.yaml baseline-gap',
          'login.usecase.yaml unknown-backlog-item',
        ],
      );
    });

    it('writes only the new findings to the SARIF log, and what was fixed to stderr', () => {
      const { code, stdout, stderr } = run(product, ['check', '--base', 'HEAD~1', '--format', 'sarif']);
      assert.strictEqual(code, 0);
      const results = JSON.parse(stdout).runs[0].results as { ruleId: string }[];
      assert.deepStrictEqual(results.map((result) => result.ruleId).sort(), [
        'baseline-gap',
        'cia-uncovered',
        'no-abuse-cases',
        'unmitigated',
        'unmitigated',
      ]);
      assert.match(stderr, /^5 new findings \(5 warnings\), 4 fixed since HEAD~1\.$/m);
    });

    it('computes the exit code from the new findings only: --max-warnings counts new warnings', () => {
      const over = run(product, ['check', '--base', 'HEAD~1', '--max-warnings', '4']);
      assert.strictEqual(over.code, 1);
      assert.match(over.stdout, /^5 new warnings is more than --max-warnings 4\.$/m);
      assert.strictEqual(run(product, ['check', '--base', 'HEAD~1', '--max-warnings', '5']).code, 0);
      // The first commit has errors of its own: against itself, none is new.
      git(repo, 'checkout', '-q', 'HEAD~1');
      try {
        assert.strictEqual(run(product, ['check']).code, 1);
        const same = run(product, ['check', '--base', 'HEAD']);
        assert.strictEqual(same.code, 0, same.stdout);
        assert.match(same.stdout, /^No new findings, none fixed since HEAD\.$/m);
      } finally {
        git(repo, 'checkout', '-q', '-');
      }
    });
  });

  describe('coverage --base', () => {
    it('lists in JSON exactly what the second commit introduced and fixed', () => {
      const { code, stdout } = run(product, ['coverage', '--base', 'HEAD~1', '--format', 'json', '--today', TODAY]);
      assert.strictEqual(code, 0);
      assert.deepStrictEqual(JSON.parse(stdout), {
        base: 'HEAD~1',
        introduced: {
          openHighRisks: [
            {
              abuseCase: 'AB-shared-device',
              useCase: 'UC-login',
              title: 'A customer stays signed in on a shared computer',
              impact: 'major',
            },
            {
              abuseCase: 'AB-takeover',
              useCase: 'UC-login',
              title: 'Account takeover through the password-reset e-mail',
              impact: 'severe',
            },
          ],
          uncoveredDimensions: [{ useCase: 'UC-login', dimension: 'integrity', level: 'high' }],
          baselineGaps: [{ product: 'Notes', capability: 'patching', name: 'Patching' }],
          findings: [
            { code: 'unmitigated', count: 2 },
            { code: 'baseline-gap', count: 1 },
            { code: 'cia-uncovered', count: 1 },
            { code: 'no-abuse-cases', count: 1 },
          ],
        },
        fixed: {
          openHighRisks: [],
          uncoveredDimensions: [],
          baselineGaps: [{ product: 'Notes', capability: 'incident-readiness', name: 'Incident readiness' }],
          findings: [
            { code: 'unknown-backlog-item', count: 2 },
            { code: 'baseline-gap', count: 1 },
            { code: 'no-abuse-cases', count: 1 },
          ],
        },
      });
    });

    it('prints a Markdown page for a pull-request comment (golden file)', () => {
      const { code, stdout } = run(product, ['coverage', '--base', 'HEAD~1', '--today', TODAY]);
      assert.strictEqual(code, 0);
      expectGolden('base.md', stdout);
      assert.match(stdout, /^# Security review of the change since `HEAD~1`$/m);
      assert.match(
        stdout,
        /^\*\*Introduces 2 open high risks, 1 CIA dimension without an abuse case, 1 open baseline question and 5 findings\*\*; fixes 1 open baseline question and 4 findings\.$/m,
      );
      assert.match(
        stdout,
        /^\| AB-takeover \| Account takeover through the password-reset e-mail \| severe \| UC-login \|$/m,
      );
      assert.match(stdout, /^\| UC-login \| integrity \| high \|$/m);
      assert.match(stdout, /^\| \[unmitigated\]\(https:\/\/\S+\/unmitigated\.md\) \| 2 \|$/m);
    });

    it('says "Nothing introduced" when the change holds nothing new', () => {
      const { code, stdout } = run(product, ['coverage', '--base', 'HEAD', '--today', TODAY]);
      assert.strictEqual(code, 0);
      assert.match(stdout, /^\*\*Nothing introduced\*\*; nothing fixed either\.$/m);
      assert.match(stdout, /^## Introduced\n\nNothing introduced\.$/m);
      assert.match(stdout, /^## Fixed\n\nNothing fixed\.$/m);
    });

    it('refuses --format html with --base (exit 2)', () => {
      const { code, stderr } = run(product, ['coverage', '--base', 'HEAD~1', '--format', 'html']);
      assert.strictEqual(code, 2);
      assert.strictEqual(stderr, 'abuse-cases: coverage --base reports the change as markdown or json, not html\n');
    });
  });

  describe('gate --base', () => {
    it('judges the gate as without --base, and adds what the change introduced and fixed', () => {
      const plain = run(product, ['gate', '--today', TODAY]);
      const since = run(product, ['gate', '--base', 'HEAD~1', '--today', TODAY]);
      assert.strictEqual(plain.code, 1, plain.stdout);
      assert.strictEqual(since.code, plain.code);
      assert.ok(since.stdout.startsWith(plain.stdout), 'the gate is printed as without --base');
      assert.strictEqual(
        since.stdout.slice(plain.stdout.length),
        [
          '',
          'Since HEAD~1, the change introduces 2 open high risks, 1 CIA dimension without an abuse case, 1 open baseline question and 5 findings:',
          '    open high risk: AB-shared-device (UC-login)',
          '    open high risk: AB-takeover (UC-login)',
          '    no abuse case: UC-login integrity',
          '    baseline question: Patching',
          '    unmitigated: 2 findings',
          '    baseline-gap: 1 finding',
          '    cia-uncovered: 1 finding',
          '    no-abuse-cases: 1 finding',
          'It fixes 1 open baseline question and 4 findings:',
          '    baseline question: Incident readiness',
          '    unknown-backlog-item: 2 findings',
          '    baseline-gap: 1 finding',
          '    no-abuse-cases: 1 finding',
          '',
        ].join('\n'),
      );
    });

    it('adds the change to the JSON result', () => {
      const { code, stdout } = run(product, ['gate', '--base', 'HEAD~1', '--format', 'json', '--today', TODAY]);
      assert.strictEqual(code, 1);
      const json = JSON.parse(stdout);
      assert.strictEqual(json.passed, false);
      assert.strictEqual(json.change.base, 'HEAD~1');
      assert.strictEqual(json.change.introduced.openHighRisks.length, 2);
    });
  });

  describe('usage errors', () => {
    for (const command of ['check', 'coverage', 'gate'])
      it(`${command} --base with an unknown revision exits 2 and names it`, () => {
        const { code, stdout, stderr } = run(product, [command, '--base', 'nope']);
        assert.strictEqual(code, 2);
        assert.strictEqual(stderr, "abuse-cases: unknown git revision 'nope'\n");
        assert.strictEqual(stdout, '');
      });

    it('takes a revision that starts with a dash for an unknown one, not an option of git', () => {
      const { code, stderr } = run(product, ['check', '--base=--output=/tmp/x']);
      assert.strictEqual(code, 2);
      assert.strictEqual(stderr, "abuse-cases: unknown git revision '--output=/tmp/x'\n");
    });

    it('exits 2 outside a git repository and says which folder', async () => {
      const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-no-git-'));
      try {
        await fs.writeFile(path.join(outside, 'login.usecase.yaml'), LOGIN_AFTER);
        // Git looks no higher than the temporary folder, whatever holds it.
        const { code, stderr } = run(outside, ['check', '--base', 'HEAD'], {
          GIT_CEILING_DIRECTORIES: path.dirname(outside),
        });
        assert.strictEqual(code, 2);
        assert.strictEqual(stderr, `abuse-cases: not a git repository: ${outside}\n`);
      } finally {
        await fs.rm(outside, { recursive: true, force: true });
      }
    });
  });

  it('leaves the working tree and the index as they were', async () => {
    // A staged change and an untracked file, which a command that touched the index would disturb.
    await fs.writeFile(path.join(repo, 'README.md'), '# Notes, edited\n');
    git(repo, 'add', 'README.md');
    await fs.writeFile(path.join(repo, 'notes.txt'), 'scratch\n');
    try {
      const index = path.join(repo, '.git', 'index');
      const status = git(repo, 'status', '--porcelain');
      const indexBytes = createHash('sha256')
        .update(await fs.readFile(index))
        .digest('hex');
      const indexTime = (await fs.stat(index)).mtimeMs;
      const tree = await fs.readFile(path.join(product, 'login.usecase.yaml'), 'utf8');
      for (const command of ['check', 'coverage', 'gate']) run(product, [command, '--base', 'HEAD~1']);
      // The index first: git status may refresh it.
      assert.strictEqual(
        createHash('sha256')
          .update(await fs.readFile(index))
          .digest('hex'),
        indexBytes,
      );
      assert.strictEqual((await fs.stat(index)).mtimeMs, indexTime);
      assert.strictEqual(git(repo, 'status', '--porcelain'), status);
      assert.strictEqual(await fs.readFile(path.join(product, 'login.usecase.yaml'), 'utf8'), tree);
      assert.deepStrictEqual((await fs.readdir(product)).sort(), [
        'abuse-cases.config.yaml',
        'login.usecase.yaml',
        'report.usecase.yaml',
      ]);
    } finally {
      git(repo, 'reset', '-q', '--hard');
      await fs.rm(path.join(repo, 'notes.txt'));
    }
  });
});
