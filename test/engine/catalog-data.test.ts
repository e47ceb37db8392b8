import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { BUILT_IN_CAPABILITIES, capabilitiesOfControl } from '../../server/src/engine/baseline';
import { BUILT_IN_DATA_CLASSES } from '../../server/src/engine/dataClasses';
import { DIMENSIONS, IMPACTS, INTENTS, LIKELIHOODS, STRIDE } from '../../server/src/engine/format';

// The data itself, read from the source tree (out/test/engine -> the repository root), not a compiled copy.
const ROOT = path.resolve(__dirname, '../../..');
const CATALOG_FILE = path.join(ROOT, 'server/catalog/threats.json');

type Entry = Record<string, unknown>;

const REQUIRED_FIELDS = [
  'id',
  'title',
  'description',
  'intent',
  'actor',
  'threatens',
  'stride',
  'data',
  'keywords',
  'likelihood',
  'impact',
  'mitigations',
];
const OPTIONAL_FIELDS = ['capec', 'scopeNote', 'cwe', 'family'];
const MITIGATION_FIELDS = ['title', 'controls'];
const TEXT_FIELDS = ['id', 'title', 'description', 'intent', 'actor', 'stride', 'likelihood', 'impact'];
const LIST_FIELDS = ['threatens', 'capec', 'cwe', 'data', 'keywords', 'mitigations'];

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const CAPEC_ID = /^CAPEC-\d+$/;
const CWE_ID = /^CWE-\d+$/;
const CONTROL_TAG = /^[a-z0-9-]+:[A-Za-z0-9.()-]+$/;
const KEYWORD = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const DATA_CLASS_NAMES = BUILT_IN_DATA_CLASSES.map((dataClass) => dataClass.name);

function loadCatalog(): unknown {
  return JSON.parse(readFileSync(CATALOG_FILE, 'utf8'));
}

function templatesOf(catalog: unknown): Entry[] {
  assert.ok(catalog && typeof catalog === 'object' && !Array.isArray(catalog), 'the catalog is a JSON object');
  assert.deepStrictEqual(Object.keys(catalog as object), ['templates'], 'the catalog has exactly one key, "templates"');
  const templates = (catalog as { templates: unknown }).templates;
  assert.ok(Array.isArray(templates), '"templates" is a list');
  for (const [index, entry] of templates.entries()) {
    assert.ok(entry && typeof entry === 'object' && !Array.isArray(entry), `template #${index} is an object`);
  }
  return templates as Entry[];
}

const idOf = (entry: Entry): string => (typeof entry.id === 'string' ? entry.id : JSON.stringify(entry.id));
const textList = (entry: Entry, field: string): string[] =>
  Array.isArray(entry[field]) ? (entry[field] as string[]) : [];
const mitigationsOf = (entry: Entry): Entry[] =>
  Array.isArray(entry.mitigations) ? (entry.mitigations as Entry[]) : [];
const duplicatesIn = (values: readonly string[]): string[] =>
  values.filter((value, index) => values.indexOf(value) !== index);

/** Every empty string or list under `value`, as a path such as `mitigations[1].controls`. */
function emptiesIn(value: unknown, at: string): string[] {
  if (typeof value === 'string') return value.trim() === '' ? [at] : [];
  if (Array.isArray(value)) {
    return value.length === 0 ? [at] : value.flatMap((item, index) => emptiesIn(item, `${at}[${index}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => emptiesIn(item, at ? `${at}.${key}` : key));
  }
  return [];
}

function countWhere(templates: readonly Entry[], predicate: (entry: Entry) => boolean): number {
  return templates.filter(predicate).length;
}

describe('the built-in threat catalog', () => {
  let templates: Entry[] = [];
  before(() => {
    templates = templatesOf(loadCatalog());
  });

  it('has at least 80 templates', () => {
    assert.ok(templates.length >= 80, `only ${templates.length} templates`);
  });

  it('gives every template a unique, kebab-case id', () => {
    for (const entry of templates) {
      assert.strictEqual(typeof entry.id, 'string', `${idOf(entry)}: id is text`);
      assert.match(entry.id as string, KEBAB_CASE, `${idOf(entry)}: id is kebab-case`);
    }
    assert.deepStrictEqual(duplicatesIn(templates.map(idOf)), [], 'duplicate ids');
  });

  it('has exactly the allowed fields in every template and every mitigation', () => {
    for (const entry of templates) {
      const keys = Object.keys(entry);
      const missing = REQUIRED_FIELDS.filter((field) => !keys.includes(field));
      const unknown = keys.filter((key) => !REQUIRED_FIELDS.includes(key) && !OPTIONAL_FIELDS.includes(key));
      assert.deepStrictEqual(missing, [], `${idOf(entry)}: missing fields`);
      assert.deepStrictEqual(unknown, [], `${idOf(entry)}: unknown fields`);
      for (const [index, mitigation] of mitigationsOf(entry).entries()) {
        assert.ok(
          mitigation && typeof mitigation === 'object',
          `${idOf(entry)}: mitigation #${index + 1} is an object`,
        );
        assert.deepStrictEqual(
          Object.keys(mitigation).sort(),
          [...MITIGATION_FIELDS].sort(),
          `${idOf(entry)}: mitigation #${index + 1} has exactly title and controls`,
        );
      }
    }
  });

  it('has text and lists of the right types, and no empty string or list anywhere', () => {
    for (const entry of templates) {
      for (const field of TEXT_FIELDS) {
        assert.strictEqual(typeof entry[field], 'string', `${idOf(entry)}: ${field} is text`);
        assert.strictEqual(
          entry[field],
          (entry[field] as string).trim(),
          `${idOf(entry)}: ${field} has no surrounding spaces`,
        );
        assert.ok(!(entry[field] as string).includes('\n'), `${idOf(entry)}: ${field} is on one line`);
      }
      for (const field of LIST_FIELDS) {
        if (field in entry) assert.ok(Array.isArray(entry[field]), `${idOf(entry)}: ${field} is a list`);
      }
      for (const field of ['threatens', 'capec', 'cwe', 'data', 'keywords']) {
        for (const item of textList(entry, field)) {
          assert.strictEqual(typeof item, 'string', `${idOf(entry)}: every item of ${field} is text`);
        }
      }
      for (const [index, mitigation] of mitigationsOf(entry).entries()) {
        assert.strictEqual(
          typeof mitigation.title,
          'string',
          `${idOf(entry)}: mitigation #${index + 1} has a text title`,
        );
        assert.ok(
          Array.isArray(mitigation.controls),
          `${idOf(entry)}: mitigation #${index + 1} has a list of controls`,
        );
        for (const control of mitigation.controls as unknown[]) {
          assert.strictEqual(
            typeof control,
            'string',
            `${idOf(entry)}: mitigation #${index + 1}: every control is text`,
          );
        }
      }
      assert.deepStrictEqual(emptiesIn(entry, ''), [], `${idOf(entry)}: empty strings or lists`);
    }
  });

  it('writes a one-sentence title and a short paragraph of description', () => {
    for (const entry of templates) {
      const title = entry.title as string;
      assert.match(title, /^[A-Z]/, `${idOf(entry)}: the title starts with a capital letter`);
      assert.doesNotMatch(title, /[.!?]\s/, `${idOf(entry)}: the title is one sentence`);
      assert.doesNotMatch(title, /\.$/, `${idOf(entry)}: the title has no final full stop, like an abuse-case title`);
      const description = entry.description as string;
      assert.match(description, /^[A-Z"]/, `${idOf(entry)}: the description starts a sentence`);
      assert.match(description, /[.!?]$/, `${idOf(entry)}: the description ends a sentence`);
      const sentences = description.match(/[.!?](?=\s|$)/g)?.length ?? 0;
      assert.ok(
        sentences >= 2 && sentences <= 4,
        `${idOf(entry)}: the description has ${sentences} sentences, not 2 to 4`,
      );
      assert.match(entry.actor as string, /^[A-Z]/, `${idOf(entry)}: the actor starts with a capital letter`);
    }
  });

  it('threatens a non-empty set of CIA dimensions', () => {
    for (const entry of templates) {
      const threatens = textList(entry, 'threatens');
      assert.ok(threatens.length > 0, `${idOf(entry)}: threatens nothing`);
      for (const dimension of threatens) {
        assert.ok(
          (DIMENSIONS as readonly string[]).includes(dimension),
          `${idOf(entry)}: '${dimension}' is not a CIA dimension`,
        );
      }
      assert.deepStrictEqual(duplicatesIn(threatens), [], `${idOf(entry)}: a dimension is listed twice`);
    }
  });

  it('uses only valid STRIDE categories, intents, likelihoods and impacts', () => {
    const allowed: Record<string, readonly string[]> = {
      stride: STRIDE,
      intent: INTENTS,
      likelihood: LIKELIHOODS,
      impact: IMPACTS,
    };
    for (const entry of templates) {
      for (const [field, values] of Object.entries(allowed)) {
        assert.ok(
          values.includes(entry[field] as string),
          `${idOf(entry)}: ${field} '${String(entry[field])}' is not one of ${values.join(', ')}`,
        );
      }
    }
  });

  it('writes CAPEC and CWE references as CAPEC-<n> and CWE-<n>, each once', () => {
    for (const entry of templates) {
      for (const id of textList(entry, 'capec'))
        assert.match(id, CAPEC_ID, `${idOf(entry)}: '${id}' is not a CAPEC id`);
      for (const id of textList(entry, 'cwe')) assert.match(id, CWE_ID, `${idOf(entry)}: '${id}' is not a CWE id`);
      assert.deepStrictEqual(duplicatesIn(textList(entry, 'capec')), [], `${idOf(entry)}: a CAPEC id is listed twice`);
      assert.deepStrictEqual(duplicatesIn(textList(entry, 'cwe')), [], `${idOf(entry)}: a CWE id is listed twice`);
    }
  });

  it('suggests one to four mitigations, each with one to three well-formed control tags', () => {
    for (const entry of templates) {
      const mitigations = mitigationsOf(entry);
      assert.ok(
        mitigations.length >= 1 && mitigations.length <= 4,
        `${idOf(entry)}: ${mitigations.length} mitigations`,
      );
      for (const [index, mitigation] of mitigations.entries()) {
        const controls = Array.isArray(mitigation.controls) ? (mitigation.controls as string[]) : [];
        const which = `${idOf(entry)}: mitigation #${index + 1}`;
        assert.ok(controls.length >= 1 && controls.length <= 3, `${which} has ${controls.length} control tags`);
        for (const control of controls)
          assert.match(control, CONTROL_TAG, `${which}: '${control}' is not a control tag`);
        assert.deepStrictEqual(duplicatesIn(controls), [], `${which}: a control tag is listed twice`);
      }
      const titles = mitigations.map((mitigation) => String(mitigation.title));
      assert.deepStrictEqual(duplicatesIn(titles), [], `${idOf(entry)}: two mitigations have the same title`);
    }
  });

  it('applies only to known data classes', () => {
    for (const entry of templates) {
      const data = textList(entry, 'data');
      for (const name of data) {
        assert.ok(DATA_CLASS_NAMES.includes(name), `${idOf(entry)}: '${name}' is not a built-in data class`);
      }
      assert.deepStrictEqual(duplicatesIn(data), [], `${idOf(entry)}: a data class is listed twice`);
    }
  });

  it('puts a family only on templates whose mitigations answer that baseline capability, two or more to each', () => {
    const capabilities = new Set(BUILT_IN_CAPABILITIES.map((capability) => capability.id));
    for (const entry of templates) {
      if (!('family' in entry)) continue;
      const family = entry.family as string;
      assert.ok(capabilities.has(family), `${idOf(entry)}: family '${String(family)}' is not a built-in capability`);
      const answered = mitigationsOf(entry).some((mitigation) =>
        (mitigation.controls as string[]).some((tag) =>
          capabilitiesOfControl(tag, BUILT_IN_CAPABILITIES).some((capability) => capability.id === family),
        ),
      );
      assert.ok(answered, `${idOf(entry)}: no mitigation has a control tag that answers '${family}'`);
    }
    for (const id of capabilities) {
      const count = countWhere(templates, (entry) => entry.family === id);
      assert.ok(count >= 2, `only ${count} templates in the family of '${id}'`);
    }
  });

  it('has 3 to 10 lowercase, single-word keywords', () => {
    for (const entry of templates) {
      const keywords = textList(entry, 'keywords');
      assert.ok(keywords.length >= 3 && keywords.length <= 10, `${idOf(entry)}: ${keywords.length} keywords`);
      for (const keyword of keywords) assert.match(keyword, KEYWORD, `${idOf(entry)}: keyword '${keyword}'`);
      assert.deepStrictEqual(duplicatesIn(keywords), [], `${idOf(entry)}: a keyword is listed twice`);
    }
  });

  describe('balance', () => {
    for (const dimension of DIMENSIONS) {
      it(`has at least 20 templates threatening ${dimension}`, () => {
        const count = countWhere(templates, (entry) => textList(entry, 'threatens').includes(dimension));
        assert.ok(count >= 20, `only ${count} templates threaten ${dimension}`);
      });
    }

    it('has at least 15 unwitting templates', () => {
      const count = countWhere(templates, (entry) => entry.intent === 'unwitting');
      assert.ok(count >= 15, `only ${count} unwitting templates`);
    });

    it('uses every STRIDE category at least 3 times', () => {
      for (const category of STRIDE) {
        const count = countWhere(templates, (entry) => entry.stride === category);
        assert.ok(count >= 3, `only ${count} templates in STRIDE category ${category}`);
      }
    });

    it('applies at least 3 templates to every built-in data class', () => {
      for (const name of DATA_CLASS_NAMES) {
        const count = countWhere(templates, (entry) => textList(entry, 'data').includes(name));
        assert.ok(count >= 3, `only ${count} templates apply to '${name}' data`);
      }
    });

    it('covers the themes product teams ask about', () => {
      const themes: Record<string, string[]> = {
        'account takeover': [
          'credential-stuffing',
          'password-spraying',
          'phishing',
          'session-hijacking',
          'mfa-fatigue',
          'password-reset-abuse',
          'sim-swap',
          'oauth-redirect-misconfiguration',
          'account-enumeration',
        ],
        authorization: [
          'idor',
          'broken-access-control',
          'admin-data-snooping',
          'link-leakage',
          'link-forwarding',
          'stale-access-offboarding',
          'stale-access-role-change',
          'tenant-isolation-failure',
          'over-scoped-api-keys',
        ],
        data: [
          'bulk-exfiltration',
          'over-collection',
          'consent-bypass',
          'retention-beyond-purpose',
          'export-after-takeover',
          'exposed-backups',
          'sensitive-data-in-logs',
          'unencrypted-at-rest',
          'unencrypted-in-transit',
          'dsar-impersonation',
          'processor-breach',
        ],
        integrity: [
          'record-tampering',
          'missing-audit-trail',
          'disputed-action',
          'sql-injection',
          'command-injection',
          'xss',
          'csrf',
          'mass-assignment',
          'file-upload-abuse',
          'dependency-compromise',
          'compromised-third-party-script',
          'unpatched-components',
          'webhook-spoofing',
          'ssrf',
          'open-redirect',
        ],
        availability: [
          'dos-flooding',
          'expensive-queries',
          'lost-backups',
          'ransomware',
          'cloud-provider-outage',
          'third-party-outage',
          'accidental-deletion',
          'free-tier-abuse',
        ],
        payments: [
          'card-testing',
          'refund-fraud',
          'price-manipulation',
          'coupon-abuse',
          'chargeback-fraud',
          'payment-detail-change',
          'balance-race-condition',
        ],
        'unwitting users': [
          'security-misconfiguration',
          'accidental-public-sharing',
          'wrong-recipient',
          'bulk-change-mistake',
          'pasting-secrets',
          'weak-sharing-defaults',
          'phishing-link-click',
          'password-reuse',
          'over-granting-permissions',
        ],
      };
      const ids = new Set(templates.map(idOf));
      for (const [theme, expected] of Object.entries(themes)) {
        assert.deepStrictEqual(
          expected.filter((id) => !ids.has(id)),
          [],
          `theme '${theme}': templates missing from the catalog`,
        );
      }
    });
  });

  it('has every template the examples refer to, but for those of their own team catalog', () => {
    const examples = path.join(ROOT, 'examples');
    const ids = new Set(templates.map(idOf));
    for (const file of readdirSync(examples).filter((name) => name.endsWith('.abusecatalog.yaml'))) {
      const text = readFileSync(path.join(examples, file), 'utf8');
      for (const match of text.matchAll(/^\s*- id:\s*([^\s#]+)/gm)) ids.add(match[1]);
    }
    for (const file of readdirSync(examples).filter((name) => name.endsWith('.usecase.yaml'))) {
      const text = readFileSync(path.join(examples, file), 'utf8');
      for (const match of text.matchAll(/^\s*template:\s*([^\s#]+)/gm)) {
        assert.ok(ids.has(match[1]), `examples/${file}: template '${match[1]}' is not in the catalog`);
      }
    }
  });
});
