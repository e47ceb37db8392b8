import { isScalar, isSeq, Node } from 'yaml';
import { quoted } from '../quote';
import { CATALOG_SCAN_LIMITS, Rule, UnreadCatalogReason } from '../rule';
import { nodeRange, scalarText } from '../yamlTree';

const LIMIT = `${CATALOG_SCAN_LIMITS.files.toLocaleString('en')} catalogs`;

/** Why an entry was not read, after the entry itself. */
const WHY: Record<UnreadCatalogReason, string> = {
  'glob-from-root':
    'is not searched: a glob from the filesystem root would search the whole disk. Name the folder that holds the catalogs.',
  'glob-from-home':
    'is not searched: a glob from the home folder (or above it) would search all of its files. Name the folder that holds the catalogs.',
  'restricted-mode':
    'names catalogs outside the workspace, which are not read while the workspace is not trusted (Restricted Mode). Trust the workspace to read them.',
  'too-many': `finds more than ${LIMIT}; only the first ${LIMIT} (in name order) are read. Name a narrower folder.`,
  'timed-out': `was still being searched after ${CATALOG_SCAN_LIMITS.seconds} seconds; the search stopped, and no catalog of it is read. Name a narrower folder.`,
};

export const catalogNotRead: Rule = {
  code: 'catalog-not-read',
  scope: 'file',
  severity: 'warning',
  description:
    'A `catalogs:` entry of the configuration that is not read: a glob from the filesystem root or the home folder, too many files, or a catalog outside an untrusted workspace.',
  docs: {
    rationale:
      "Team catalogs may live outside the repository, so `catalogs:` may name any folder; but a glob from `/` or `~` would walk the whole disk (the tools once ran for minutes and took gigabytes on `/**/*.abusecatalog.yaml`), and in an untrusted workspace (VS Code's Restricted Mode) nothing outside the workspace is read at all. Each entry the tools do not read, or read only in part, gets this finding on its line, so that the catalog's templates are not silently missing. A search stops after 500 catalogs or 10 seconds. Restricted Mode is information: trusting the workspace reads the catalogs.",
    bad: 'catalogs:\n  - /**/*.abusecatalog.yaml\n',
    good: 'catalogs:\n  - ../security/catalogs/*.abusecatalog.yaml\n',
    host: { unreadCatalogs: [{ entry: '/**/*.abusecatalog.yaml', why: 'glob-from-root' }] },
  },
  check(context) {
    if (!context.unreadCatalogs?.length) return;
    const pair = context.tree.objects[0]?.pairs.get('catalogs');
    const entries = isSeq(pair?.value) ? (pair.value.items as Node[]) : [];
    for (const { entry, why } of context.unreadCatalogs) {
      const written = entries.find((item) => isScalar(item) && scalarText(item) === entry);
      // An entry the text no longer holds (it is being edited) waits for the host's next word on it.
      const range = nodeRange(written);
      if (!range) continue;
      context.report({
        range,
        message: `${quoted(entry)} ${WHY[why]}`,
        severity: why === 'restricted-mode' ? 'information' : undefined,
      });
    }
  },
};
