import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { IGrammar } from 'vscode-textmate';
import { CONFIG_SHAPES } from '../../server/src/engine/config';
import {
  DIMENSIONS,
  SHAPES,
  withArticle,
  type FieldSpec,
  type Shape,
  type ValueType,
} from '../../server/src/engine/format';
import { dedent, marked } from '../helpers/marked';
import {
  EXAMPLES_DIR,
  GRAMMAR_PATH,
  LANGUAGE_CONFIGURATION_PATH,
  YAML_GRAMMARS,
  describeTokens,
  hasScope,
  loadGrammar,
  tokenize,
  type Token,
} from './tokenize';

/*
 * Each test is a piece of a `.usecase.yaml` file with the words it is about
 * marked ⟦like this⟧, and the scope those words get. Scopes are matched the
 * way a theme selector matches them: `constant.other.enum` covers
 * `constant.other.enum.status.usecase-yaml`.
 */

const KEY = 'keyword.other.key';
const DIMENSION = 'constant.language.cia';
const ENUM = 'constant.other.enum';
const ID_DEFINITION = 'entity.name.type.id.usecase-yaml';
const BACKLOG_REFERENCE = 'variable.other.id.backlog.usecase-yaml';
const TEMPLATE_REFERENCE = 'variable.other.id.template.usecase-yaml';
/** The scopes this grammar adds on top of YAML. */
const FORMAT_SCOPES = [KEY, DIMENSION, ENUM, 'entity.name.type.id', 'variable.other.id'];

let grammar: IGrammar;
const loadTheGrammar = async () => {
  grammar = await loadGrammar();
};

interface Marked {
  tokens: Token[];
  ranges: { start: number; end: number }[];
  text: string;
}

/** A source starting on a new line is an indented block of lines; a one-liner is taken as is. */
function tokenizeMarked(source: string): Marked {
  const { text, ranges } = marked(source.startsWith('\n') ? dedent(source) : source);
  if (!ranges.length) throw new Error(`nothing ⟦marked⟧ in the test text:\n${source}`);
  return { tokens: tokenize(grammar, text), ranges, text };
}

function scopesAt(tokens: readonly Token[], offset: number): string[] {
  return tokens.find((t) => t.start <= offset && offset < t.end)?.scopes ?? [];
}

/** The tokens of the lines a range touches, for failure messages. */
function tokensAround(doc: Marked, range: { start: number; end: number }): string {
  const lineStart = doc.text.lastIndexOf('\n', range.start - 1) + 1;
  const nextNewline = doc.text.indexOf('\n', range.end);
  const lineEnd = nextNewline === -1 ? doc.text.length : nextNewline;
  return describeTokens(doc.tokens.filter((t) => t.end > lineStart && t.start < lineEnd));
}

/** Each marked word carries `scope`, and the scope stops exactly at the marks. */
function expectScope(source: string, scope: string): void {
  const doc = tokenizeMarked(source);
  for (const range of doc.ranges) {
    const word = JSON.stringify(doc.text.slice(range.start, range.end));
    const inside = Array.from({ length: range.end - range.start }, (_, i) => range.start + i).filter(
      (offset) => doc.text[offset] !== '\n',
    );
    assert.ok(
      inside.every((offset) => hasScope(scopesAt(doc.tokens, offset), scope)),
      `expected ${word} to be ${scope}, got:\n${tokensAround(doc, range)}`,
    );
    for (const outside of [range.start - 1, range.end]) {
      if (outside < 0 || outside >= doc.text.length || doc.text[outside] === '\n') continue;
      assert.ok(
        !hasScope(scopesAt(doc.tokens, outside), scope),
        `expected ${scope} to cover exactly ${word}, but it runs on to ${JSON.stringify(doc.text[outside])}:\n${tokensAround(doc, range)}`,
      );
    }
  }
}

/** No character of the marked words carries `scope`. */
function expectNoScope(source: string, scope: string): void {
  const doc = tokenizeMarked(source);
  for (const range of doc.ranges) {
    for (let offset = range.start; offset < range.end; offset++) {
      assert.ok(
        !hasScope(scopesAt(doc.tokens, offset), scope),
        `expected ${JSON.stringify(doc.text.slice(range.start, range.end))} not to be ${scope}, got:\n${tokensAround(doc, range)}`,
      );
    }
  }
}

/** The marked words are plain YAML: none of the scopes this grammar adds. */
function expectPlainYaml(source: string): void {
  for (const scope of FORMAT_SCOPES) expectNoScope(source, scope);
}

// The format, as format.ts describes it.
const FIELDS: { shape: Shape; key: string; field: FieldSpec }[] = [...SHAPES, ...CONFIG_SHAPES].flatMap((shape) =>
  Object.entries(shape.fields).map(([key, field]) => ({ shape, key, field })),
);
const fieldsWhere = (test: (type: ValueType) => boolean) => FIELDS.filter(({ field }) => test(field.type));
const enumValues = (type: ValueType): readonly string[] => (type.kind === 'enum' ? type.values : []);
const listOf = (type: ValueType): ValueType | undefined => (type.kind === 'list' ? type.of : undefined);

describe('usecase-yaml grammar', () => {
  before(loadTheGrammar);

  describe('keys of the format', () => {
    it('highlights a top-level key and the colon after it', () => {
      expectScope(`⟦product⟧: Roadmaps`, 'keyword.other.key.product.usecase-yaml');
      expectScope(`product⟦:⟧ Roadmaps`, 'punctuation.separator.key-value.mapping.yaml');
    });

    it('highlights the key that opens a list item, and the dash as YAML does', () => {
      expectScope(`  - ⟦id⟧: RM-101`, 'keyword.other.key.id.usecase-yaml');
      expectScope(`  ⟦-⟧ id: RM-101`, 'punctuation.definition.block.sequence.item.yaml');
    });

    it('highlights a key that opens a block', () => {
      expectScope(`    ⟦abuse_cases⟧:`, 'keyword.other.key.abuse_cases.usecase-yaml');
      expectScope(`    ⟦cia⟧:   # overrides the data classes`, 'keyword.other.key.cia.usecase-yaml');
    });

    it('keeps the YAML key scope under the format one, for YAML-aware themes', () => {
      expectScope(`    ⟦title⟧: Share a roadmap`, 'entity.name.tag.yaml');
    });

    for (const shape of [...SHAPES, ...CONFIG_SHAPES]) {
      it(`highlights every key of ${withArticle(shape.name)} (format.ts)`, () => {
        for (const key of Object.keys(shape.fields)) {
          expectScope(`⟦${key}⟧: x`, `${KEY}.${key}.usecase-yaml`);
          expectScope(`  - ⟦${key}⟧: x`, `${KEY}.${key}.usecase-yaml`);
          expectScope(`    ⟦${key}⟧:`, `${KEY}.${key}.usecase-yaml`);
        }
      });
    }

    it('knows no key that the format does not have', () => {
      const grammarJson = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as {
        repository: { keys: { match: string } };
      };
      const listed = /\(([a-z][a-z_|-]*)\)/.exec(grammarJson.repository.keys.match)?.[1].split('|') ?? [];
      assert.deepStrictEqual([...new Set(listed)].sort(), [...new Set(FIELDS.map((f) => f.key))].sort());
    });

    it('leaves an unknown or misspelt key to YAML', () => {
      expectScope(`⟦owner⟧: Jane`, 'entity.name.tag.yaml');
      expectNoScope(`⟦owner⟧: Jane`, KEY);
      expectNoScope(`        ⟦threatnes⟧: [integrity]`, KEY);
      expectNoScope(`⟦titles⟧: x`, KEY);
      expectNoScope(`⟦subtitle⟧: x`, KEY);
    });

    it('does not see a key in a value, a comment or a block scalar', () => {
      expectNoScope(`title: Set the ⟦status⟧ to done`, KEY);
      expectNoScope(`# ⟦status⟧: done`, KEY);
      expectNoScope(
        `
        reason: |
          Accepted until the new
          ⟦status⟧: page ships.
        `,
        KEY,
      );
    });
  });

  describe('CIA dimensions', () => {
    it('highlights the dimensions of a flow list', () => {
      expectScope(`threatens: [⟦confidentiality⟧, ⟦integrity⟧, ⟦availability⟧]`, DIMENSION);
      expectScope(`threatens: [⟦integrity⟧]`, 'constant.language.cia.integrity.usecase-yaml');
    });

    it('highlights the dimensions of a block list', () => {
      expectScope(
        `
        threatens:
          - ⟦confidentiality⟧
          - ⟦availability⟧
        `,
        DIMENSION,
      );
      expectScope(
        `
        threatens:
          - ⟦availability⟧
        `,
        'constant.language.cia.availability.usecase-yaml',
      );
    });

    it('highlights the dimensions of an abuse case that opens a list item', () => {
      expectScope(`      - threatens: [⟦integrity⟧]`, DIMENSION);
      expectScope(
        `
        - threatens:
            - ⟦integrity⟧
        `,
        DIMENSION,
      );
    });

    it('highlights dimensions around comments, blank lines and a flow list over several lines', () => {
      expectScope(
        `
        threatens:   # what goes wrong
          # first the leak
          - ⟦confidentiality⟧   # the link

          - ⟦integrity⟧
        `,
        DIMENSION,
      );
      expectScope(
        `
        threatens: [
          ⟦confidentiality⟧,   # the link
          ⟦availability⟧,
        ]
        `,
        DIMENSION,
      );
    });

    for (const { shape, key, field } of fieldsWhere((type) => listOf(type)?.kind === 'enum')) {
      it(`highlights each value of ${key} in ${withArticle(shape.name)} (format.ts)`, () => {
        for (const value of enumValues(listOf(field.type)!)) {
          const scope = DIMENSIONS.includes(value as (typeof DIMENSIONS)[number]) ? `${DIMENSION}.${value}` : ENUM;
          expectScope(`${key}: [⟦${value}⟧]`, scope);
          expectScope(`${key}:\n  - ⟦${value}⟧`, scope);
        }
      });
    }

    it('does not colour a dimension word in free text', () => {
      expectNoScope(`title: high ⟦availability⟧ setup`, DIMENSION);
      expectNoScope(`description: ⟦integrity⟧`, DIMENSION);
      expectNoScope(`title: ⟦confidentiality⟧`, DIMENSION);
    });

    it('does not colour a dimension in a list of another key', () => {
      expectNoScope(
        `
        steps:
          - ⟦integrity⟧
        `,
        DIMENSION,
      );
      expectNoScope(`data: [⟦confidentiality⟧]`, DIMENSION);
      expectNoScope(`controls: [⟦availability⟧]`, DIMENSION);
    });

    it('only colours an item that is a whole dimension', () => {
      expectNoScope(`threatens: [⟦integrity checks⟧, ⟦confidentiality-ish⟧]`, DIMENSION);
      expectNoScope(
        `
        threatens:
          - ⟦integrity of the roadmap⟧
        `,
        DIMENSION,
      );
    });

    it('ends a block list of dimensions at the next key', () => {
      expectNoScope(
        `
        threatens:
          - integrity
        notes:
          - ⟦availability⟧
        `,
        DIMENSION,
      );
      expectNoScope(
        `
            threatens:
              - integrity
          - title: Another step
          - ⟦availability⟧
        `,
        DIMENSION,
      );
    });

    it('does not let an unclosed flow list swallow the keys after it', () => {
      expectScope(
        `
        threatens: [confidentiality,
        ⟦likelihood⟧: rare
        `,
        KEY,
      );
    });
  });

  describe('levels and enum values', () => {
    it('highlights the level of a CIA requirement', () => {
      expectScope(
        `
        cia:
          confidentiality: ⟦high⟧     # none | low | medium | high
          availability: ⟦none⟧
        `,
        'constant.other.enum.level.usecase-yaml',
      );
    });

    it('highlights the status of a backlog item and of a mitigation', () => {
      expectScope(`    status: ⟦in-progress⟧`, 'constant.other.enum.status.usecase-yaml');
      expectScope(`            status: ⟦planned⟧`, 'constant.other.enum.status.usecase-yaml');
    });

    it('highlights the intent, likelihood and impact of an abuse case', () => {
      expectScope(`        intent: ⟦unwitting⟧`, 'constant.other.enum.intent.usecase-yaml');
      expectScope(`        likelihood: ⟦almost-certain⟧`, 'constant.other.enum.likelihood.usecase-yaml');
      expectScope(`        impact: ⟦major⟧`, 'constant.other.enum.impact.usecase-yaml');
      expectScope(`    type: ⟦spike⟧`, 'constant.other.enum.type.usecase-yaml');
    });

    for (const { shape, key, field } of fieldsWhere((type) => type.kind === 'enum')) {
      it(`highlights each ${key} of ${withArticle(shape.name)} (format.ts)`, () => {
        for (const value of enumValues(field.type)) {
          expectScope(`${key}: ⟦${value}⟧`, ENUM);
          expectScope(`  - ${key}: ⟦${value}⟧   # a comment`, ENUM);
        }
      });
    }

    it('does not colour an enum word in the value of another key', () => {
      expectNoScope(`title: ⟦high⟧`, ENUM);
      expectNoScope(`priority: ⟦high⟧`, ENUM);
      expectNoScope(`actor: ⟦malicious⟧ insider`, ENUM);
    });

    it('does not colour a value the key does not take, nor a longer value', () => {
      expectNoScope(`impact: ⟦high⟧`, ENUM);
      expectNoScope(`status: ⟦finished⟧`, ENUM);
      expectNoScope(`status: ⟦done soon⟧`, ENUM);
      expectNoScope(`likelihood: ⟦likely-ish⟧`, ENUM);
    });
  });

  describe('ids', () => {
    it('highlights the id an item defines', () => {
      expectScope(`  - id: ⟦RM-101⟧`, ID_DEFINITION);
      expectScope(`      - id: ⟦AB-link-forwarded⟧   # unique`, ID_DEFINITION);
    });

    it('highlights the backlog ids a use case or a mitigation refers to', () => {
      expectScope(`    parent: ⟦RM-100⟧`, BACKLOG_REFERENCE);
      expectScope(`    backlog: [⟦RM-101⟧, ⟦RM-102⟧]`, BACKLOG_REFERENCE);
      expectScope(
        `
            backlog:
              - ⟦RM-140⟧
              - ⟦RM-141⟧   # the follow-up
        `,
        BACKLOG_REFERENCE,
      );
    });

    it('highlights the threat-catalog template an abuse case follows', () => {
      expectScope(`        template: ⟦link-leakage⟧`, TEMPLATE_REFERENCE);
    });

    it('reads the top-level backlog as items that define ids, not as references', () => {
      const backlog = `
        backlog:
          - ⟦id⟧: RM-101
            title: Share a roadmap
        `;
      expectScope(backlog, KEY);
      expectNoScope(backlog, BACKLOG_REFERENCE);
      expectScope(backlog.replace('⟦id⟧: RM-101', 'id: ⟦RM-101⟧'), ID_DEFINITION);
    });

    for (const { shape, key } of fieldsWhere((type) => type.kind === 'id')) {
      it(`highlights the ${key} of ${withArticle(shape.name)} (format.ts)`, () => {
        expectScope(`${key}: ⟦X-1⟧`, 'entity.name.type.id');
      });
    }

    for (const { shape, key, field } of fieldsWhere(
      (type) => type.kind === 'backlog-ref' || type.kind === 'template-ref',
    )) {
      it(`highlights the ${key} of ${withArticle(shape.name)} (format.ts)`, () => {
        expectScope(`${key}: ⟦X-1⟧`, field.type.kind === 'template-ref' ? TEMPLATE_REFERENCE : BACKLOG_REFERENCE);
      });
    }

    for (const { shape, key } of fieldsWhere((type) => listOf(type)?.kind === 'backlog-ref')) {
      it(`highlights each item of the ${key} of ${withArticle(shape.name)} (format.ts)`, () => {
        expectScope(`${key}: [⟦X-1⟧, ⟦Y.2⟧]`, BACKLOG_REFERENCE);
        expectScope(`${key}:\n  - ⟦X-1⟧\n  - ⟦Y.2⟧`, BACKLOG_REFERENCE);
      });
    }

    it('only highlights what looks like an id (format.ts ID_PATTERN)', () => {
      expectPlainYaml(`id: ⟦101⟧`);
      expectPlainYaml(`parent: ⟦RM 100⟧`);
      expectPlainYaml(`backlog: [⟦"RM-101"⟧, ⟦-x⟧]`);
    });

    it('does not colour an id-like word in free text or other lists', () => {
      expectPlainYaml(`title: ⟦RM-101⟧`);
      expectPlainYaml(`data: [⟦customer-content⟧, ⟦pii⟧]`);
      expectPlainYaml(`controls: [⟦gdpr:art-32⟧]`);
    });
  });

  describe('free text', () => {
    for (const { shape, key } of fieldsWhere((type) => type.kind === 'text' || listOf(type)?.kind === 'text')) {
      it(`leaves the ${key} of ${withArticle(shape.name)} to YAML (format.ts)`, () => {
        expectPlainYaml(`${key}: ⟦high availability⟧`);
        expectPlainYaml(`${key}: ⟦integrity⟧`);
        expectPlainYaml(`${key}: ⟦likely⟧`);
        expectPlainYaml(`${key}: ⟦RM-101⟧`);
        expectPlainYaml(`${key}:\n  - ⟦confidentiality⟧\n  - ⟦RM-101⟧`);
      });
    }
  });

  describe('YAML underneath', () => {
    it('keeps a comment after a value a comment', () => {
      const comment = 'comment.line.number-sign.yaml';
      expectScope(`    status: in-progress    ⟦# todo | in-progress | done⟧`, comment);
      expectScope(`    id: RM-101 ⟦# the ticket⟧`, comment);
      expectScope(`    title: Share a roadmap ⟦# short⟧`, comment);
      expectScope(`    threatens: [confidentiality]  ⟦# integrity too?⟧`, comment);
      expectScope(`    threatens: ⟦# below⟧`, comment);
      expectScope(`    cia:  ⟦# high: everything⟧`, comment);
      expectPlainYaml(`    status: done ⟦# high integrity, RM-101⟧`);
    });

    it('leaves whole-line comments and document markers to YAML', () => {
      expectScope(`⟦# status: done⟧`, 'comment.line.number-sign.yaml');
      expectScope(`⟦---⟧`, 'entity.other.document.begin.yaml');
    });

    it('leaves quoted strings, numbers, booleans and dates to YAML', () => {
      expectScope(`    sprint: ⟦"2026.23"⟧`, 'string.quoted.double.yaml');
      expectScope(`    title: ⟦'It''s shared'⟧`, 'string.quoted.single.yaml');
      expectScope(`    points: ⟦5⟧`, 'constant.numeric.integer.yaml');
      expectScope(`    security: ⟦true⟧`, 'constant.language.boolean.yaml');
      expectScope(`          until: ⟦2027-03-31⟧`, 'constant.other.timestamp.yaml');
    });

    it('leaves block scalars to YAML', () => {
      expectScope(
        `
        accepted:
          reason: ⟦|⟧
            The link expires within a day.
          until: 2027-03-31
        `,
        'keyword.control.flow.block-scalar.literal.yaml',
      );
      expectScope(
        `
        accepted:
          reason: >-
        ⟦    The link expires within a day,
            confidentiality: high.⟧
          until: 2027-03-31
        `,
        'string.unquoted.block.yaml',
      );
      expectScope(
        `
        accepted:
          reason: |
            The link expires within a day.
          ⟦until⟧: 2027-03-31
        `,
        KEY,
      );
    });

    it('leaves anchors and aliases to YAML', () => {
      expectScope(`    cia: &⟦strict⟧`, 'entity.name.type.anchor.yaml');
      expectScope(`    cia: *⟦strict⟧`, 'variable.other.alias.yaml');
    });

    it('keeps flow lists looking like YAML flow lists', () => {
      expectScope(`threatens: ⟦[integrity, availability]⟧`, 'meta.flow-sequence.yaml');
      expectScope(`threatens: ⟦[⟧integrity, availability]`, 'punctuation.definition.sequence.begin.yaml');
      expectScope(`threatens: [integrity⟦,⟧ availability]`, 'punctuation.separator.sequence.yaml');
      expectScope(`backlog: ⟦[RM-101, "RM 102", later on ]⟧  # two more`, 'meta.flow-sequence.yaml');
      expectScope(`backlog: [RM-101, "RM 102", ⟦later on⟧ ]`, 'string.unquoted.plain.in.yaml');
      expectScope(`backlog: [RM-101, ⟦"RM 102"⟧]`, 'string.quoted.double.yaml');
    });
  });
});

/** The scope the value of a single-valued key gets, by the kind format.ts gives the key. */
const VALUE_SCOPE = new Map<string, string>(
  FIELDS.flatMap(({ key, field }): [string, string][] => {
    switch (field.type.kind) {
      case 'enum':
        return [[key, ENUM]];
      case 'id':
        return [[key, ID_DEFINITION]];
      case 'backlog-ref':
        return [[key, BACKLOG_REFERENCE]];
      case 'template-ref':
        return [[key, TEMPLATE_REFERENCE]];
      default:
        return [];
    }
  }),
);

for (const yaml of YAML_GRAMMARS) {
  describe(`usecase-yaml grammar on top of the ${yaml} YAML grammar`, () => {
    let onYaml: IGrammar;
    before(async () => {
      onYaml = await loadGrammar(yaml);
    });

    /** Each marked word of the document carries `scope`. */
    const expectScopeOnYaml = (source: string, scope: string) => {
      const { text, ranges } = marked(source);
      const tokens = tokenize(onYaml, text);
      for (const range of ranges) {
        for (let offset = range.start; offset < range.end; offset++) {
          assert.ok(
            hasScope(scopesAt(tokens, offset), scope),
            `expected ${JSON.stringify(text.slice(range.start, range.end))} to be ${scope}, got:\n${describeTokens(tokens)}`,
          );
        }
      }
    };

    it('keeps highlighting the format whatever the first line is', () => {
      const rest = 'use_cases:\n  - ⟦id⟧: UC-x\n    threatens: [integrity]\n';
      for (const first of ['', '   ', '# Roadmaps', '---', 'owner: Jane', 'product: Roadmaps', '- id: RM-1']) {
        expectScopeOnYaml(`${first}\n${rest}`, KEY);
      }
    });

    it('keeps a comment after a value a comment', () => {
      expectScopeOnYaml(
        '# Roadmaps\nstatus: done ⟦# for now⟧\ntitle: Share it ⟦# short⟧\n',
        'comment.line.number-sign.yaml',
      );
    });

    const files = fs.readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.usecase.yaml'));

    it('has example files to check', () => {
      assert.ok(files.length > 0, `no .usecase.yaml files in ${EXAMPLES_DIR}`);
    });

    for (const file of files) {
      it(`highlights every key and every enum and id value of examples/${file}`, () => {
        const text = fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8');
        const tokens = tokenize(onYaml, text);
        const where = (t: Token) =>
          `${file}:${text.slice(0, t.start).split('\n').length}: ${JSON.stringify(t.text)} is ${t.scopes.slice(1).join(' ')}`;
        let keys = 0;
        let values = 0;
        tokens.forEach((token, i) => {
          assert.ok(!hasScope(token.scopes, 'invalid'), where(token));
          if (!hasScope(token.scopes, 'entity.name.tag.yaml')) return;
          assert.ok(hasScope(token.scopes, KEY), `not a format key: ${where(token)}`);
          keys++;
          const expected = VALUE_SCOPE.get(token.text);
          const value = tokens.slice(i + 1).find((t) => t.text.trim() !== '' && t.text !== ':');
          if (!expected || !value || text.slice(token.end, value.start).includes('\n')) return;
          assert.ok(hasScope(value.scopes, expected), `expected ${expected}: ${where(value)}`);
          values++;
        });
        const lines = text.split('\n').filter((line) => /^\s*(?:-\s+)?[a-z_]+:(?:\s|$)/.test(line)).length;
        assert.ok(keys >= lines * 0.9, `only ${keys} format keys found in ${file}, which has about ${lines} key lines`);
        assert.ok(values > 0, `no enum or id values found in ${file}`);
      });
    }
  });
}

describe('usecase-yaml language configuration', () => {
  interface OnEnterRule {
    beforeText: string;
    action: { indent: string; appendText?: string };
  }
  interface LanguageConfiguration {
    comments: { lineComment: string };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string }[];
    folding: { offSide: boolean };
    wordPattern: string;
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    onEnterRules: OnEnterRule[];
  }
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIGURATION_PATH, 'utf8')) as LanguageConfiguration;

  /** The words of a line, as VS Code finds them for double-click and word-based suggestions. */
  const words = (line: string) => line.match(new RegExp(config.wordPattern, 'g')) ?? [];
  /** What pressing Enter at the end of the line does, by the first onEnterRule that applies. */
  const onEnter = (line: string) => config.onEnterRules.find((rule) => new RegExp(rule.beforeText).test(line))?.action;
  const indentsAfter = (line: string) => new RegExp(config.indentationRules.increaseIndentPattern).test(line);

  it('comments with #, pairs brackets and quotes, and folds by indentation', () => {
    assert.strictEqual(config.comments.lineComment, '#');
    assert.deepStrictEqual(config.brackets, [
      ['{', '}'],
      ['[', ']'],
    ]);
    assert.deepStrictEqual(
      config.autoClosingPairs.map((p) => p.open + p.close),
      ['{}', '[]', '""', "''"],
    );
    assert.strictEqual(config.folding.offSide, true);
  });

  it('keeps ids, tags and dates as one word, and a key without its colon', () => {
    assert.deepStrictEqual(words('    backlog: [RM-101, AB-link-forwarded]'), [
      'backlog',
      'RM-101',
      'AB-link-forwarded',
    ]);
    assert.deepStrictEqual(words('            controls: [gdpr:art-32]  # GDPR.'), ['controls', 'gdpr:art-32', 'GDPR']);
    assert.deepStrictEqual(words('  - id: UC-share.link_2'), ['id', 'UC-share.link_2']);
    assert.deepStrictEqual(words('    sprint: "2026.23"'), ['sprint', '2026.23']);
    assert.deepStrictEqual(words('          until: 2027-03-31'), ['until', '2027-03-31']);
    assert.deepStrictEqual(words('    by: Jane (CISO), Zoë'), ['by', 'Jane', 'CISO', 'Zoë']);
  });

  it('indents after a line that opens a block', () => {
    assert.ok(indentsAfter('use_cases:'));
    assert.ok(indentsAfter('    cia:   # overrides'));
    assert.ok(indentsAfter('  - abuse_cases:'));
    assert.ok(indentsAfter('          reason: |'));
    assert.ok(indentsAfter('        threatens: ['));
    assert.ok(!indentsAfter('    title: Share a roadmap'));
    assert.ok(!indentsAfter('    title: Share a roadmap  # note: short'));
    assert.ok(!indentsAfter('# use_cases:'));
  });

  it('on Enter, lines the next key up under the first key of a list item', () => {
    assert.deepStrictEqual(onEnter('  - id: RM-101'), { indent: 'none', appendText: '  ' });
    assert.deepStrictEqual(onEnter('          - title: Links expire   # short'), { indent: 'none', appendText: '  ' });
  });

  it('on Enter, indents the block that a list item key opens past the key', () => {
    assert.deepStrictEqual(onEnter('      - accepted:'), { indent: 'indent', appendText: '  ' });
    assert.deepStrictEqual(onEnter('      - reason: >-'), { indent: 'indent', appendText: '  ' });
  });

  it('on Enter, continues a list of plain items with a new dash', () => {
    assert.deepStrictEqual(onEnter('      - Open the roadmap'), { indent: 'none', appendText: '- ' });
    assert.deepStrictEqual(onEnter('          - RM-140   # later: maybe'), { indent: 'none', appendText: '- ' });
  });

  it('on Enter, indents after a key that opens a block, and leaves other lines alone', () => {
    assert.deepStrictEqual(onEnter('    cia:'), { indent: 'indent' });
    assert.strictEqual(onEnter('    title: Share a roadmap'), undefined);
    assert.strictEqual(onEnter('    # - a comment'), undefined);
  });
});
