import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { generateUseCaseFile, mulberry32 } from '../../bench/generate';
import { parseBlockYaml, PARSE_OPTIONS } from '../../server/src/engine/blockYaml';
import { dedent } from '../helpers/marked';

const EXAMPLES = path.resolve(__dirname, '../../../examples');

/** Comments are not kept by the fast path; everything else on a node must be what `parseDocument` gives. */
const NOT_COMPARED = new Set(['comment', 'commentBefore', 'spaceBefore']);

/** A node as plain data: its class and every own property, recursively (NaN kept apart from null). */
function shapeOf(value: unknown): unknown {
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(shapeOf);
  const shape: Record<string, unknown> = { class: value.constructor.name };
  for (const [key, property] of Object.entries(value)) if (!NOT_COMPARED.has(key)) shape[key] = shapeOf(property);
  return shape;
}

/** Whether the fast path answered, and if it did, that it answered as `parseDocument` does. */
function checkAgainstYaml(text: string, context = ''): boolean {
  const fast = parseBlockYaml(text);
  if (fast === undefined) return false;
  const doc = parseDocument(text, PARSE_OPTIONS);
  assert.deepStrictEqual(
    doc.errors.map((error) => error.message),
    [],
    `the fast path accepted a text with a syntax error ${context}:\n${JSON.stringify(text)}`,
  );
  assert.deepStrictEqual(
    shapeOf(fast),
    shapeOf(doc.contents),
    `the fast path differs from parseDocument ${context}:\n${JSON.stringify(text)}`,
  );
  return true;
}

/** One small change where YAML is most sensitive: indicators, quotes, comments, indentation, line ends. */
function mutate(text: string, next: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const at = Math.floor(next() * (text.length + 1));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1;
  switch (
    pick([
      'insert',
      'insert',
      'insert',
      'delete',
      'comment-line',
      'blank-line',
      'indent',
      'dedent',
      'copy-line',
      'drop-line',
      'crlf',
    ] as const)
  ) {
    case 'insert':
      return (
        text.slice(0, at) +
        pick([
          'a',
          ' ',
          ':',
          ': ',
          '-',
          '- ',
          '#',
          ' #',
          '[',
          ']',
          ', ',
          ',',
          '"',
          "'",
          "''",
          '&',
          '*',
          '!',
          '{',
          '}',
          '|',
          '>',
          '?',
          '1',
          '0.50',
          '~',
          'true',
          '\t',
          '\r',
          '\\',
          '.',
          '\n',
          '\n  ',
          '\n    ',
          ' x: ',
          'é',
        ]) +
        text.slice(at)
      );
    case 'delete':
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
    case 'comment-line':
      return `${text.slice(0, lineStart)}${' '.repeat(Math.floor(next() * 12))}# note\n${text.slice(lineStart)}`;
    case 'blank-line':
      return `${text.slice(0, lineStart)}${' '.repeat(Math.floor(next() * 3))}\n${text.slice(lineStart)}`;
    case 'indent':
      return `${text.slice(0, lineStart)}  ${text.slice(lineStart)}`;
    case 'dedent':
      return text.startsWith(' ', lineStart) ? text.slice(0, lineStart) + text.slice(lineStart + 1) : text;
    case 'copy-line':
      return text.slice(0, lineEnd) + text.slice(lineStart, lineEnd) + text.slice(lineEnd);
    case 'drop-line':
      return text.slice(0, lineStart) + text.slice(lineEnd);
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
  }
}

const SAMPLES: Array<[string, string]> = [
  ...readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.yaml'))
    .map((name): [string, string] => [name, readFileSync(path.join(EXAMPLES, name), 'utf8')]),
  ['a generated file', generateUseCaseFile(7, { useCases: 6, abuseCasesPerUseCase: 2, prefix: 'G' })],
  // What incremental parsing parses: list items on their own, at their indentation.
  [
    'indented list items',
    generateUseCaseFile(8, { useCases: 3, abuseCasesPerUseCase: 2, prefix: 'I' }).split(/^use_cases:\n/m)[1],
  ],
  [
    'every scalar kind',
    dedent(`
      # header
      product: Roadmaps   # trailing
      numbers: [1, -2, +3, 0o17, 0x1F, 1.50, .5, 2e3, .inf, -.Inf, .nan, 007]
      words: [true, False, NULL, ~, null, "quoted", 'it''s', http://x.org/a?b=c, a:b, é]
      empty:
      empty_commented:   # why
      nested:
        - a
        -
        - key: value
          other: "two words"

          # a comment between entries
          list:
          - compact
          - list
            # indented comment after a value
        # comment at the nested map's column
      last: 2026.20
    `),
  ],
];

describe('the block YAML fast path', () => {
  for (const [name, text] of SAMPLES) {
    it(`parses ${name} exactly as parseDocument does`, () => {
      assert.ok(checkAgainstYaml(text), `the fast path stepped aside on ${name}`);
    });
  }

  it('parses the same texts with CRLF line ends exactly as parseDocument does', () => {
    for (const [name, text] of SAMPLES) checkAgainstYaml(text.replace(/\n/g, '\r\n'), `(${name} with CRLF)`);
  });

  it('either steps aside or agrees with parseDocument, on 6,000 random edits of the samples', function () {
    this.timeout(30_000);
    const next = mulberry32(2026);
    let answered = 0;
    let tried = 0;
    for (const [name, original] of SAMPLES) {
      let text = original;
      for (let edit = 0; edit < 6000 / SAMPLES.length; edit++) {
        text = mutate(text, next);
        tried++;
        if (checkAgainstYaml(text, `after edit ${edit} of ${name}`)) answered++;
        else if (next() < 0.3) text = original;
      }
    }
    // Most random edits break the YAML or leave the subset; enough stay inside it to be a real check.
    assert.ok(answered > tried / 5, `the fast path answered only ${answered} of ${tried} texts`);
  });

  it('steps aside for what it does not parse, and parseDocument reports it', () => {
    const outside = [
      'a: |+\n  kept line ends\n\n',
      'a: >\n  folded\n    deeper\n',
      'a: &x 1\nb: *x\n',
      'a: !tag 1\n',
      'a: {b: 1}\n',
      'a: "esc\\"aped"\n',
      'a: multi\n  line\n',
      '---\na: 1\n',
      'a: 1\na: 2\n',
      'a: b: c\n',
      '\ta: 1\n',
      '- a\n- b\nc: 1\n',
      '',
      '# only a comment\n',
      'a:\n  # a comment after an empty value\nb: 1\n',
    ];
    for (const text of outside) assert.strictEqual(parseBlockYaml(text), undefined, JSON.stringify(text));
  });
});
