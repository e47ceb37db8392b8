import * as assert from 'assert';
import { Workspace } from '../../../server/src/engine';
import { analyse, expectFindings, expectNoFindings } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

const CATALOG_URI = 'file:///workspace/team.abusecatalog.yaml';
const TEAM_CATALOG = `
  templates:
    - id: roadmap-scraping
      title: A competitor scrapes our public roadmaps
      description: Bots read every public roadmap and rebuild our plans.
      intent: malicious
      actor: Competitor
      threatens: [confidentiality]
      stride: information-disclosure
      data: [internal]
      mitigations:
        - title: Rate-limit public roadmap pages
          controls: [nist-800-53:SC-5]
`;

const useCaseWithTemplate = (template: string) => `
  use_cases:
    - id: UC-login
      title: Sign in
      actor: Customer
      abuse_cases:
        - id: AB-stuffing
          title: Credential stuffing
          threatens: [confidentiality]
          template: ${template}
`;

describe('rule unknown-template', () => {
  it('warns on a template that is in no catalog, suggesting the closest id', () => {
    const [finding] = expectFindings('unknown-template', useCaseWithTemplate('⟦credential-stufing⟧'));
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "No template 'credential-stufing' in the threat catalog. Did you mean 'credential-stuffing'?",
    );
    assert.deepStrictEqual(finding.data, { suggestion: 'credential-stuffing' });
  });

  it('accepts a built-in template', () => {
    expectNoFindings('unknown-template', useCaseWithTemplate('credential-stuffing'));
  });

  it('accepts a template defined by a team catalog file in the workspace', () => {
    expectNoFindings('unknown-template', useCaseWithTemplate('roadmap-scraping'), { [CATALOG_URI]: TEAM_CATALOG });
    expectFindings('unknown-template', useCaseWithTemplate('⟦roadmap-scraping⟧'));
  });

  it('is re-checked when the team catalog that defines the template goes away', () => {
    const workspace = new Workspace({ today: () => '2026-11-24' });
    workspace.set(CATALOG_URI, dedent(TEAM_CATALOG));
    workspace.set('file:///workspace/login.usecase.yaml', dedent(useCaseWithTemplate('roadmap-scraping')));
    assert.deepStrictEqual(
      workspace.diagnostics('file:///workspace/login.usecase.yaml').filter((d) => d.code === 'unknown-template'),
      [],
    );
    assert.ok(workspace.delete(CATALOG_URI).includes('file:///workspace/login.usecase.yaml'));
    assert.strictEqual(
      workspace.diagnostics('file:///workspace/login.usecase.yaml').filter((d) => d.code === 'unknown-template').length,
      1,
    );
  });
});

describe('team catalog files (*.abusecatalog.yaml)', () => {
  const analyseCatalog = (text: string, others: Record<string, string> = {}) => {
    const workspace = new Workspace({ today: () => '2026-11-24' });
    for (const [uri, other] of Object.entries(others)) workspace.set(uri, dedent(other));
    workspace.set(CATALOG_URI, dedent(text));
    return { workspace, findings: workspace.diagnostics(CATALOG_URI) };
  };

  it('are checked with the same rules as use-case files', () => {
    const { findings } = analyseCatalog(
      TEAM_CATALOG.replace('stride: information-disclosure', 'stride: information-disclosre')
        .replace('data: [internal]', 'data: [internl]\n      capec: [600]')
        .replace('      intent: malicious\n', ''),
    );
    assert.deepStrictEqual(findings.map((d) => d.code).sort(), [
      'invalid-value',
      'invalid-value',
      'missing-field',
      'unknown-data-class',
    ]);
    assert.match(
      findings.map((d) => d.message).join('\n'),
      /'600' is not a valid item of 'capec'; write it like CAPEC-600\./,
    );
  });

  it('override a built-in template with the same id, and add new ones to the catalog', () => {
    const { workspace, findings } = analyseCatalog(
      TEAM_CATALOG.replace('id: roadmap-scraping', 'id: credential-stuffing'),
    );
    assert.deepStrictEqual(findings, []);
    assert.strictEqual(workspace.templateOf('credential-stuffing')?.title, 'A competitor scrapes our public roadmaps');
    assert.strictEqual(workspace.templateOf('credential-stuffing')?.origin?.uri, CATALOG_URI);
    assert.strictEqual(workspace.catalog().filter((template) => template.id === 'credential-stuffing').length, 1);
  });

  it('report a template id defined by two team catalogs, but not one shared with a use case', () => {
    const other = 'file:///workspace/other.abusecatalog.yaml';
    const { findings } = analyseCatalog(TEAM_CATALOG, {
      [other]: TEAM_CATALOG,
      'file:///workspace/x.usecase.yaml':
        'backlog:\n  - id: roadmap-scraping\n    title: A backlog item with the same id\n',
    });
    const duplicates = findings.filter((d) => d.code === 'duplicate-id');
    assert.strictEqual(duplicates.length, 1);
    assert.deepStrictEqual(
      duplicates[0].related?.map((r) => r.uri),
      [other],
    );
  });

  it('do not know use-case keys', () => {
    const findings = analyse('templates: []\n');
    assert.deepStrictEqual(
      findings.map((d) => d.code),
      ['unknown-key'],
    );
  });
});
