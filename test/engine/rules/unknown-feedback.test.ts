import * as assert from 'assert';
import { expectFindings, expectNoFindings, TODAY } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';
import { Workspace } from '../../../server/src/engine';

const FEEDBACK_URI = 'file:///workspace/feedback.usecase.yaml';
const FEEDBACK = `
  feedback:
    - id: FB-12
      summary: Let me export my roadmap as a PDF
      from: 3 enterprise customers
      date: 2026-10-02
`;

describe('rule unknown-feedback', () => {
  it('reports a feedback ref that no entry defines, and suggests the closest one', () => {
    const [finding] = expectFindings(
      'unknown-feedback',
      `
      backlog:
        - id: RM-7
          title: Export a roadmap as PDF
          source: { kind: feedback, ref: ⟦FB-21⟧ }
      `,
      { [FEEDBACK_URI]: FEEDBACK },
    );
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "No feedback 'FB-21' in the workspace. Did you mean 'FB-12'? Name an entry of 'feedback:', or link to the ticket (https://...).",
    );
    assert.deepStrictEqual(finding.data, { id: 'FB-21', suggestion: 'FB-12' });
  });

  it('resolves a ref to feedback kept in another file', () => {
    expectNoFindings(
      'unknown-feedback',
      `
      backlog:
        - id: RM-7
          title: Export a roadmap as PDF
          source:
            kind: feedback
            ref: FB-12
      `,
      { [FEEDBACK_URI]: FEEDBACK },
    );
  });

  it('leaves a ref as free text where the workspace keeps no feedback, for a link, and for other kinds', () => {
    const item = (source: string) => `
      backlog:
        - id: RM-7
          title: Export a roadmap as PDF
          source: ${source}
      `;
    expectNoFindings('unknown-feedback', item('{ kind: feedback, ref: JIRA-4411 }'));
    expectNoFindings('unknown-feedback', item('{ kind: feedback, ref: "https://tracker.example/FB-21" }'), {
      [FEEDBACK_URI]: FEEDBACK,
    });
    expectNoFindings('unknown-feedback', item('{ kind: research, ref: FB-21 }'), { [FEEDBACK_URI]: FEEDBACK });
  });

  it('checks the refs again when the feedback changes in another file', () => {
    const workspace = new Workspace({ today: () => TODAY });
    const uri = 'file:///workspace/backlog.usecase.yaml';
    workspace.set(FEEDBACK_URI, dedent(FEEDBACK));
    workspace.set(
      uri,
      dedent(`
        backlog:
          - id: RM-7
            title: Show the roadmap to guests
            source: { kind: feedback, ref: FB-13 }
      `),
    );
    const unknown = () => workspace.diagnostics(uri).filter((d) => d.code === 'unknown-feedback').length;
    assert.strictEqual(unknown(), 1);
    const affected = workspace.set(
      FEEDBACK_URI,
      `${dedent(FEEDBACK)}  - id: FB-13\n    summary: Show the roadmap to guests\n`,
      2,
    );
    assert.ok(affected.includes(uri), 'the backlog file is analysed again');
    assert.strictEqual(unknown(), 0);
  });
});
