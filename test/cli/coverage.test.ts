import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
/** `UPDATE_GOLDEN=1 npm test` rewrites the golden files after an intended change of the report or the examples. */
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function coverage(...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'coverage', ...args], { cwd: ROOT, encoding: 'utf8' });
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test/cli/golden', name);
  if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
  assert.strictEqual(
    actual,
    readFileSync(file, 'utf8'),
    `${name} differs: run UPDATE_GOLDEN=1 npm test if the change is intended`,
  );
}

describe('abuse-cases coverage', () => {
  it('prints the markdown report of the sample workspace (golden file)', () => {
    const { status, stdout } = coverage('examples', '--today', '2026-11-24');
    assert.strictEqual(status, 0);
    expectGolden('coverage.md', stdout);
    // Every abuse case of UC-subscribe is closed, but none threatens integrity, which payment data requires.
    assert.match(
      stdout,
      /^\| UC-subscribe \| Pay for a subscription by card \| RM-401 \| ✓ mitigated · high \| ✗ \*\*not thought of\*\* · high \| ✓ mitigated · medium \| – \|$/m,
    );
    // The abuse cases of UC-mfa are all open: open, not a tick.
    assert.match(
      stdout,
      /^\| UC-mfa \| .* \| ! open · high \| ! open · high \| ! open · medium \| AB-mfa-lost-phone, AB-mfa-support-reset \|$/m,
    );
    // A security story shows what its mitigations answer, not dashes; an epic whose abuse cases are closed is not flagged.
    assert.match(
      stdout,
      /^\| RM-302 \| Shared links expire and can be revoked \| Sprint 45 \| todo \| ! open · high \| – \| – \| AB-link-forwarded \|$/m,
    );
    assert.match(
      stdout,
      /^\| RM-200 \| Workspace administration \| {2}\| in-progress \| ✓ mitigated · high \| ✓ mitigated · high \| ✓ mitigated · medium \| – \|$/m,
    );
    assert.match(stdout, /^- ✓✓ \*verified\*: /m);
  });

  it('prints the coverage model as JSON (golden file)', () => {
    const { status, stdout } = coverage('examples', '--format', 'json', '--today', '2026-11-24');
    assert.strictEqual(status, 0);
    expectGolden('coverage.json', stdout);
    const model = JSON.parse(stdout);
    assert.strictEqual(model.summary.useCases, 11);
    assert.ok(!stdout.includes('"location"'), 'no editor locations in the report');
    const subscribe = model.backlog
      .flatMap((item: { children: { useCases: { id: string; cia: Record<string, { state: string }> }[] }[] }) =>
        item.children.flatMap((child) => child.useCases),
      )
      .find((u: { id: string }) => u.id === 'UC-subscribe');
    assert.deepStrictEqual(
      Object.values(subscribe.cia).map((mark) => (mark as { state: string }).state),
      ['mitigated', 'uncovered', 'mitigated'],
      'each dimension carries its state, as the sidebar shows it',
    );
  });

  it('evaluates acceptances as of --today: a later day opens an expired acceptance', () => {
    const later = JSON.parse(coverage('examples', '--format', 'json', '--today', '2027-10-01').stdout);
    const now = JSON.parse(coverage('examples', '--format', 'json', '--today', '2026-11-24').stdout);
    assert.ok(later.summary.closedAbuseCases < now.summary.closedAbuseCases);
  });

  it('rejects a malformed --today with a usage error', () => {
    const { status, stderr } = coverage('examples', '--today', '2026-13-01');
    assert.strictEqual(status, 2);
    assert.match(stderr, /expected a date as YYYY-MM-DD/);
  });

  it('keeps hostile titles inside their table cell: no new row, heading, HTML or link from user text', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'abuse-cases-markdown-'));
    try {
      writeFileSync(
        path.join(folder, 'hostile.usecase.yaml'),
        [
          'backlog:',
          '  - id: RM-1',
          '    title: "Pay\\n# Injected heading\\n| RM-666 | forged row |"',
          '    sprint: "42 <img src=x onerror=alert(1)>"',
          'use_cases:',
          '  - id: UC-pay',
          '    title: "Click [here](javascript:alert(1)) or <script>alert(1)</script> **now**"',
          '    actor: Customer',
          '    backlog: [RM-1]',
          '',
        ].join('\n'),
      );
      const { status, stdout } = coverage(folder, '--today', '2026-11-24');
      assert.strictEqual(status, 0);
      const lines = stdout.split('\n');
      assert.deepStrictEqual(
        lines.filter((line) => line.startsWith('#')),
        [
          '# Security coverage',
          '## Backlog items',
          '## Use cases',
          '## Security baseline',
          '## Security capacity per sprint',
          '## What the marks mean',
        ],
      );
      assert.deepStrictEqual(
        lines.filter((line) => line.startsWith('| RM-')).length,
        1,
        'one row for RM-1, none forged',
      );
      // Only escaped brackets and angle brackets are left: no tag, no link target.
      assert.ok(!/(?<!\\)<(script|img)|(?<!\\)\]\(javascript:/.test(stdout), stdout);
      assert.match(
        stdout,
        /^\| RM-1 \| Pay # Injected heading \\\| RM-666 \\\| forged row \\\| \| 42 \\<img src=x onerror=alert\(1\)\\> \|/m,
      );
      assert.match(
        stdout,
        /^\| UC-pay \| Click \\\[here\\\]\(javascript:alert\(1\)\) or \\<script\\>alert\(1\)\\<\/script\\> \\\*\\\*now\\\*\\\* \|/m,
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
