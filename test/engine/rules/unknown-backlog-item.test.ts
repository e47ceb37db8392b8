import * as assert from 'assert';
import { expectFindings, expectNoFindings } from '../../helpers/engine';

const BACKLOG_URI = 'file:///workspace/backlog.usecase.yaml';

describe('rule unknown-backlog-item', () => {
  it("reports a use case's reference to a backlog item that no file defines", () => {
    const [finding] = expectFindings(
      'unknown-backlog-item',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101, ⟦RM-110⟧]
      `,
    );
    assert.strictEqual(finding.severity, 'error');
    assert.strictEqual(
      finding.message,
      "No backlog item 'RM-110' in the workspace. Add it under 'backlog:' in any use-case file.",
    );
    assert.deepStrictEqual(finding.data, { id: 'RM-110' });
  });

  it('does not fire when every reference resolves, whichever file defines the item', () => {
    expectNoFindings(
      'unknown-backlog-item',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
          parent: RM-100
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101, RM-100]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
              mitigations:
                - title: Links expire
                  backlog: [RM-120]
      `,
      {
        [BACKLOG_URI]: `
          backlog:
            - id: RM-100
              title: Sharing
              type: epic
            - id: RM-120
              title: Expire shared links
        `,
      },
    );
  });

  it("checks a mitigation's backlog items and a backlog item's parent", () => {
    const findings = expectFindings(
      'unknown-backlog-item',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
          parent: ⟦RM-99⟧
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
              mitigations:
                - title: Links expire
                  backlog: [RM-101, ⟦RM-120⟧]
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.data),
      [{ id: 'RM-99' }, { id: 'RM-120' }],
    );
  });

  it('says so when the id belongs to a use case or an abuse case', () => {
    const findings = expectFindings(
      'unknown-backlog-item',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
          parent: ⟦UC-share⟧
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [⟦AB-forwarded⟧]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
      `,
    );
    assert.deepStrictEqual(
      findings.map((d) => d.message),
      ["'UC-share' is a use case, not a backlog item.", "'AB-forwarded' is an abuse case, not a backlog item."],
    );
    assert.deepStrictEqual(findings[0].data, { id: 'UC-share' });
  });

  it('resolves an id that is a backlog item somewhere, even if it is also something else', () => {
    expectNoFindings(
      'unknown-backlog-item',
      `
      use_cases:
        - id: RM-101
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101]
      `,
      {
        [BACKLOG_URI]: `
          backlog:
            - id: RM-101
              title: Share a roadmap
        `,
      },
    );
  });
});
