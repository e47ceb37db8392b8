import * as assert from 'assert';
import { Workspace } from '../../../server/src/engine';
import { CONFIG_FILE } from '../../../server/src/engine/config';
import type { UnreadCatalog } from '../../../server/src/engine/rule';
import { marked } from '../../helpers/marked';

const CONFIG_URI = 'file:///workspace/abuse-cases.config.yaml';

/** The configuration's findings once the host says which of its entries it did not read. */
function findingsOf(source: string, unread: UnreadCatalog[], workspace = new Workspace()) {
  const { text, ranges } = marked(source);
  workspace.set(CONFIG_URI, text, 1, CONFIG_FILE);
  workspace.setUnreadCatalogs(CONFIG_URI, unread);
  const findings = workspace.diagnostics(CONFIG_URI).filter((finding) => finding.code === 'catalog-not-read');
  return { findings, ranges, text };
}

describe('rule catalog-not-read', () => {
  it('puts each unread entry on its own line, with why, in the project words', () => {
    const { findings, ranges } = findingsOf(
      'catalogs:\n  - ⟦/**/*.abusecatalog.yaml⟧\n  - ../team/threats.abusecatalog.yaml\n  - ⟦"../shared/*.abusecatalog.yaml"⟧\n',
      [
        { entry: '/**/*.abusecatalog.yaml', why: 'glob-from-root' },
        { entry: '../shared/*.abusecatalog.yaml', why: 'restricted-mode' },
      ],
    );
    assert.deepStrictEqual(
      findings.map(({ range, severity, message }) => ({ range, severity, message })),
      [
        {
          range: ranges[0],
          severity: 'warning',
          message:
            "'/**/*.abusecatalog.yaml' is not searched: a glob from the filesystem root would search the whole disk. Name the folder that holds the catalogs.",
        },
        {
          range: ranges[1],
          severity: 'information',
          message:
            "'../shared/*.abusecatalog.yaml' names catalogs outside the workspace, which are not read while the workspace is not trusted (Restricted Mode). Trust the workspace to read them.",
        },
      ],
    );
  });

  it('follows edits of the configuration, and goes when the host reads every entry', () => {
    const workspace = new Workspace();
    const unread: UnreadCatalog[] = [{ entry: 'big/**/*.abusecatalog.yaml', why: 'too-many' }];
    findingsOf('catalogs: [big/**/*.abusecatalog.yaml]\n', unread, workspace);
    // An edit above the entry moves the finding with it.
    const moved = findingsOf('# team catalogs\ncatalogs: [⟦big/**/*.abusecatalog.yaml⟧]\n', unread, workspace);
    assert.deepStrictEqual(
      moved.findings.map((finding) => finding.range),
      moved.ranges,
    );
    assert.match(moved.findings[0].message, /finds more than 500 catalogs; only the first 500 catalogs/);
    // An entry being rewritten is not reported until the host has searched it again.
    assert.deepStrictEqual(findingsOf('catalogs: [big/**/*.abusecat]\n', unread, workspace).findings, []);
    assert.deepStrictEqual(findingsOf('catalogs: [big/**/*.abusecatalog.yaml]\n', [], workspace).findings, []);
  });

  it('says when a search ran out of time', () => {
    const { findings } = findingsOf('catalogs: [/mnt/slow/**/*.abusecatalog.yaml]\n', [
      { entry: '/mnt/slow/**/*.abusecatalog.yaml', why: 'timed-out' },
    ]);
    assert.deepStrictEqual(
      findings.map((finding) => finding.message),
      [
        "'/mnt/slow/**/*.abusecatalog.yaml' was still being searched after 10 seconds; the search stopped, and no catalog of it is read. Name a narrower folder.",
      ],
    );
  });
});
