import * as assert from 'assert';
import { expectFindings, expectNoFindings, MAIN_URI } from '../../helpers/engine';
import { dedent } from '../../helpers/marked';

const SHARING_URI = 'file:///workspace/sharing.usecase.yaml';

/** The range of the first `text` in the dedented `source`, ⟦marks⟧ removed. */
function rangeIn(source: string, text: string) {
  const start = dedent(source).replace(/[⟦⟧]/g, '').indexOf(text);
  assert.ok(start >= 0, `${text} not found`);
  return { start, end: start + text.length };
}

/** The document of the first test, with its abuse case's mitigations or acceptance replaced by `abuseCaseTail`. */
function sharing(abuseCaseTail: string): string {
  return `
      backlog:
        - id: RM-101
          title: Share a roadmap through a private link
          status: ⟦done⟧
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
${abuseCaseTail}`;
}

describe('rule done-with-open-risk', () => {
  it("warns on 'status: done' while a use case the item builds has an open abuse case, and links to it", () => {
    const source = `
      backlog:
        - id: RM-101
          title: Share a roadmap through a private link
          status: ⟦done⟧
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
              mitigations:
                - title: Links expire and can be revoked
                  backlog: [RM-101]
                  status: planned
    `;
    const [finding] = expectFindings('done-with-open-risk', source);
    assert.strictEqual(finding.severity, 'warning');
    assert.strictEqual(
      finding.message,
      "'RM-101' is done, but abuse case 'AB-forwarded' of use case 'UC-share' is still open: no implemented or verified mitigation, no unexpired acceptance.",
    );
    assert.deepStrictEqual(finding.related, [
      {
        uri: MAIN_URI,
        range: rangeIn(source, 'AB-forwarded'),
        message: "Open: abuse case 'AB-forwarded' of use case 'UC-share'.",
      },
    ]);
  });

  it('does not fire once a mitigation is implemented', () => {
    expectNoFindings(
      'done-with-open-risk',
      sharing(`
              mitigations:
                - title: Links expire and can be revoked
                  status: planned
                - title: Links are only shown to signed-in users
                  status: implemented
      `),
    );
  });

  it('does not fire once a mitigation is verified', () => {
    expectNoFindings(
      'done-with-open-risk',
      sharing(`
              mitigations:
                - title: Links expire and can be revoked
                  status: verified
      `),
    );
  });

  it('does not fire while an acceptance holds, through its last day', () => {
    const accepted = (until: string) =>
      sharing(`
              accepted:
                by: Jane Doe (CISO)
                reason: Links are needed for the beta
                until: ${until}
      `);
    expectNoFindings('done-with-open-risk', accepted('2026-11-24'));
    expectNoFindings('done-with-open-risk', accepted('2027-01-31'));
  });

  it('fires again the day after the acceptance ends', () => {
    expectFindings(
      'done-with-open-risk',
      sharing(`
              accepted:
                by: Jane Doe (CISO)
                reason: Links are needed for the beta
                until: 2026-11-23
      `),
    );
    expectFindings(
      'done-with-open-risk',
      sharing(`
              accepted:
                by: Jane Doe (CISO)
                reason: Links are needed for the beta
                until: 2027-01-31
      `),
      {},
      '2027-02-01',
    );
  });

  it('fires when the mitigations are only proposed or planned, or the abuse case has none', () => {
    expectFindings(
      'done-with-open-risk',
      sharing(`
              mitigations:
                - title: Links expire
                  status: planned
                - title: Links can be revoked
      `),
    );
    expectFindings('done-with-open-risk', sharing(''));
  });

  it('counts the other open abuse cases in the message and links to each', () => {
    const source = sharing(`
            - id: AB-guessed
              title: The link is guessed
              threatens: [confidentiality]
            - title: The link page is scraped
              threatens: [availability]
            - id: AB-closed
              title: The link is used after revocation
              threatens: [confidentiality]
              mitigations:
                - title: Revocation is checked on every request
                  status: verified
    `);
    const [finding] = expectFindings('done-with-open-risk', source);
    assert.match(
      finding.message,
      /^'RM-101' is done, but abuse case 'AB-forwarded' of use case 'UC-share' and 2 more are still open:/,
    );
    assert.deepStrictEqual(
      finding.related?.map((r) => [r.range, r.message]),
      [
        [rangeIn(source, 'AB-forwarded'), "Open: abuse case 'AB-forwarded' of use case 'UC-share'."],
        [rangeIn(source, 'AB-guessed'), "Open: abuse case 'AB-guessed' of use case 'UC-share'."],
        [
          rangeIn(source, 'The link page is scraped'),
          "Open: abuse case 'The link page is scraped' of use case 'UC-share'.",
        ],
      ],
    );
  });

  it('links to an open abuse case written in another file', () => {
    const other = `
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          backlog: [RM-101]
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
    `;
    const [finding] = expectFindings(
      'done-with-open-risk',
      `
      backlog:
        - id: RM-101
          title: Share a roadmap through a private link
          status: ⟦done⟧
      `,
      { [SHARING_URI]: other },
    );
    assert.deepStrictEqual(finding.related, [
      {
        uri: SHARING_URI,
        range: rangeIn(other, 'AB-forwarded'),
        message: "Open: abuse case 'AB-forwarded' of use case 'UC-share'.",
      },
    ]);
  });

  it('never fires on an item that is todo, in progress, or has no status', () => {
    for (const status of ['status: todo', 'status: in-progress', 'type: story']) {
      expectNoFindings('done-with-open-risk', sharing('').replace('status: ⟦done⟧', status));
    }
  });

  it('does not fire on an item that only a mitigation names, not a use case', () => {
    expectNoFindings(
      'done-with-open-risk',
      `
      backlog:
        - id: RM-120
          title: Expire shared links
          status: done
      use_cases:
        - id: UC-share
          title: Share a roadmap
          actor: Product manager
          abuse_cases:
            - id: AB-forwarded
              title: The link is forwarded to a competitor
              threatens: [confidentiality]
              mitigations:
                - title: Links expire
                  backlog: [RM-120]
                  status: planned
      `,
    );
  });
});
