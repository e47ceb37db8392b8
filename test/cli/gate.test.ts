import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dedent } from '../helpers/marked';
import type { GateResult } from '../../shared/coverageModel';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

/** One use case, one abuse case of major impact, a sprint of 9 points of which `securityPoints` go to RM-2. */
function product({
  itemStatus = 'todo',
  mitigation = 'planned',
  threatens = 'confidentiality, integrity, availability',
  securityPoints = 1,
} = {}): string {
  return dedent(`
    backlog:
      - id: RM-1
        title: Sign in with a password
        status: ${itemStatus}
        sprint: S1
        points: ${9 - securityPoints}
      - id: RM-2
        title: Rate-limit sign-in
        sprint: S1
        points: ${securityPoints}
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
            threatens: [${threatens}]
            likelihood: likely
            impact: major
            mitigations:
              - title: Rate-limit sign-in attempts
                backlog: [RM-2]
                status: ${mitigation}
  `);
}

describe('abuse-cases gate (the CLI as a process)', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-gate-'));
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  async function gate(files: Record<string, string>, ...args: string[]) {
    for (const [name, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(folder, name)), { recursive: true });
      await fs.writeFile(path.join(folder, name), text);
    }
    const result = spawnSync(process.execPath, [CLI, 'gate', ...args], {
      cwd: folder,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }
  const config = (thresholds: string) =>
    `gate:\n${thresholds
      .split('\n')
      .map((line) => `  ${line}\n`)
      .join('')}`;

  describe('max-open-high-risks', () => {
    it('fails with the count over the maximum and names the open high risks', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product(),
        'abuse-cases.config.yaml': config('max-open-high-risks: 0'),
      });
      assert.strictEqual(code, 1, stdout);
      assert.match(stdout, /^Quality gate failed: 1 of 2 checks\.$/m);
      assert.match(stdout, /^✗ \[fail\] max-open-high-risks: 1 open high risk, 1 over the maximum of 0$/m);
      assert.match(stdout, /^ {4}AB-stuffing \(UC-login\)$/m);
    });

    it('passes when the open high risks are within the maximum', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product(),
        'abuse-cases.config.yaml': config('max-open-high-risks: 1'),
      });
      assert.strictEqual(code, 0, stdout);
      assert.match(stdout, /^✓ \[fail\] max-open-high-risks: 1 open high risk, the maximum is 1$/m);
    });
  });

  describe('mode: gates, not blocks', () => {
    it('reports a failing threshold in report mode, says so on its line, and exits 0', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product(),
        'abuse-cases.config.yaml': config('mode: report\nmax-open-high-risks: 0'),
      });
      assert.strictEqual(code, 0, stdout);
      assert.match(
        stdout,
        /^Quality gate passed: 1 of 2 checks; 1 failing check is only reported \(mode: report\)\.$/m,
      );
      assert.match(stdout, /^! \[report\] max-open-high-risks: 1 open high risk, 1 over the maximum of 0$/m);
      assert.match(stdout, /^ {4}AB-stuffing \(UC-login\)$/m, 'the offenders are listed as in fail mode');
      assert.match(stdout, /^✓ \[report\] no-errors: /m);
    });

    it('fails on a threshold whose own mode is fail, while the others are only reported', async () => {
      const files = {
        'login.usecase.yaml': product({ itemStatus: 'done' }),
        'abuse-cases.config.yaml': config(
          'mode: report\nmodes:\n  require-mitigated-for-done: fail\nmax-open-high-risks: 0\nrequire-mitigated-for-done: true',
        ),
      };
      const { code, stdout } = await gate(files);
      assert.strictEqual(code, 1, stdout);
      assert.match(
        stdout,
        /^Quality gate failed: 1 of 3 checks; 1 failing check is only reported \(mode: report\)\.$/m,
      );
      assert.match(stdout, /^✗ \[fail\] require-mitigated-for-done: /m);
      assert.match(stdout, /^! \[report\] max-open-high-risks: /m);
      const json = await gate(files, '--format', 'json');
      const result = JSON.parse(json.stdout) as GateResult;
      assert.strictEqual(json.code, 1);
      assert.deepStrictEqual(
        [result.passed, result.reported, result.thresholds.map((t) => [t.threshold, t.passed, t.mode])],
        [
          false,
          1,
          [
            ['no-errors', true, 'report'],
            ['max-open-high-risks', false, 'report'],
            ['require-mitigated-for-done', false, 'fail'],
          ],
        ],
      );
    });

    it('names a mode it does not know as an invalid value of the configuration', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product(),
        'abuse-cases.config.yaml': config('mode: warn\nmax-open-high-risks: 0'),
      });
      assert.strictEqual(code, 1, stdout);
      assert.match(
        stdout,
        /^✗ \[fail\] no-errors: 1 error in the analysed files/m,
        'an unknown mode blocks, as before',
      );
    });
  });

  it('counts a mitigation reused through a YAML alias for every abuse case that names it', async () => {
    const { code, stdout } = await gate({
      'login.usecase.yaml': dedent(`
        backlog:
          - id: RM-2
            title: Rate-limit sign-in
        use_cases:
          - id: UC-login
            title: Sign in
            actor: Customer
            abuse_cases:
              - id: AB-stuffing
                title: Credential stuffing
                threatens: [confidentiality]
                likelihood: likely
                impact: major
                mitigations:
                  - &limit
                    title: Rate-limit sign-in attempts
                    backlog: [RM-2]
                    status: implemented
              - id: AB-spraying
                title: Password spraying
                threatens: [confidentiality]
                likelihood: likely
                impact: major
                mitigations: [*limit]
      `),
      'abuse-cases.config.yaml': config('max-open-high-risks: 0'),
    });
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /^✓ \[fail\] max-open-high-risks: 0 open high risks, the maximum is 0$/m);
  });

  it('shows control and bidirectional characters of the ids it lists escaped', async () => {
    const { code, stdout } = await gate({
      'login.usecase.yaml': product().replace('AB-stuffing', 'AB-stuf\u202efing'),
      'abuse-cases.config.yaml': config('max-open-high-risks: 0'),
    });
    assert.strictEqual(code, 1, stdout);
    assert.match(stdout, /^ {4}AB-stuf\\u\{202e\}fing \(UC-login\)$/m);
    assert.ok(!stdout.includes('\u202e'), 'never raw');
  });

  describe('require-mitigated-for-done', () => {
    it('fails on a done item whose use case still has an open abuse case', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product({ itemStatus: 'done' }),
        'abuse-cases.config.yaml': config('require-mitigated-for-done: true'),
      });
      assert.strictEqual(code, 1, stdout);
      assert.match(
        stdout,
        /^✗ \[fail\] require-mitigated-for-done: 1 done backlog item still builds a use case with an open abuse case$/m,
      );
      assert.match(stdout, /^ {4}RM-1 \(open: AB-stuffing\)$/m);
    });

    it('passes once the abuse case is mitigated', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product({ itemStatus: 'done', mitigation: 'implemented' }),
        'abuse-cases.config.yaml': config('require-mitigated-for-done: true'),
      });
      assert.strictEqual(code, 0, stdout);
      assert.match(
        stdout,
        /^✓ \[fail\] require-mitigated-for-done: every done backlog item has its abuse cases mitigated or accepted$/m,
      );
    });
  });

  describe('min-coverage', () => {
    it('fails below the minimum, by how many percentage points, naming the uncovered dimensions', async () => {
      // Credentials require all three dimensions; the abuse case covers one.
      const { code, stdout } = await gate({
        'login.usecase.yaml': product({ threatens: 'confidentiality', mitigation: 'implemented' }),
        'abuse-cases.config.yaml': config('min-coverage: 0.9'),
      });
      assert.strictEqual(code, 1, stdout);
      assert.match(
        stdout,
        /^✗ \[fail\] min-coverage: 33 % of the required CIA dimensions have an abuse case \(1 of 3\), 57 percentage points below the minimum of 90 %$/m,
      );
      assert.match(stdout, /^ {4}UC-login integrity$/m);
      assert.match(stdout, /^ {4}UC-login availability$/m);
    });

    it('passes at or above the minimum', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product({ threatens: 'confidentiality', mitigation: 'implemented' }),
        'abuse-cases.config.yaml': config('min-coverage: 0.3'),
      });
      assert.strictEqual(code, 0, stdout);
      assert.match(
        stdout,
        /^✓ \[fail\] min-coverage: 33 % of the required CIA dimensions have an abuse case \(1 of 3\), the minimum is 30 %$/m,
      );
    });
  });

  describe('security-capacity', () => {
    it('fails on a sprint below the share, with its figures and the shortfall', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product({ mitigation: 'implemented', securityPoints: 1 }),
        'abuse-cases.config.yaml': config('security-capacity: 0.2'),
      });
      assert.strictEqual(code, 1, stdout);
      assert.match(
        stdout,
        /^✗ \[fail\] security-capacity: 1 sprint below 20 % of points on security work: S1 at 11 % \(1 of 9 points, 9 percentage points short\)$/m,
      );
    });

    it('passes when every sprint reaches the share', async () => {
      const { code, stdout } = await gate({
        'login.usecase.yaml': product({ mitigation: 'implemented', securityPoints: 2 }),
        'abuse-cases.config.yaml': config('security-capacity: 0.2'),
      });
      assert.strictEqual(code, 0, stdout);
      assert.match(
        stdout,
        /^✓ \[fail\] security-capacity: every sprint with points spends at least 20 % on security work$/m,
      );
    });
  });

  describe('max-baseline-gaps', () => {
    const notes = (answers: string) =>
      [
        'product: Notes',
        'backlog:',
        '  - id: NT-1',
        '    title: Patch day',
        `    answers: [${answers}]`,
        'use_cases:',
        '  - id: UC-publish',
        '    title: Publish a public note',
        '    actor: Member',
        '    data: [public]',
        '    abuse_cases:',
        '      - id: AB-deface',
        '        title: A note is defaced',
        '        threatens: [integrity]',
        '        accepted: { by: Jane (CISO), reason: Public notes only, until: 2999-01-01 }',
        '',
      ].join('\n');

    it('fails with the count over the maximum and names each product and question', async () => {
      const { code, stdout } = await gate({
        'notes.usecase.yaml': notes('patching'),
        'abuse-cases.config.yaml': config('max-baseline-gaps: 0'),
      });
      assert.strictEqual(code, 1, stdout);
      assert.match(
        stdout,
        /^✗ \[fail\] max-baseline-gaps: 1 question of the security baseline not answered, 1 over the maximum of 0$/m,
      );
      assert.match(stdout, /^ {4}Notes: incident-readiness$/m);
    });

    it('passes once every question that applies is answered or turned off', async () => {
      const answered = await gate({
        'notes.usecase.yaml': notes('patching, incident-readiness'),
        'abuse-cases.config.yaml': config('max-baseline-gaps: 0'),
      });
      assert.strictEqual(answered.code, 0, answered.stdout);
      assert.match(
        answered.stdout,
        /^✓ \[fail\] max-baseline-gaps: 0 questions of the security baseline not answered, the maximum is 0$/m,
      );
      const turnedOff = await gate({
        'notes.usecase.yaml': notes('patching'),
        'abuse-cases.config.yaml': `${config('max-baseline-gaps: 0')}baseline:\n  turned-off:\n    - capability: incident-readiness\n      reason: The host runs incident response.\n`,
      });
      assert.strictEqual(turnedOff.code, 0, turnedOff.stdout);
    });
  });

  describe('max-overdue', () => {
    const evidence = [
      'backlog:',
      '  - id: OPS-7',
      '    title: Patch day',
      '    recurs: monthly',
      '    last_done: 2026-09-01',
      'use_cases:',
      '  - id: UC-restore',
      '    title: Restore a deleted roadmap',
      '    actor: Admin',
      '    abuse_cases:',
      '      - id: AB-lost',
      '        title: Backups turn out to be unusable',
      '        threatens: [availability]',
      '        mitigations:',
      '          - title: Restore drill',
      '            status: verified',
      '            verified_on: 2026-05-01',
      '            reverify_every: 3m',
      '',
    ].join('\n');

    it('counts lapsed verifications and recurring work, as of --today, and names each', async () => {
      const { code, stdout } = await gate(
        { 'ops.usecase.yaml': evidence, 'abuse-cases.config.yaml': config('max-overdue: 0') },
        '--today',
        '2026-11-24',
      );
      assert.strictEqual(code, 1, stdout);
      assert.match(stdout, /^✗ \[fail\] max-overdue: 2 pieces of evidence lapsed, 2 over the maximum of 0$/m);
      assert.match(stdout, /^ {4}'Restore drill' verification, due 2026-08-01$/m);
      assert.match(stdout, /^ {4}OPS-7, due 2026-10-01$/m);
      const earlier = await gate(
        { 'ops.usecase.yaml': evidence, 'abuse-cases.config.yaml': config('max-overdue: 0') },
        '--today',
        '2026-08-01',
      );
      assert.strictEqual(earlier.code, 0, earlier.stdout);
      assert.match(earlier.stdout, /^✓ \[fail\] max-overdue: 0 pieces of evidence lapsed, the maximum is 0$/m);
    });
  });

  it('checks every threshold at once and reports each, as JSON too', async () => {
    const files = {
      'login.usecase.yaml': product({ itemStatus: 'done', threatens: 'confidentiality' }),
      'abuse-cases.config.yaml': config(
        'max-open-high-risks: 0\nrequire-mitigated-for-done: true\nmin-coverage: 0.9\nsecurity-capacity: 0.2',
      ),
    };
    const { code, stdout } = await gate(files, '--format', 'json');
    assert.strictEqual(code, 1);
    const result = JSON.parse(stdout) as { passed: boolean; thresholds: { threshold: string; passed: boolean }[] };
    assert.strictEqual(result.passed, false);
    assert.deepStrictEqual(
      result.thresholds.map((t) => [t.threshold, t.passed]),
      [
        ['no-errors', true],
        ['max-open-high-risks', false],
        ['require-mitigated-for-done', false],
        ['min-coverage', false],
        ['security-capacity', false],
      ],
    );
  });

  it('without a configuration, stops open high risks and done work with open risks', async () => {
    const { code, stdout } = await gate({ 'login.usecase.yaml': product({ itemStatus: 'done' }) });
    assert.strictEqual(code, 1, stdout);
    assert.match(stdout, /^✗ \[fail\] max-open-high-risks: 1 open high risk, 1 over the maximum of 0$/m);
    assert.match(stdout, /^✗ \[fail\] require-mitigated-for-done: /m);
    assert.doesNotMatch(stdout, /min-coverage|security-capacity/);
  });

  it('fails on an error finding, even one in the configuration itself', async () => {
    const { code, stdout } = await gate({
      'login.usecase.yaml': product({ mitigation: 'implemented' }),
      'abuse-cases.config.yaml': config('min-coverage: 90'),
    });
    assert.strictEqual(code, 1, stdout);
    assert.match(stdout, /^✗ \[fail\] no-errors: 1 error in the analysed files \(run abuse-cases check\)$/m);
  });

  it('does not count an error its file suppresses with a comment', async () => {
    const { code, stdout } = await gate({
      'login.usecase.yaml': product({ mitigation: 'implemented' }),
      'abuse-cases.config.yaml': config(
        '# abuse-cases-disable-next-line invalid-value -- read as a percentage by our dashboards\nmin-coverage: 90',
      ),
    });
    assert.strictEqual(code, 0, stdout);
    assert.match(stdout, /^✓ \[fail\] no-errors: no errors in the analysed files$/m);
  });

  it('reads the configuration given with --config, and refuses one that does not exist', async () => {
    const passing = await gate(
      {
        'login.usecase.yaml': product(),
        'ci/strict.yaml': config('max-open-high-risks: 5'),
        'abuse-cases.config.yaml': config('max-open-high-risks: 0'),
      },
      '--config',
      'ci/strict.yaml',
    );
    assert.strictEqual(passing.code, 0, passing.stdout);
    const missing = await gate({}, '--config', 'nowhere.yaml');
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /cannot read the configuration file nowhere\.yaml/);
  });
});
