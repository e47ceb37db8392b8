import * as assert from 'assert';
import { expectFindings, expectNoFindings, MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

const SHARING_URI = 'file:///workspace/sharing.usecase.yaml';

/** The range of the first `text` in the dedented `source`. */
function rangeIn(source: string, text: string) {
  const start = dedent(source).indexOf(text);
  assert.ok(start >= 0, `${text} not found`);
  return { start, end: start + text.length };
}

describe('rule duplicate-id', () => {
  it('reports both definitions of an id in one file, each linking to the other', () => {
    const [first, second] = expectFindings(
      'duplicate-id',
      `
      backlog:
        - id: ⟦RM-101⟧
          title: Share a roadmap
        - id: ⟦RM-101⟧
          title: Revoke a shared link
      `,
    );
    assert.strictEqual(first.severity, 'error');
    assert.strictEqual(first.message, "The id 'RM-101' is defined 2 times in the workspace; ids must be unique.");
    assert.deepStrictEqual(first.related, [
      { uri: MAIN_URI, range: second.range, message: "'RM-101' is also defined here, as a backlog item." },
    ]);
    assert.deepStrictEqual(second.related, [
      { uri: MAIN_URI, range: first.range, message: "'RM-101' is also defined here, as a backlog item." },
    ]);
  });

  it('does not fire on distinct ids, nor on references to an id', () => {
    expectNoFindings(
      'duplicate-id',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
        - id: RM-102
          title: Revoke a shared link
          parent: RM-101
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101, RM-102]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
              mitigations:
                - title: Links can be revoked
                  backlog: [RM-102]
      `,
    );
  });

  it('reports a use case and an abuse case that share an id, naming what each other definition is', () => {
    const [useCase, abuseCase] = expectFindings(
      'duplicate-id',
      `
      use_cases:
        - id: ⟦UC-share⟧
          title: Share a roadmap
          actor: Product manager
          abuse_cases:
            - id: ⟦UC-share⟧
              title: The link is forwarded
              threatens: [confidentiality]
      `,
    );
    assert.strictEqual(useCase.related?.[0].message, "'UC-share' is also defined here, as an abuse case.");
    assert.strictEqual(abuseCase.related?.[0].message, "'UC-share' is also defined here, as a use case.");
  });

  it('reports an id defined in another file, linking to that file', () => {
    const sharing = `
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded
              threatens: [confidentiality]
    `;
    const [finding] = expectFindings(
      'duplicate-id',
      `
      use_cases:
        - id: ⟦AB-forwarded⟧
          title: Forward a roadmap
          actor: Product manager
      `,
      { [SHARING_URI]: sharing },
    );
    assert.strictEqual(
      finding.message,
      "The id 'AB-forwarded' is defined 2 times in the workspace; ids must be unique.",
    );
    assert.deepStrictEqual(finding.related, [
      {
        uri: SHARING_URI,
        range: rangeIn(sharing, 'AB-forwarded'),
        message: "'AB-forwarded' is also defined here, as an abuse case.",
      },
    ]);
  });

  it('counts every definition across the workspace and links to all the others', () => {
    const sharing = `
      backlog:
        - id: RM-101
          title: Share a roadmap
    `;
    const findings = expectFindings(
      'duplicate-id',
      `
      backlog:
        - id: ⟦RM-101⟧
          title: Revoke a shared link
        - id: ⟦RM-101⟧
          title: Expire a shared link
      `,
      { [SHARING_URI]: sharing },
    );
    for (const finding of findings) {
      assert.match(finding.message, /defined 3 times/);
      const other = findings.find((f) => f !== finding)!;
      assert.deepStrictEqual(
        finding.related?.map((r) => [r.uri, r.range]),
        [
          [MAIN_URI, other.range],
          [SHARING_URI, rangeIn(sharing, 'RM-101')],
        ],
      );
    }
  });

  it('tells ids apart by case', () => {
    expectNoFindings(
      'duplicate-id',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap
        - id: rm-101
          title: Revoke a shared link
      `,
    );
  });
});
