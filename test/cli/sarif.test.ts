import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Log } from 'sarif';
import { RULES } from '../../server/src/engine';

// The published SARIF 2.1.0 schema (draft-04), shipped inside @microsoft/jest-sarif: no network needed.
import SARIF_SCHEMA from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function validateSarif(log: unknown): string[] {
  // The schema's language-tag pattern is not valid as a unicode RegExp, hence unicodeRegExp: false.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(SARIF_SCHEMA);
  return validate(log) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('abuse-cases check --format sarif', () => {
  let folder: string;
  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-sarif-'));
    await fs.mkdir(path.join(folder, 'plans'));
    await fs.writeFile(path.join(folder, 'plans/backlog.usecase.yaml'), 'backlog:\n  - id: RM-1\n    title: Sign in\n');
    await fs.writeFile(
      path.join(folder, 'plans/login.usecase.yaml'),
      'backlog:\n  - id: RM-1\n    title: Again\nuse_cases:\n  - id: UC-login\n    title: Sign in\n    actor: Customer\n    backlog: [RM-1]\n    data: [credentials]\n',
    );
  });
  after(() => fs.rm(folder, { recursive: true, force: true }));

  const check = () =>
    spawnSync(process.execPath, [CLI, 'check', '--format', 'sarif'], { cwd: folder, encoding: 'utf8' });

  it('writes a SARIF 2.1.0 log that is valid against the published schema, and exits as the text format does', () => {
    const { status, stdout } = check();
    assert.strictEqual(status, 1, 'the duplicate id is an error');
    assert.deepStrictEqual(validateSarif(JSON.parse(stdout)), []);
  });

  it('describes every rule, with its help and documentation link, so code-scanning UIs can show them', () => {
    const log: Log = JSON.parse(check().stdout);
    const rules = log.runs[0].tool.driver.rules!;
    assert.deepStrictEqual(
      rules.map((rule) => rule.id),
      RULES.map((rule) => rule.code),
    );
    const ciaUncovered = rules.find((rule) => rule.id === 'cia-uncovered')!;
    assert.strictEqual(
      ciaUncovered.helpUri,
      'https://github.com/abuse-cases/abuse-cases/blob/main/docs/rules/cia-uncovered.md',
    );
    assert.match(ciaUncovered.help!.markdown!, /payment/);
  });

  it('locates findings relative to the checked folder, with 1-based regions and related locations across files', () => {
    const log: Log = JSON.parse(check().stdout);
    const run = log.runs[0];
    assert.strictEqual(run.originalUriBaseIds!.SRCROOT.uri, `file://${folder}/`);
    const duplicate = run.results!.find(
      (result) =>
        result.ruleId === 'duplicate-id' &&
        result.locations![0].physicalLocation!.artifactLocation!.uri === 'plans/login.usecase.yaml',
    )!;
    assert.deepStrictEqual(duplicate.locations![0].physicalLocation!.region, {
      startLine: 2,
      startColumn: 9,
      endLine: 2,
      endColumn: 13,
    });
    assert.strictEqual(duplicate.level, 'error');
    assert.strictEqual(run.tool.driver.rules![duplicate.ruleIndex!].id, 'duplicate-id');
    assert.deepStrictEqual(
      duplicate.relatedLocations!.map((related) => [
        related.physicalLocation!.artifactLocation!.uri,
        related.physicalLocation!.region!.startLine,
      ]),
      [['plans/backlog.usecase.yaml', 2]],
    );
    const medium = run.results!.find(
      (result) => result.ruleId === 'cia-uncovered' && /Availability/.test(result.message.text!),
    )!;
    assert.strictEqual(medium.level, 'note', 'information maps to note');
  });

  it('carries suppressed findings as results with inSource suppressions, their reasons as justifications', async () => {
    await fs.writeFile(
      path.join(folder, 'plans/pay.usecase.yaml'),
      [
        'use_cases:',
        '  - id: UC-pay',
        '    title: Pay an invoice',
        '    actor: Customer',
        '    # abuse-cases-disable-next-line unknown-vendor -- the vendors live in the payments repository',
        '    vendors: [stripe]',
        '    # abuse-cases-disable-next-line unknown-data-class',
        '    data: [ledger]',
        '',
      ].join('\n'),
    );
    try {
      const { stdout } = check();
      const log: Log = JSON.parse(stdout);
      assert.deepStrictEqual(validateSarif(log), []);
      const inPay = log.runs[0].results!.filter(
        (result) => result.locations![0].physicalLocation!.artifactLocation!.uri === 'plans/pay.usecase.yaml',
      );
      const suppressionsOf = (ruleId: string) => inPay.find((result) => result.ruleId === ruleId)?.suppressions;
      assert.deepStrictEqual(suppressionsOf('unknown-vendor'), [
        {
          kind: 'inSource',
          justification: 'the vendors live in the payments repository',
          location: {
            physicalLocation: {
              artifactLocation: { uri: 'plans/pay.usecase.yaml', uriBaseId: 'SRCROOT' },
              region: { startLine: 5, startColumn: 5, endLine: 5, endColumn: 98 },
            },
          },
        },
      ]);
      assert.deepStrictEqual(
        suppressionsOf('unknown-data-class')!.map((suppression) => [suppression.kind, suppression.justification]),
        [['inSource', undefined]],
      );
      // What is not suppressed has no suppressions (SARIF: unknown), as before.
      assert.strictEqual(suppressionsOf('no-abuse-cases'), undefined);
    } finally {
      await fs.rm(path.join(folder, 'plans/pay.usecase.yaml'));
    }
  });
});
