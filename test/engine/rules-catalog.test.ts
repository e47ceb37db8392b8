import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/engine';
import { generatedFiles, sourceFileOf } from '../../server/scripts/generated';
import { analyse } from '../helpers/engine';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the rule catalog', () => {
  it('has unique, kebab-case codes with a one-line description', () => {
    const codes = RULES.map((rule) => rule.code);
    assert.deepStrictEqual(new Set(codes).size, codes.length);
    for (const rule of RULES) {
      assert.match(rule.code, /^[a-z]+(-[a-z]+)*$/);
      assert.match(rule.description, /^[A-Z].*\.$/, `${rule.code}: a sentence`);
      assert.ok(!rule.description.includes('\n'), `${rule.code}: one line`);
    }
  });

  it('keeps the rules as the one-rule-a-file folder says, and registers every file', () => {
    const files = readdirSync(path.join(ROOT, 'server/src/engine/rules')).filter((f) => f !== 'index.ts');
    assert.deepStrictEqual(files.sort(), RULES.map(sourceFileOf).sort());
  });

  for (const rule of RULES) {
    describe(`rule ${rule.code}`, () => {
      it('has engine tests in test/engine/rules/', () => {
        const testFile = `test/engine/rules/${rule.code}.test.ts`;
        assert.ok(existsSync(path.join(ROOT, testFile)), `${testFile} is missing`);
        assert.match(read(testFile), new RegExp(`describe\\('rule ${rule.code}'`));
      });

      it('fires on its documented bad example and not on the good one', () => {
        assert.ok(
          analyse(rule.docs.bad, {}, undefined, rule.docs.host).some((d) => d.code === rule.code),
          'bad example fires',
        );
        assert.deepStrictEqual(
          analyse(rule.docs.good).filter((d) => d.code === rule.code),
          [],
          'good example is clean',
        );
      });
    });
  }
});

describe('generated files', () => {
  const expected = generatedFiles(read('README.md'));
  for (const [file, content] of expected) {
    it(`${file} is up to date (run \`npm run generate\`)`, () => {
      assert.ok(existsSync(path.join(ROOT, file)), `${file} is missing`);
      assert.strictEqual(read(file), content);
    });
  }

  it('has no stale rule page', () => {
    const pages = readdirSync(path.join(ROOT, 'docs/rules')).map((f) => `docs/rules/${f}`);
    assert.deepStrictEqual(
      pages.filter((page) => !expected.has(page)),
      [],
    );
  });
});

describe('the engine', () => {
  it('imports no editor, transport or file-system module', () => {
    const forbidden =
      /from '(vscode|vscode-languageserver[^']*|vscode-languageclient[^']*|fs|node:fs|fs\/promises|path|child_process)'/;
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
    const offenders = walk(path.join(ROOT, 'server/src/engine')).filter((file) =>
      forbidden.test(readFileSync(file, 'utf8')),
    );
    assert.deepStrictEqual(
      offenders.map((file) => path.relative(ROOT, file)),
      [],
    );
  });
});
