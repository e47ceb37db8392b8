import * as assert from 'assert';
import { projectConfigOf, Workspace } from '../../../server/src/engine';
import { parseFile } from '../../../server/src/engine/workspace';
import { expectFindings, expectNoFindings, TODAY } from '../../helpers/engine';
import { dedent, marked } from '../../helpers/marked';

describe('rule unknown-capability', () => {
  it('flags a misspelt capability in answers: of a backlog item or a mitigation, with a suggestion', () => {
    const findings = expectFindings(
      'unknown-capability',
      `
      backlog:
        - id: OPS-1
          title: Nightly backups
          answers: [⟦backup⟧, restore]
      use_cases:
        - id: UC-write
          title: Write a note
          actor: Member
          abuse_cases:
            - id: AB-lost
              title: Notes are lost
              threatens: [availability]
              mitigations:
                - title: Keep a week of snapshots
                  answers: [⟦snapshots⟧]
      `,
    );
    assert.strictEqual(
      findings[0].message,
      "Unknown capability 'backup'. Did you mean 'backups'? The baseline's capabilities: backups, restore, third-parties, encryption, audit-trail, strong-authentication, data-minimisation, consent, opt-out, patching, regulations, incident-readiness.",
    );
    assert.deepStrictEqual(findings[0].data, { suggestion: 'backups' });
    assert.strictEqual(findings[1].data, undefined);
  });

  it("flags a team template's family", () => {
    const { text, ranges } = marked(
      dedent(`
      templates:
        - id: notes-lost
          title: Notes are lost
          description: A disk fails.
          intent: unwitting
          actor: Nobody
          threatens: [availability]
          stride: denial-of-service
          data: [customer-content]
          family: ⟦backupz⟧
          mitigations:
            - title: Snapshots
      `),
    );
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set('file:///w/team.abusecatalog.yaml', text);
    const found = workspace
      .diagnostics('file:///w/team.abusecatalog.yaml')
      .filter((d) => d.code === 'unknown-capability');
    assert.deepStrictEqual(
      found.map((d) => d.range),
      ranges,
    );
  });

  it("knows the team's own capabilities, and checks what the configuration turns off", () => {
    const config = dedent(`
      baseline:
        turned-off:
          - capability: consnet
            reason: No consent is asked.
        capabilities:
          - id: moderation
            question: does someone read what members publish?
    `);
    const configUri = 'file:///w/abuse-cases.config.yaml';
    const workspace = new Workspace({ today: () => TODAY });
    workspace.set(configUri, config);
    workspace.configure(projectConfigOf(parseFile(configUri, config).tree));
    workspace.set(
      'file:///w/a.usecase.yaml',
      'backlog:\n  - id: M-1\n    title: Review queue\n    answers: [moderation]\n',
    );
    assert.deepStrictEqual(
      workspace.diagnostics('file:///w/a.usecase.yaml').filter((d) => d.code === 'unknown-capability'),
      [],
    );
    const [turnedOff] = workspace.diagnostics(configUri).filter((d) => d.code === 'unknown-capability');
    assert.strictEqual(config.slice(turnedOff.range.start, turnedOff.range.end), 'consnet');
    assert.deepStrictEqual(turnedOff.data, { suggestion: 'consent' });
  });

  it('is silent for known capabilities', () => {
    expectNoFindings('unknown-capability', 'backlog:\n  - id: OPS-1\n    title: Patch day\n    answers: [patching]\n');
  });
});
