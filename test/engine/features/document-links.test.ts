import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as path from 'path';
import { BUILT_IN_TEMPLATES } from '../../../server/src/engine/catalog';
import { builtInCatalogUrl, documentLinksOf } from '../../../server/src/engine/features/documentLinks';
import { MAIN_URI } from '../../helpers/engine';
import { TEAM_CATALOG_URI, workspaceWith } from '../../helpers/features';
import { dedent } from '../../helpers/marked';

const ROOT = path.resolve(__dirname, '../../../..');

const TEAM_CATALOG = `
  templates:
    - id: roadmap-leak
      title: A private roadmap is shared by mistake
      description: A member shares a roadmap link publicly.
      intent: unwitting
      actor: Member
      threatens: [confidentiality]
      stride: information-disclosure
      capec: [CAPEC-600]
      cwe: [CWE-200]
      data: [customer-content]
      mitigations:
        - title: Expire shared links
          controls: [gdpr:art-25]
`;

/** Each link of the document as [the text it covers, where it leads]. */
function linksOf(source: string, others: Record<string, string> = {}, uri = MAIN_URI): [string, string][] {
  const text = dedent(source);
  const workspace = workspaceWith(text, others, uri);
  return documentLinksOf(workspace, uri).map(({ range, target }) => [text.slice(range.start, range.end), target]);
}

const mitigationWith = (controls: string) => `
  use_cases:
    - id: UC-1
      title: Sign in
      actor: Member
      abuse_cases:
        - id: AC-1
          title: Credential stuffing
          threatens: [confidentiality]
          mitigations:
            - title: Rate-limit sign-in
              controls: ${controls}
`;

describe('document links', () => {
  it('links ASVS, NIST SP 800-53, GDPR, CAPEC and CWE tags of a mitigation to their public pages', () => {
    assert.deepStrictEqual(
      linksOf(
        mitigationWith('[asvs:V2.2.1, asvs:V6, nist-800-53:AC-2, nist-800-53:CP-9(1), nist-800-53:AU, gdpr:art-32]'),
      ),
      [
        ['asvs:V2.2.1', 'https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x11-V2-Authentication.md'],
        ['asvs:V6', 'https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x14-V6-Cryptography.md'],
        [
          'nist-800-53:AC-2',
          'https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_1/home?element=AC-02',
        ],
        [
          'nist-800-53:CP-9(1)',
          'https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_1/home?element=CP-09(01)',
        ],
        [
          'nist-800-53:AU',
          'https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_1/home?element=AU',
        ],
        ['gdpr:art-32', 'https://gdpr-info.eu/art-32-gdpr/'],
      ],
    );
    assert.deepStrictEqual(linksOf(mitigationWith('[gdpr:art-5-1-c, "gdpr:art-7(3)", capec:CAPEC-62, CWE-352]')), [
      ['gdpr:art-5-1-c', 'https://gdpr-info.eu/art-5-gdpr/'],
      ['"gdpr:art-7(3)"', 'https://gdpr-info.eu/art-7-gdpr/'],
      ['capec:CAPEC-62', 'https://capec.mitre.org/data/definitions/62.html'],
      ['CWE-352', 'https://cwe.mitre.org/data/definitions/352.html'],
    ]);
  });

  it('says in a tooltip what the page is', () => {
    const text = dedent(mitigationWith('[asvs:V2.2.1, nist-800-53:CP-9(1), gdpr:art-32]'));
    const tooltips = documentLinksOf(workspaceWith(text), MAIN_URI).map((link) => link.tooltip);
    assert.deepStrictEqual(tooltips, [
      'OWASP ASVS 4.0.3 requirement 2.2.1: V2 Authentication',
      'NIST SP 800-53 Rev. 5 control enhancement CP-9(1)',
      'GDPR article 32',
    ]);
  });

  it('gives no link to a tag kind without public pages, nor to a code its standard does not have', () => {
    assert.deepStrictEqual(
      linksOf(
        mitigationWith(
          '[iso27001:A.8.13, pci-dss:6.4.3, eprivacy:art-5, gdpr:, gdpr:recital-39, asvs:V15.1, nist-800-53:XY-1, owasp]',
        ),
      ),
      [],
    );
  });

  it("links a team template's CAPEC and CWE ids and its suggested mitigations' controls", () => {
    assert.deepStrictEqual(linksOf(TEAM_CATALOG, {}, TEAM_CATALOG_URI), [
      ['CAPEC-600', 'https://capec.mitre.org/data/definitions/600.html'],
      ['CWE-200', 'https://cwe.mitre.org/data/definitions/200.html'],
      ['gdpr:art-25', 'https://gdpr-info.eu/art-25-gdpr/'],
    ]);
  });

  it("links `template:` to a team template's file at its id, and a built-in one to its entry of the catalog page", () => {
    const source = `
      use_cases:
        - id: UC-1
          title: Share a roadmap
          actor: Member
          abuse_cases:
            - id: AC-1
              template: roadmap-leak
              title: Leak
              threatens: [confidentiality]
            - id: AC-2
              template: credential-stuffing
              title: Stuffing
              threatens: [confidentiality]
            - id: AC-3
              template: no-such-template
              title: Unknown
              threatens: [confidentiality]
    `;
    assert.deepStrictEqual(linksOf(source, { [TEAM_CATALOG_URI]: TEAM_CATALOG }), [
      // The catalog's id is on its line 2 (1-based), after `  - id: `.
      ['roadmap-leak', `${TEAM_CATALOG_URI}#L2,9`],
      [
        'credential-stuffing',
        'https://github.com/abuse-cases/abuse-cases/blob/main/docs/catalog.md#credential-stuffing',
      ],
    ]);
    const text = dedent(source);
    const tooltips = documentLinksOf(workspaceWith(text, { [TEAM_CATALOG_URI]: TEAM_CATALOG }), MAIN_URI).map(
      (link) => link.tooltip,
    );
    assert.deepStrictEqual(tooltips, [
      'Team template in team.abusecatalog.yaml: A private roadmap is shared by mistake',
      'Built-in template: Attackers take over accounts by replaying passwords leaked from other sites',
    ]);
  });

  it('links every built-in template to a heading that docs/catalog.md has', async () => {
    const catalog = await fs.readFile(path.join(ROOT, 'docs/catalog.md'), 'utf8');
    // GitHub's anchor of a heading: lower case, punctuation (the backticks) dropped, spaces as hyphens.
    const anchors = new Set(
      [...catalog.matchAll(/^#+ (.+)$/gm)].map(([, heading]) =>
        heading
          .toLowerCase()
          .replace(/[^\w\s-]/g, '')
          .replace(/\s/g, '-'),
      ),
    );
    const missing = BUILT_IN_TEMPLATES.map((template) => builtInCatalogUrl(template.id).split('#')[1]).filter(
      (anchor) => !anchors.has(anchor),
    );
    assert.deepStrictEqual(missing, []);
  });

  it('gives no links, and does not throw, for an empty file, a flow map, text that is not YAML or a half-typed tag', () => {
    for (const text of [
      '',
      '{use_cases: [{id: UC-1}]}',
      ']]] not: [yaml',
      mitigationWith('[asvs:'),
      'controls: [gdpr:art-32]',
    ])
      assert.deepStrictEqual(linksOf(text), [], JSON.stringify(text));
  });
});
