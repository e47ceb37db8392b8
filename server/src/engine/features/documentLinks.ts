import { isScalar, Node } from 'yaml';
import { capecUrl, cweUrl, Template } from '../catalog';
import { REPOSITORY_DOCS_URL } from '../rule';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { forEachTypedValue, nodeRange, scalarText } from '../yamlTree';

/** A range of a document that opens a page: a control's public text, or a template's catalog entry. */
export interface DocumentLink {
  range: OffsetRange;
  target: string;
  tooltip: string;
}

/** The public page of a control, and what the editor says of the link. */
export interface ControlPage {
  url: string;
  tooltip: string;
}

/** The ASVS release the tags follow: `asvs:V2.2.1` is 4.0.3's numbering (5.0 renumbered the chapters). */
const ASVS_TAG = 'v4.0.3';

/** The chapters of ASVS 4.0.3, V1 to V14: the file of each in the OWASP/ASVS repository, and its title. */
const ASVS_CHAPTERS: readonly (readonly [file: string, title: string])[] = [
  ['0x10-V1-Architecture', 'Architecture, Design and Threat Modeling'],
  ['0x11-V2-Authentication', 'Authentication'],
  ['0x12-V3-Session-management', 'Session Management'],
  ['0x12-V4-Access-Control', 'Access Control'],
  ['0x13-V5-Validation-Sanitization-Encoding', 'Validation, Sanitization and Encoding'],
  ['0x14-V6-Cryptography', 'Stored Cryptography'],
  ['0x15-V7-Error-Logging', 'Error Handling and Logging'],
  ['0x16-V8-Data-Protection', 'Data Protection'],
  ['0x17-V9-Communications', 'Communication'],
  ['0x18-V10-Malicious', 'Malicious Code'],
  ['0x19-V11-BusLogic', 'Business Logic'],
  ['0x20-V12-Files-Resources', 'Files and Resources'],
  ['0x21-V13-API', 'API and Web Service'],
  ['0x22-V14-Config', 'Configuration'],
];

/** The control families of NIST SP 800-53 Rev. 5. */
const NIST_FAMILIES = new Set('AC AT AU CA CM CP IA IR MA MP PE PL PM PS PT RA SA SC SI SR'.split(' '));

/** The NIST catalog (CPRT) names controls with two digits: `AC-02`, and enhancements `AC-02(01)`. */
const twoDigits = (number: string) => number.padStart(2, '0');

/**
 * How each kind of control tag links to its public page: the code after `kind:` in, the page out (none for a code
 * the kind does not have). Kinds not listed (`iso27001:`, `pci-dss:`, ...) have no public page per control.
 */
export const CONTROL_PAGES: ReadonlyMap<string, (code: string) => ControlPage | undefined> = new Map([
  [
    'asvs',
    (code: string) => {
      // `V2` is a chapter, `V2.2` a section, `V2.2.1` a requirement; the chapter's page holds them all.
      const match = /^V(\d+)((?:\.\d+){0,2})$/i.exec(code);
      const chapter = match && ASVS_CHAPTERS[Number(match[1]) - 1];
      if (!match || !chapter) return undefined;
      const [file, title] = chapter;
      const what = match[2] ? `requirement ${match[1]}${match[2]}` : `chapter V${match[1]}`;
      return {
        url: `https://github.com/OWASP/ASVS/blob/${ASVS_TAG}/4.0/en/${file}.md`,
        tooltip: `OWASP ASVS 4.0.3 ${what}: V${match[1]} ${title}`,
      };
    },
  ],
  [
    'nist-800-53',
    (code: string) => {
      const match = /^([A-Z]{2})(?:-(\d{1,2})(?:\((\d{1,2})\))?)?$/i.exec(code);
      if (!match || !NIST_FAMILIES.has(match[1].toUpperCase())) return undefined;
      const [, family, control, enhancement] = match;
      const upper = family.toUpperCase();
      const element = control
        ? `${upper}-${twoDigits(control)}${enhancement ? `(${twoDigits(enhancement)})` : ''}`
        : upper;
      const what = !control ? 'family' : enhancement ? 'control enhancement' : 'control';
      return {
        url: `https://csrc.nist.gov/projects/cprt/catalog#/cprt/framework/version/SP_800_53_5_1_1/home?element=${element}`,
        tooltip: `NIST SP 800-53 Rev. 5 ${what} ${code.toUpperCase()}`,
      };
    },
  ],
  [
    'gdpr',
    (code: string) => {
      // `art-32`, `art-5-1-c`, `art-7(3)`: the article's page holds its paragraphs.
      const match = /^art(?:icle)?[-. ]?(\d{1,2})(?!\d)/i.exec(code);
      const article = match ? Number(match[1]) : 0;
      if (article < 1 || article > 99) return undefined;
      return { url: `https://gdpr-info.eu/art-${article}-gdpr/`, tooltip: `GDPR article ${article}` };
    },
  ],
  [
    'capec',
    (code: string) => {
      const number = /^(?:CAPEC-)?(\d+)$/i.exec(code)?.[1];
      return number ? { url: capecUrl(number), tooltip: `MITRE CAPEC-${number} (attack pattern)` } : undefined;
    },
  ],
  [
    'cwe',
    (code: string) => {
      const number = /^(?:CWE-)?(\d+)$/i.exec(code)?.[1];
      return number ? { url: cweUrl(number), tooltip: `MITRE CWE-${number} (weakness)` } : undefined;
    },
  ],
]);

/** The page of a control tag (`asvs:V2.2.1`, `gdpr:art-32`) or a CAPEC or CWE id (`CAPEC-600`); none for others. */
export function controlPageOf(tag: string): ControlPage | undefined {
  const bare = /^(CAPEC|CWE)-\d+$/i.exec(tag);
  if (bare) return CONTROL_PAGES.get(bare[1].toLowerCase())?.(tag);
  const colon = tag.indexOf(':');
  if (colon < 0) return undefined;
  return CONTROL_PAGES.get(tag.slice(0, colon).trim().toLowerCase())?.(tag.slice(colon + 1).trim());
}

/** The fields whose values are control tags or attack-pattern and weakness ids. */
const CONTROL_FIELDS = new Set(['controls', 'capec', 'cwe']);

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** A built-in template's entry in the catalog page the project ships (docs/catalog.md, one `### \`id\`` each). */
export function builtInCatalogUrl(id: string): string {
  return `${REPOSITORY_DOCS_URL}catalog.md#${headingAnchor(`\`${id}\``)}`;
}

/** Where `template:` leads: a team template's file at its id (`#L12,9`, as VS Code reads it), else the catalog page. */
function templateLink(workspace: Workspace, id: string, template: Template): Omit<DocumentLink, 'range'> | undefined {
  if (!template.origin) return { target: builtInCatalogUrl(id), tooltip: `Built-in template: ${template.title}` };
  const { uri, range } = template.origin;
  const at = workspace.file(uri)?.lineIndex.positionAt(range.start);
  if (!at) return undefined;
  return {
    target: `${uri}#L${at.line + 1},${at.character + 1}`,
    tooltip: `Team template in ${uri.slice(uri.lastIndexOf('/') + 1)}: ${template.title}`,
  };
}

/** The links of a document: control tags to their public pages, `template:` ids to their catalog entries. */
export function documentLinksOf(workspace: Workspace, uri: string): DocumentLink[] {
  const file = workspace.file(uri);
  if (!file) return [];
  const links = new Map<number, DocumentLink>();
  const add = (node: Node, link: Omit<DocumentLink, 'range'> | undefined) => {
    const range = nodeRange(node);
    // An aliased object is visited wherever it is named: its link is at the anchor, once.
    if (link && range && range.end > range.start) links.set(range.start, { range, ...link });
  };
  forEachTypedValue(file.tree.objects, ({ node, type, field }) => {
    if (!isScalar(node)) return;
    if (CONTROL_FIELDS.has(field) && type.kind !== 'list') {
      const page = controlPageOf(scalarText(node).trim());
      add(node, page && { target: page.url, tooltip: page.tooltip });
    } else if (type.kind === 'template-ref') {
      const id = scalarText(node);
      const template = workspace.templateOf(id);
      add(node, template && templateLink(workspace, id, template));
    }
  });
  return [...links.values()].sort((a, b) => a.range.start - b.range.start);
}
