import * as assert from 'assert';
import { DEFAULT_CONFIG, Workspace } from '../../../server/src/engine';
import { expectFindings, expectNoFindings, MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

describe('rule security-capacity', () => {
  it("warns on the sprint's first item when security work is under 20 % of its points, with the figures", () => {
    const [finding] = expectFindings(
      'security-capacity',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          sprint: ⟦"12"⟧
          points: 8
        - id: RM-2
          title: Export to PDF
          sprint: "12"
          points: 5
        - id: RM-3
          title: Rate-limit sign-in
          sprint: "12"
          points: 1
          security: true
      `,
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      'Sprint 12 spends 1 of 14 points (7 %) on security work, below the 20 % target.',
    );
    assert.deepStrictEqual(finding.data, { sprint: '12', securityPoints: 1, totalPoints: 14, target: 0.2 });
  });

  it('counts an item that a mitigation names as security work, and passes at the target', () => {
    expectNoFindings(
      'security-capacity',
      `
      backlog:
        - id: RM-1
          title: Share a roadmap
          sprint: "12"
          points: 8
        - id: RM-2
          title: Links expire
          sprint: "12"
          points: 2
      use_cases:
        - id: UC-share
          title: Share
          actor: PM
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
              mitigations:
                - title: Links expire
                  backlog: [RM-2]
      `,
    );
  });

  it('is off for a sprint without points', () => {
    expectNoFindings(
      'security-capacity',
      'backlog:\n  - id: RM-1\n    title: Share\n    sprint: "12"\n  - id: RM-2\n    title: Export\n    sprint: "12"\n',
    );
  });

  it('adds up a sprint across files, reports once in the file of its first item, and follows edits elsewhere', () => {
    const other = 'file:///workspace/a-other.usecase.yaml';
    const feature = dedent(`
      backlog:
        - id: RM-9
          title: A big feature
          sprint: "12"
          points: 13
    `);
    const securityWork = (points: number) =>
      `backlog:\n  - id: RM-1\n    title: Rate-limit sign-in\n    sprint: "12"\n    points: ${points}\n    security: true\n`;
    const workspace = new Workspace({ today: () => '2026-11-24' });
    workspace.set(other, feature);
    workspace.set(MAIN_URI, securityWork(1));
    const codes = (uri: string) => workspace.diagnostics(uri).filter((d) => d.code === 'security-capacity');
    assert.strictEqual(codes(other).length, 1, 'a-other.usecase.yaml holds the first item (files in order)');
    assert.match(codes(other)[0].message, /spends 1 of 14 points/);
    assert.strictEqual(codes(MAIN_URI).length, 0);
    assert.ok(workspace.set(MAIN_URI, securityWork(5), 2).includes(other), 'the other file is re-checked');
    assert.deepStrictEqual(codes(other), []);
  });

  it('follows a configured target', () => {
    const workspace = new Workspace({
      today: () => '2026-11-24',
      config: { ...DEFAULT_CONFIG, securityCapacityTarget: 0.5 },
    });
    workspace.set(
      MAIN_URI,
      'backlog:\n  - id: RM-1\n    title: A\n    sprint: "1"\n    points: 3\n  - id: RM-2\n    title: B\n    sprint: "1"\n    points: 2\n    security: true\n',
    );
    assert.match(
      workspace.diagnostics(MAIN_URI).find((d) => d.code === 'security-capacity')!.message,
      /\(40 %\) on security work, below the 50 % target/,
    );
  });
});
