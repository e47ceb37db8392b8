import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { BUILT_IN_TEMPLATES } from '../../server/src/engine/catalog';
import { Dimension } from '../../server/src/engine/format';

const ROOT = path.resolve(__dirname, '../../..');

interface Pattern {
  name: string;
  abstraction: string;
  deprecated: boolean;
  consequences: Record<string, string[]>;
}

const CAPEC = JSON.parse(readFileSync(path.join(ROOT, 'test/reference/capec-3.9-consequences.json'), 'utf8')) as {
  patterns: Record<string, Pattern>;
};

/** CAPEC's consequence scopes that are CIA dimensions; the others (access control, accountability...) are not. */
const SCOPES: Record<string, Dimension> = {
  Confidentiality: 'confidentiality',
  Integrity: 'integrity',
  Availability: 'availability',
};

/** The CIA dimensions the consequences of a template's CAPEC patterns name. */
function dimensionsOf(capec: readonly string[]): Set<Dimension> {
  const dimensions = new Set<Dimension>();
  for (const id of capec)
    for (const scope of Object.keys(CAPEC.patterns[id]?.consequences ?? {}))
      if (SCOPES[scope]) dimensions.add(SCOPES[scope]);
  return dimensions;
}

describe('the built-in catalog against MITRE CAPEC 3.9', () => {
  it('cites CAPEC in at least 100 templates', () => {
    const citing = BUILT_IN_TEMPLATES.filter((template) => template.capec.length > 0);
    assert.ok(citing.length >= 100, `${citing.length} templates cite CAPEC`);
  });

  it('cites only patterns that exist in CAPEC 3.9 and are not deprecated', () => {
    for (const template of BUILT_IN_TEMPLATES)
      for (const id of template.capec) {
        const pattern = CAPEC.patterns[id];
        assert.ok(pattern, `${template.id}: ${id} is not in CAPEC 3.9`);
        assert.ok(!pattern.deprecated && !/^DEPRECATED/.test(pattern.name), `${template.id}: ${id} is deprecated`);
      }
  });

  it('claims only CIA dimensions its patterns name, or says why in a note', () => {
    const beyond: string[] = [];
    for (const template of BUILT_IN_TEMPLATES) {
      const allowed = dimensionsOf(template.capec);
      if (allowed.size === 0) continue;
      const extra = template.threatens.filter((dimension) => !allowed.has(dimension));
      if (extra.length > 0 && !template.scopeNote) beyond.push(`${template.id} (${extra.join(', ')})`);
    }
    assert.deepStrictEqual(beyond, [], 'templates that claim more than CAPEC, without a scopeNote');
  });

  it('keeps each note short, and only where it explains something', () => {
    for (const template of BUILT_IN_TEMPLATES) {
      if (!template.scopeNote) continue;
      assert.ok(template.scopeNote.length <= 140, `${template.id}: the note is at most 140 characters`);
      const allowed = dimensionsOf(template.capec);
      assert.ok(
        template.threatens.some((dimension) => !allowed.has(dimension)),
        `${template.id}: a note, but the template claims nothing beyond its patterns`,
      );
    }
  });
});
