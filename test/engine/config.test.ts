import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { DEFAULT_CONFIG, projectConfigOf, RULES, Workspace } from '../../server/src/engine';
import { CONFIG_FILE, CONFIG_FILE_NAME, DATA_CLASS, GATE } from '../../server/src/engine/config';
import { completionsAt } from '../../server/src/engine/features/completion';
import { hoverAt } from '../../server/src/engine/features/hover';
import { parseFile } from '../../server/src/engine/workspace';
import { MAIN_URI, TODAY } from '../helpers/engine';
import { atCursor } from '../helpers/features';
import { dedent, marked } from '../helpers/marked';

const CONFIG_URI = `file:///workspace/${CONFIG_FILE_NAME}`;
const configOf = (text: string) => projectConfigOf(parseFile(CONFIG_URI, dedent(text)).tree);

/** A use case on credentials whose abuse cases, an attacker's and a careless customer's, threaten only confidentiality. */
const LOGIN = dedent(`
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
          threatens: [confidentiality]
          likelihood: likely
          impact: major
          accepted: { by: Jane (CISO), reason: Pilot only, until: 2999-01-01 }
        - id: AB-shared-device
          title: A customer stays signed in on a shared computer
          intent: unwitting
          threatens: [confidentiality]
          likelihood: possible
          impact: minor
          accepted: { by: Jane (CISO), reason: Pilot only, until: 2999-01-01 }
`);

function findings(config: string, text = LOGIN) {
  const workspace = new Workspace({ today: () => TODAY, config: configOf(config) });
  workspace.set(MAIN_URI, text);
  return workspace.diagnostics(MAIN_URI).map((d) => `${d.severity} ${d.code}`);
}

describe('project configuration (abuse-cases.config.yaml)', () => {
  it('reads every setting', () => {
    const config = configOf(`
      rules:
        unrated-risk: off
        cia-uncovered: error
      data-classes:
        - name: loyalty-points
          description: Points customers earn and spend.
          confidentiality: low
          integrity: high
          availability: medium
        - name: prescriptions
          special-category: true
          confidentiality: high
          integrity: high
          availability: medium
      catalogs: [shared/threats.abusecatalog.yaml]
      include: ['product/**/*.usecase.yaml']
      exclude: ['**/drafts/**']
      gate:
        mode: report
        modes:
          max-open-high-risks: fail
        max-open-high-risks: 2
        require-mitigated-for-done: false
        min-coverage: 0.9
        security-capacity: 0.25
        max-baseline-gaps: 1
        max-overdue: 0
        require-source: [feedback, research, not-a-kind]
        require-security-for-release: true
      security-capacity-target: 0.3
      current-release: "2027.1"
      max-file-size: 2.5
      expiring-within: 14
      baseline:
        turned-off:
          - capability: consent
            reason: Employers create the accounts under contract; we ask no consent.
        severities:
          patching: error
          data-minimisation: info
        capabilities:
          - id: access-review
            name: Access reviews
            question: are the people who can read patient records reviewed every quarter?
            applies-when:
              data: [prescriptions]
              at-least: { confidentiality: high }
              words: [record]
            controls: [nist-800-53:AC-2]
            how-to: A quarterly review of who can read records.
            severity: error
          - id: on-call
            question: is someone on call every night?
    `);
    assert.deepStrictEqual(config, {
      rules: { 'unrated-risk': 'off', 'cia-uncovered': 'error' },
      dataClasses: [
        {
          name: 'loyalty-points',
          description: 'Points customers earn and spend.',
          requires: { confidentiality: 'low', integrity: 'high', availability: 'medium' },
          personal: false,
          specialCategory: false,
        },
        {
          name: 'prescriptions',
          description: '',
          requires: { confidentiality: 'high', integrity: 'high', availability: 'medium' },
          // A special category is personal data too.
          personal: true,
          specialCategory: true,
        },
      ],
      catalogs: ['shared/threats.abusecatalog.yaml'],
      include: ['product/**/*.usecase.yaml'],
      exclude: ['**/drafts/**'],
      gate: {
        mode: 'report',
        modes: { 'max-open-high-risks': 'fail' },
        maxOpenHighRisks: 2,
        requireMitigatedForDone: false,
        minCoverage: 0.9,
        securityCapacity: 0.25,
        maxBaselineGaps: 1,
        maxOverdue: 0,
        requireSource: ['feedback', 'research'],
        requireSecurityForRelease: true,
      },
      securityCapacityTarget: 0.3,
      currentRelease: '2027.1',
      maxFileBytes: 2.5 * 1024 * 1024,
      expiringWithinDays: 14,
      baseline: {
        turnedOff: [
          { capability: 'consent', reason: 'Employers create the accounts under contract; we ask no consent.' },
        ],
        severities: { patching: 'error', 'data-minimisation': 'information' },
        capabilities: [
          {
            id: 'access-review',
            name: 'Access reviews',
            question: 'are the people who can read patient records reviewed every quarter?',
            applies: {
              always: undefined,
              personal: undefined,
              specialCategory: undefined,
              data: ['prescriptions'],
              atLeast: { confidentiality: 'high' },
              words: ['record'],
              vendors: undefined,
              lawfulBasis: undefined,
            },
            controls: ['nist-800-53:AC-2'],
            howTo: 'A quarterly review of who can read records.',
            severity: 'error',
            origin: 'config',
          },
          {
            // Without applies-when, a question of the team applies to every product.
            id: 'on-call',
            name: 'on-call',
            question: 'is someone on call every night?',
            applies: { always: true },
            controls: [],
            howTo: '',
            severity: undefined,
            origin: 'config',
          },
        ],
      },
    });
  });

  it('is the default when empty, and keeps the default gate without a gate section', () => {
    assert.deepStrictEqual(configOf(''), DEFAULT_CONFIG);
    assert.deepStrictEqual(configOf('security-capacity-target: 0.1').gate, {
      maxOpenHighRisks: 0,
      requireMitigatedForDone: true,
    });
  });

  it('skips what is invalid, and the same rules as everywhere report it in the configuration file', () => {
    const text = dedent(`
      rules:
        unrated-risk: of
        no-such-rule: off
      data-classes:
        - name: Loyalty Points
          confidentiality: low
          integrity: high
      gate:
        min-coverage: 90
      security-capacity-target: [0.2]
    `);
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(CONFIG_URI, text);
    const config = projectConfigOf(workspace.file(CONFIG_URI)!.tree);
    assert.deepStrictEqual(config.rules, {});
    assert.deepStrictEqual(config.dataClasses, []);
    assert.strictEqual(config.gate.minCoverage, undefined);
    assert.strictEqual(config.securityCapacityTarget, 0.2);
    const messages = workspace.diagnostics(CONFIG_URI).map((d) => `${d.code}: ${d.message}`);
    assert.deepStrictEqual(messages, [
      "invalid-value: 'of' is not a valid value for 'unrated-risk'. Did you mean 'off'? Expected one of: off, hint, info, warning, error.",
      `unknown-key: Unknown key 'no-such-rule' in a rules section. Expected one of: ${RULES.map((rule) => rule.code).join(', ')}.`,
      "missing-field: This data class has no 'availability'.",
      "invalid-value: 'Loyalty Points' is not a valid item of 'name'; write it like loyalty-points.",
      "invalid-value: 'min-coverage' must be a finite number from 0 to 1, not 90.",
      "wrong-type: 'security-capacity-target' expects a number, not a list.",
    ]);
  });

  it('names the configuration in the message for a file that is not a mapping', () => {
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(CONFIG_URI, '- rules\n');
    assert.match(
      workspace.diagnostics(CONFIG_URI)[0].message,
      /^A configuration file is a mapping with 'rules', 'data-classes', 'catalogs', 'include', 'exclude', 'gate', 'baseline', 'current-release', 'expiring-within', 'max-file-size' and 'security-capacity-target', not a list\.$/,
    );
  });

  it('sets rule severities: off silences a rule, a severity replaces even a per-finding one', () => {
    assert.deepStrictEqual(findings(''), ['warning cia-uncovered', 'information cia-uncovered']);
    assert.deepStrictEqual(findings('rules:\n  cia-uncovered: error'), ['error cia-uncovered', 'error cia-uncovered']);
    assert.deepStrictEqual(findings('rules:\n  cia-uncovered: off'), []);
  });

  it('adds data classes with their CIA levels, and a project class replaces a built-in one', () => {
    const redeem = LOGIN.replace('[credentials]', '[loyalty-points]');
    assert.deepStrictEqual(findings('', redeem), ['error unknown-data-class']);
    const loyalty =
      'data-classes:\n  - name: loyalty-points\n    confidentiality: high\n    integrity: low\n    availability: none\n';
    assert.deepStrictEqual(findings(loyalty, redeem), []);
    const credentials =
      'data-classes:\n  - name: credentials\n    confidentiality: high\n    integrity: none\n    availability: none\n';
    assert.deepStrictEqual(findings(credentials), []);
  });

  it('applies a new configuration to the files already analysed', () => {
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(MAIN_URI, LOGIN);
    assert.strictEqual(workspace.diagnostics(MAIN_URI).length, 2);
    assert.deepStrictEqual(workspace.configure(configOf('rules:\n  cia-uncovered: off')), [MAIN_URI]);
    assert.strictEqual(workspace.diagnostics(MAIN_URI).length, 0);
  });

  it('completes rule codes and their severities, and hovers a rule with its description', () => {
    const codes = completionsAt(...args(atCursor('rules:\n  |', {}, CONFIG_URI)));
    assert.ok(
      codes.some((c) => c.label === 'cia-uncovered'),
      codes.map((c) => c.label).join(),
    );
    const severities = completionsAt(...args(atCursor('rules:\n  unrated-risk: |', {}, CONFIG_URI))).map(
      (c) => c.label,
    );
    assert.deepStrictEqual(severities, ['off', 'hint', 'info', 'warning', 'error']);
    const { text, cursor } = marked('gate:\n  min-cov|erage: 0.9\n', { cursor: true });
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(CONFIG_URI, text);
    const hover = hoverAt(workspace, CONFIG_URI, cursor!);
    assert.match(JSON.stringify(hover), /required CIA dimensions/);
  });
});

describe('docs/configuration.md', () => {
  const page = readFileSync(path.resolve(__dirname, '../../../docs/configuration.md'), 'utf8');
  for (const shape of [CONFIG_FILE, DATA_CLASS, GATE]) {
    it(`documents every key of ${shape.name}`, () => {
      for (const key of Object.keys(shape.fields))
        assert.ok(page.includes(`\`${key}`), `docs/configuration.md does not mention \`${key}\``);
    });
  }
});

function args(document: ReturnType<typeof atCursor>): [Workspace, string, number] {
  return [document.workspace, document.uri, document.offset];
}
