import * as assert from 'assert';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { dedent } from '../helpers/marked';
import { fileUri, LspSession } from '../helpers/lspSession';

const has = (code: string) => (diagnostics: Diagnostic[]) => diagnostics.some((d) => d.code === code);
const lacks = (code: string) => (diagnostics: Diagnostic[]) => !diagnostics.some((d) => d.code === code);

/** A use case on a project-specific data class, following a team template. */
const LOYALTY = dedent(`
  use_cases:
    - id: UC-redeem
      title: Redeem loyalty points
      actor: Customer
      data: [loyalty-points]
      abuse_cases:
        - id: AB-replay
          title: A redemption is replayed
          template: team-replay
          threatens: [integrity]
          likelihood: possible
          impact: moderate
          mitigations:
            - title: One-time redemption tokens
              status: implemented
`);

const TEAM_CATALOG = dedent(`
  templates:
    - id: team-replay
      title: A request is replayed
      description: A captured request is sent again to repeat its effect.
      intent: malicious
      actor: Attacker
      threatens: [integrity]
      stride: tampering
      data: [financial]
      mitigations:
        - title: One-time tokens
`);

describe('project configuration in the language server (abuse-cases.config.yaml)', function () {
  let root: string;
  let folder: string;
  let session: LspSession;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-config-'));
    folder = path.join(root, 'product');
    await fs.mkdir(folder);
  });
  afterEach(async () => {
    await session?.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  const write = async (name: string, text: string) => {
    const file = path.join(root, name);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    return fileUri(file);
  };

  it('follows the configuration as it is typed: data classes, rule severities, and its own problems', async () => {
    const useCaseUri = await write('product/redeem.usecase.yaml', LOYALTY);
    session = await LspSession.start(folder);
    await session.diagnostics(useCaseUri, has('unknown-data-class'));

    const configUri = fileUri(path.join(folder, 'abuse-cases.config.yaml'));
    const classes =
      'data-classes:\n  - name: loyalty-points\n    confidentiality: low\n    integrity: high\n    availability: high\n';
    session.open(configUri, classes, 1);
    // The class is known now, and its levels drive the CIA check: availability is required but not threatened.
    const known = await session.diagnostics(
      useCaseUri,
      (d) => lacks('unknown-data-class')(d) && has('cia-uncovered')(d),
    );
    assert.match(
      known.find((d) => d.code === 'cia-uncovered')!.message as string,
      /Availability is required at high by the data class 'loyalty-points'/,
    );

    session.change(configUri, 2, [
      { text: `${classes}rules:\n  cia-uncovered: off\n  unknown-template: hint\n  unknown-kye: off\n` },
    ]);
    const quieter = await session.diagnostics(useCaseUri, lacks('cia-uncovered'));
    assert.strictEqual(
      quieter.find((d) => d.code === 'unknown-template')?.severity,
      4,
      'unknown-template is a hint now',
    );

    const own = await session.diagnostics(configUri, (_, params) => params.version === 2);
    const misspelt = own.find((d) => d.code === 'unknown-key');
    assert.ok(misspelt, `got ${own.map((d) => d.code)}`);
    assert.match(misspelt.message as string, /unknown-kye/);
    assert.match(misspelt.message as string, /unknown-key/, 'suggests the rule code');

    // Closing the unsaved configuration falls back to the disk, where there is none.
    session.close(configUri);
    await session.diagnostics(useCaseUri, has('unknown-data-class'));
  });

  it('reads the configuration on disk at start: excluded files, team catalogs outside the folder, the capacity target', async () => {
    await write('shared/team.abusecatalog.yaml', TEAM_CATALOG);
    const useCaseUri = await write('product/redeem.usecase.yaml', LOYALTY);
    const draftUri = await write('product/drafts/idea.usecase.yaml', 'use_cases:\n  - id: UC-idea\n');
    await write(
      'product/abuse-cases.config.yaml',
      dedent(`
        catalogs: [../shared/*.abusecatalog.yaml]
        exclude: ['drafts/**']
      `),
    );
    session = await LspSession.start(folder);
    const diagnostics = await session.diagnostics(useCaseUri, lacks('unknown-template'));
    assert.ok(has('unknown-data-class')(diagnostics), 'the configuration defines no data class');
    const info = await session.request<{ files: number }>('abuseCases/serverInfo', null);
    assert.strictEqual(info.files, 3, 'the use case, the configuration and the team catalog; not the draft');
    assert.strictEqual(session.published.has(draftUri), false, 'an excluded file gets no diagnostics');

    // Deleting the configuration brings the defaults back: the team catalog is not read any more.
    const configUri = fileUri(path.join(folder, 'abuse-cases.config.yaml'));
    await fs.rm(path.join(folder, 'abuse-cases.config.yaml'));
    session.watchedFilesChanged([{ uri: configUri, type: 3 }]);
    await session.diagnostics(useCaseUri, has('unknown-template'));
  });

  it('reads no team catalog outside the workspace folder in an untrusted workspace (Restricted Mode)', async () => {
    await write('shared/team.abusecatalog.yaml', TEAM_CATALOG);
    const useCaseUri = await write('product/redeem.usecase.yaml', LOYALTY);
    await write('product/abuse-cases.config.yaml', 'catalogs: [../shared/*.abusecatalog.yaml]\n');
    session = await LspSession.start(folder, undefined, { trusted: false });
    const diagnostics = await session.diagnostics(useCaseUri, has('unknown-data-class'));
    assert.ok(has('unknown-template')(diagnostics), 'the team template is not read');
    const info = await session.request<{ files: number }>('abuseCases/serverInfo', null);
    assert.strictEqual(info.files, 2, 'the use case and the configuration; not the team catalog');
    // The configuration's line says why, as information: trusting the workspace reads the catalog.
    const configUri = fileUri(path.join(folder, 'abuse-cases.config.yaml'));
    const notice = (await session.diagnostics(configUri, has('catalog-not-read'))).find(
      (d) => d.code === 'catalog-not-read',
    )!;
    assert.deepStrictEqual(
      [notice.severity, notice.range],
      [3, { start: { line: 0, character: 11 }, end: { line: 0, character: 40 } }],
    );
    assert.match(
      notice.message as string,
      /^'\.\.\/shared\/\*\.abusecatalog\.yaml' names catalogs outside the workspace, which are not read while the workspace is not trusted \(Restricted Mode\)\. Trust the workspace to read them\.$/,
    );
  });

  it('says nothing of the catalogs in a trusted workspace, where they are read', async () => {
    await write('shared/team.abusecatalog.yaml', TEAM_CATALOG);
    const useCaseUri = await write('product/redeem.usecase.yaml', LOYALTY);
    await write('product/abuse-cases.config.yaml', 'catalogs: [../shared/*.abusecatalog.yaml]\n');
    session = await LspSession.start(folder);
    await session.diagnostics(useCaseUri, lacks('unknown-template'));
    const configUri = fileUri(path.join(folder, 'abuse-cases.config.yaml'));
    const own = await session.diagnostics(configUri, () => true);
    assert.deepStrictEqual(
      own.filter((d) => d.code === 'catalog-not-read'),
      [],
    );
  });
});
