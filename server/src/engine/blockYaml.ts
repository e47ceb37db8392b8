import {
  Alias,
  Document,
  isAlias,
  Node,
  Pair,
  parseDocument,
  Scalar,
  Schema,
  visit,
  YAMLError,
  YAMLMap,
  YAMLSeq,
} from 'yaml';

/** How every text is parsed by the `yaml` package, whole or one list item at a time (incrementalParse.ts). */
// `resolveKnownTags: false`: `!!binary`, `!!timestamp` and the like stay text as written (ignored-tag says so), never decoded.
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, resolveKnownTags: false } as const;

/**
 * How deep a file may nest. The format needs about eight levels; the `yaml` parser recurses once
 * per level, and thousands of levels exhaust the stack (V8 then fails even to compile a regular
 * expression and the process dies).
 */
export const MAX_NESTING = 100;

export interface ParsedYaml {
  contents: Node | null;
  errors: YAMLError[];
  /** Set when the text nests deeper than MAX_NESTING: where it does. The text is not parsed then. */
  tooDeepAt?: number;
  /** Each alias with the node of its anchor (the last one of that name before it); absent when the text has none. */
  aliasTargets?: ReadonlyMap<Alias, Node>;
}

/**
 * Parses a YAML text into the `yaml` package's nodes: through the fast path below when the text is
 * written in the plain block style use-case files are written in, else with `parseDocument`,
 * unless it nests too deep for that.
 */
export function parseYaml(source: string): ParsedYaml {
  // YAML counts a lone CR as a line break, as the editor's positions do; the `yaml` package does not. An LF in its
  // place keeps every offset.
  const text = source.includes('\r') ? source.replace(LONE_CR, '\n') : source;
  const contents = parseBlockYaml(text);
  if (contents !== undefined) return { contents, errors: [] };
  const tooDeep = tooDeepAt(text);
  if (tooDeep !== undefined) return { contents: null, errors: [], tooDeepAt: tooDeep };
  const doc = parseDocument(text, PARSE_OPTIONS);
  return { contents: doc.contents as Node | null, errors: doc.errors, aliasTargets: aliasTargetsOf(doc) };
}

const LONE_CR = /\r(?!\n)/g;

/** Whether a text holds a CR that is not part of a CRLF. */
export function hasLoneCr(text: string): boolean {
  LONE_CR.lastIndex = 0;
  const found = text.includes('\r') && LONE_CR.test(text);
  LONE_CR.lastIndex = 0;
  return found;
}

/**
 * Every alias's anchored node, in one walk (the `yaml` package's `Alias.resolve` walks the whole
 * document per alias). An anchor counts from where its node starts, as YAML says, so an alias
 * inside its own anchor's node names an ancestor: the tree reader never follows one into itself.
 */
function aliasTargetsOf(doc: Document): ReadonlyMap<Alias, Node> | undefined {
  let targets: Map<Alias, Node> | undefined;
  const anchors = new Map<string, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) (targets ??= new Map()).set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * Where the nesting first exceeds MAX_NESTING, in one pass: flow brackets
 * outside quotes and comments, and block levels (two columns of indentation
 * or one `- ` each) per line. An over-estimate is fine: real files stay far below.
 */
export function tooDeepAt(text: string): number | undefined {
  let flow = 0;
  let quote: string | undefined;
  let lineStart = true;
  let block = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      lineStart = true;
      block = 0;
      quote = quote === "'" || quote === '"' ? quote : undefined;
      continue;
    }
    if (lineStart) {
      if (ch === ' ' || ch === '\t') block += 0.5;
      else if (ch === '-' && (text[i + 1] === ' ' || text[i + 1] === '\t')) block += 1;
      else lineStart = false;
      if (block > MAX_NESTING) return i;
    }
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      // A quote opens a string only where a scalar can start, not inside a word like `don't`.
      if (i === 0 || /[\s[{,:]/.test(text[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (ch === '[' || ch === '{') {
      if (++flow > MAX_NESTING) return i;
    } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
  }
  return undefined;
}

/**
 * The fast path: the same nodes `parseDocument` builds (classes, values, `source`, `type`, `format`
 * and all three offsets of every `range`), about six times faster, for the YAML people write in
 * these files: block mappings and lists, one-line plain and quoted scalars, one-line flow lists of
 * scalars, literal and folded block scalars, comments and blank lines, LF or CRLF. It reads the text
 * line by line, with no tokens and no concrete syntax tree. It returns undefined for anything else
 * (anchors, aliases, tags, flow mappings, escapes, multi-line plain or quoted scalars, kept (`|+`)
 * or indented folded blocks, tabs, several documents, every syntax error...) and the caller lets
 * `parseDocument` answer, errors included.
 *
 * Comments are skipped, not kept on the nodes (nothing reads them), but they move range ends
 * exactly as in `parseDocument`: a comment line indented deeper than the collection after a
 * one-line value belongs to that value, and the comment lines after a nested collection belong to
 * it when one of them is indented at least as deep as it. Where that placement gets intricate
 * (comment lines around an empty value), the fast path steps aside. test/engine/block-yaml.test.ts
 * checks the equality on every example file and on thousands of random edits of them.
 */
export function parseBlockYaml(text: string): Node | null | undefined {
  try {
    return new BlockParser(text).document();
  } catch (error) {
    if (error === NOT_PLAIN_BLOCK) return undefined;
    throw error;
  }
}

const NOT_PLAIN_BLOCK = new Error('not plain block YAML');
function stepAside(): never {
  throw NOT_PLAIN_BLOCK;
}

const SCHEMA = new Schema({});
/** The core schema's scalar tags that recognise plain text (null, booleans, numbers), in the order `yaml` tries them. */
const PLAIN_TAGS = SCHEMA.tags.filter((tag) => tag.default === true && 'test' in tag && tag.test) as Array<{
  test: RegExp;
  resolve: (source: string, onError: (message: string) => void, options: object) => unknown;
  format?: string;
}>;
const RESOLVE_OPTIONS = {};

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const PIPE = 0x7c;
const GREATER_THAN = 0x3e;

/** Characters that cannot start a plain scalar (`- ? :` can, when followed by a non-space: checked apart). */
const INDICATOR = new Uint8Array(128);
for (const ch of '-?:,[]{}#&*!|>\'"%@`') INDICATOR[ch.charCodeAt(0)] = 1;
/** First characters of plain text that the core schema may read as something other than a string. */
const MAYBE_NOT_STRING = new Uint8Array(128);
for (const ch of '~nNtTfF0123456789+-.') MAYBE_NOT_STRING[ch.charCodeAt(0)] = 1;

/** Longest implicit key `yaml` accepts. */
const MAX_KEY_LENGTH = 1024;

interface MeasuredLine {
  start: number;
  contentEnd: number;
  next: number;
}

class BlockParser {
  // The current content line (the first that is neither blank nor a comment), or the end of the text.
  private atEnd = false;
  private lineStart = 0;
  private indent = 0;
  /** Where its content starts (lineStart + indent) and ends (before `\r\n` or `\n`). */
  private contentStart = 0;
  private contentEnd = 0;
  /** Where the next line starts. */
  private nextLine = 0;

  // The blank and comment lines before the current content line that no node has claimed yet.
  private readonly gapIndent: number[] = [];
  private readonly gapNextLine: number[] = [];
  private readonly gapIsComment: boolean[] = [];
  private gapHead = 0;
  private gapLength = 0;
  /** Whether comment lines came before the list item being parsed. */
  private commentsBeforeItem = false;
  /** How many collections are open: deeper than MAX_NESTING is left to the caller's guard. */
  private depth = 0;
  /** Reused by measureLine, which runs once per line: no object per line. */
  private readonly measured: MeasuredLine = { start: 0, contentEnd: 0, next: 0 };

  constructor(private readonly text: string) {}

  document(): Node {
    if (this.text.charCodeAt(0) === 0xfeff) stepAside();
    this.advanceFrom(0);
    if (this.atEnd) stepAside();
    // The root may be indented: incremental parsing parses list items on their own.
    const root = this.isDash(this.contentStart) ? this.seq(this.indent) : this.map(this.indent, this.contentStart);
    if (!this.atEnd) stepAside();
    return root;
  }

  /** Moves to the first content line at or after `offset`, recording the blank and comment lines on the way. */
  private advanceFrom(offset: number): void {
    const text = this.text;
    this.gapHead = 0;
    this.gapLength = 0;
    while (offset < text.length) {
      const { start, contentEnd, next } = this.measureLine(offset);
      if (start < contentEnd && text.charCodeAt(start) === TAB) stepAside();
      if (start === contentEnd || text.charCodeAt(start) === HASH) {
        this.gapIndent[this.gapLength] = start - offset;
        this.gapNextLine[this.gapLength] = next;
        this.gapIsComment[this.gapLength] = start < contentEnd;
        this.gapLength++;
        offset = next;
        continue;
      }
      if (start === offset && (text.startsWith('---', start) || text.startsWith('...', start))) {
        const after = text.charCodeAt(start + 3);
        if (start + 3 >= contentEnd || after === SPACE) stepAside();
      }
      this.lineStart = offset;
      this.indent = start - offset;
      this.contentStart = start;
      this.contentEnd = contentEnd;
      this.nextLine = next;
      return;
    }
    this.atEnd = true;
    this.indent = -1;
    this.lineStart = this.contentStart = this.contentEnd = this.nextLine = text.length;
  }

  /** The line starting at `offset`: where its indentation (spaces) ends, where its content ends (before `\r\n` or `\n`), where the next line starts. */
  private measureLine(offset: number): MeasuredLine {
    const text = this.text;
    const line = this.measured;
    let eol = text.indexOf('\n', offset);
    if (eol < 0) eol = text.length;
    // A `\r` alone is not a line end for YAML.
    line.contentEnd = eol > offset && eol < text.length && text.charCodeAt(eol - 1) === CR ? eol - 1 : eol;
    line.start = offset;
    while (line.start < line.contentEnd && text.charCodeAt(line.start) === SPACE) line.start++;
    line.next = eol < text.length ? eol + 1 : eol;
    return line;
  }

  /** A `-` list indicator at `at` on the current line. */
  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    if (at + 1 >= this.contentEnd) return true;
    const next = this.text.charCodeAt(at + 1);
    if (next === TAB) stepAside();
    return next === SPACE;
  }

  private gapHasComment(): boolean {
    for (let i = this.gapHead; i < this.gapLength; i++) if (this.gapIsComment[i]) return true;
    return false;
  }

  /** A block mapping at column `indent`, its first key at `keyStart` on the current line. */
  private map(indent: number, keyStart: number): YAMLMap {
    if (++this.depth > MAX_NESTING) stepAside();
    const map = new YAMLMap(SCHEMA);
    let keys: Set<unknown> | undefined;
    let start = keyStart;
    let offset: number;
    for (;;) {
      const colon = this.keyColon(start);
      if (colon < 0) stepAside();
      const key = plainScalar(this.text.slice(start, colon), [start, colon, colon]);
      // Duplicate keys are errors for `yaml`; a set only once the mapping is long enough to pay for it.
      if (keys ? keys.has(key.value) : hasKey(map, key.value)) stepAside();
      if (keys) keys.add(key.value);
      else if (map.items.length >= 16)
        keys = new Set([...map.items.map((pair) => (pair.key as Scalar).value), key.value]);
      const value = this.valueAfter(colon + 1, indent, true);
      map.items.push(new Pair(key, value));
      offset = value.range![2];
      if (!this.atEnd && this.indent === indent && !this.isDash(this.contentStart)) {
        start = this.contentStart;
        continue;
      }
      if (!this.atEnd && this.indent >= indent) stepAside();
      map.range = [keyStart, offset, this.trailingCommentsEnd(indent) ?? offset];
      this.depth--;
      return map;
    }
  }

  /** A block list at column `indent`, its first `-` at the start of the current content line. */
  private seq(indent: number): YAMLSeq {
    if (++this.depth > MAX_NESTING) stepAside();
    const seq = new YAMLSeq(SCHEMA);
    const listStart = this.contentStart;
    let offset: number;
    for (;;) {
      const item = this.valueAfter(this.contentStart + 1, indent, false);
      seq.items.push(item);
      offset = item.range![2];
      // An empty item after comment lines ends elsewhere in `yaml`: left to it.
      this.commentsBeforeItem = this.gapHasComment();
      if (!this.atEnd && this.indent === indent && this.isDash(this.contentStart)) continue;
      if (!this.atEnd && this.indent > indent) stepAside();
      seq.range = [listStart, offset, this.trailingCommentsEnd(indent) ?? offset];
      this.depth--;
      return seq;
    }
  }

  /**
   * The value after a key's `:` or a list item's `-` (at `from`, on the current line), in a
   * collection at column `indent`; leaves the parser on the first content line after it.
   */
  private valueAfter(from: number, indent: number, inMap: boolean): Node {
    const text = this.text;
    const commentsBefore = this.commentsBeforeItem;
    this.commentsBeforeItem = false;
    let at = from;
    while (at < this.contentEnd && text.charCodeAt(at) === SPACE) at++;
    if (at < this.contentEnd && text.charCodeAt(at) === TAB) stepAside();
    const lineEnd = this.nextLine;

    if (at >= this.contentEnd || text.charCodeAt(at) === HASH) {
      // Nothing more on this line: a nested block below, or an empty value.
      const commented = at < this.contentEnd;
      this.advanceFrom(lineEnd);
      if (
        !this.atEnd &&
        (this.indent > indent || (inMap && this.indent === indent && this.isDash(this.contentStart)))
      ) {
        return this.isDash(this.contentStart) ? this.seq(this.indent) : this.map(this.indent, this.contentStart);
      }
      if (this.gapHasComment() || (commented && this.gapLength > 0) || (!inMap && commentsBefore)) stepAside();
      // A commented empty value ends where the next content starts, after its indentation.
      return plainScalar('', [at, at, commented ? this.contentStart : at]);
    }

    const first = text.charCodeAt(at);
    if (first === PIPE || first === GREATER_THAN) return this.blockScalar(at, indent);
    if (!inMap) {
      if (this.isDash(at)) stepAside();
      if (this.keyColon(at) >= 0) return this.map(at - this.lineStart, at);
    }
    const value = this.inlineValue(at);
    this.advanceFrom(lineEnd);
    // A comment line indented deeper than the collection, right after the value (blank lines
    // aside), is the value's own comment: its range ends after it.
    let attached = -1;
    for (let i = this.gapHead; i < this.gapLength; i++) {
      if (!this.gapIsComment[i]) continue;
      if (this.gapIndent[i] > indent) attached = i;
      else break;
    }
    value.range![2] = attached >= 0 ? this.gapNextLine[attached] : lineEnd;
    if (attached >= 0) this.gapHead = attached + 1;
    return value;
  }

  /**
   * Where a collection that ends here ends: at the next content line's indentation when one of
   * the comment lines after it is indented at least as deep as it (those lines are its own then),
   * else undefined — the lines go to the enclosing collection, which asks the same when it ends.
   */
  private trailingCommentsEnd(indent: number): number | undefined {
    if (indent === 0) return undefined;
    for (let i = this.gapHead; i < this.gapLength; i++) {
      if (this.gapIsComment[i] && this.gapIndent[i] >= indent) {
        this.gapHead = this.gapLength;
        return this.contentStart;
      }
    }
    return undefined;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at `at`, in a collection at column
   * `indent`; leaves the parser on the first content line after it. Steps aside for the `+` (keep)
   * chomping, indentation indicators, blank lines before the first line or indented deeper than
   * the text, tabs, and folded text with lines indented deeper than the first.
   */
  private blockScalar(at: number, indent: number): Scalar {
    const text = this.text;
    const folded = text.charCodeAt(at) === GREATER_THAN;
    let headerEnd = at + 1;
    const chomp = text.charCodeAt(headerEnd);
    const strip = chomp === DASH;
    if (strip) headerEnd++;
    let rest = headerEnd;
    while (rest < this.contentEnd && text.charCodeAt(rest) === SPACE) rest++;
    if (rest < this.contentEnd && (text.charCodeAt(rest) !== HASH || rest === headerEnd)) stepAside();

    const lines: string[] = [];
    let textIndent = -1;
    let end = -1;
    let offset = this.nextLine;
    while (offset < text.length) {
      const { start, contentEnd, next } = this.measureLine(offset);
      if (start === contentEnd) {
        if (textIndent < 0 || start - offset > textIndent) stepAside();
        lines.push('');
        offset = next;
        continue;
      }
      if (textIndent < 0) {
        if (start - offset <= indent) stepAside();
        textIndent = start - offset;
      }
      if (start - offset < textIndent) break;
      if (folded && start - offset > textIndent) stepAside();
      for (let i = start; i < contentEnd; i++) if (text.charCodeAt(i) < SPACE) stepAside();
      lines.push(text.slice(offset + textIndent, contentEnd));
      end = next;
      offset = next;
    }
    if (end < 0) stepAside();
    while (lines[lines.length - 1] === '') lines.pop();

    let value: string;
    if (folded) {
      value = lines[0];
      let breaks = 0;
      for (let i = 1; i < lines.length; i++) {
        if (lines[i] === '') {
          breaks++;
          continue;
        }
        value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
        value += lines[i];
        breaks = 0;
      }
    } else value = lines.join('\n');
    if (!strip) value += '\n';

    const scalar = new Scalar(value);
    scalar.range = [at, end, end];
    scalar.source = value;
    scalar.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    this.advanceFrom(end);
    return scalar;
  }

  /** A one-line scalar or flow list at `at`, followed by nothing but spaces and a comment. */
  private inlineValue(at: number): Scalar | YAMLSeq {
    const text = this.text;
    const first = text.charCodeAt(at);
    let value: Scalar | YAMLSeq;
    let end: number;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      end = this.quotedEnd(at);
      value = quotedScalar(text, at, end);
    } else if (first === OPEN_BRACKET) {
      value = this.flowSeq(at);
      end = value.range![1];
    } else {
      end = this.plainEnd(at);
      value = plainScalar(text.slice(at, end), [at, end, end]);
    }
    let rest = end;
    while (rest < this.contentEnd && text.charCodeAt(rest) === SPACE) rest++;
    if (rest < this.contentEnd && (text.charCodeAt(rest) !== HASH || rest === end)) stepAside();
    return value;
  }

  /** The colon that ends a plain key starting at `at` on the current line, or -1 when the text there is not such a key. */
  private keyColon(at: number): number {
    const text = this.text;
    const end = this.contentEnd;
    if (!this.canStartPlain(at)) return -1;
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COLON) {
        if (i + 1 < end && text.charCodeAt(i + 1) !== SPACE) continue;
        if (text.charCodeAt(i - 1) === SPACE || i - at > MAX_KEY_LENGTH) stepAside();
        return i;
      }
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      if (ch < SPACE || ch === 0x7f) stepAside();
    }
    return -1;
  }

  /** Whether a plain scalar can start at `at`; in a flow list (`inFlow`), `,[]{}` also end one. */
  private canStartPlain(at: number, inFlow = false): boolean {
    const ch = this.text.charCodeAt(at);
    if (ch >= 128 || !INDICATOR[ch]) return ch >= SPACE && ch !== 0x7f;
    if (ch !== DASH && ch !== 0x3f && ch !== COLON) return false;
    const next = this.text.charCodeAt(at + 1);
    if (at + 1 >= this.contentEnd || next === SPACE || next === TAB) return false;
    return !inFlow || !isFlowIndicator(next);
  }

  /** The end of a one-line plain value starting at `at` (trailing spaces left out). */
  private plainEnd(at: number): number {
    const text = this.text;
    const end = this.contentEnd;
    if (!this.canStartPlain(at)) stepAside();
    let last = at;
    for (let i = at; i < end; i++) {
      const ch = text.charCodeAt(i);
      if (ch === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      if (ch < SPACE || ch === 0x7f) stepAside();
      // `a: b: c` is a syntax error, and `key: value:` another mapping.
      if (ch === COLON && (i + 1 >= end || text.charCodeAt(i + 1) === SPACE)) stepAside();
      last = i + 1;
    }
    return last;
  }

  /** After the closing quote of a one-line quoted scalar starting at `at`. */
  private quotedEnd(at: number): number {
    const text = this.text;
    const quote = text.charCodeAt(at);
    for (let i = at + 1; i < this.contentEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch < SPACE || ch === BACKSLASH) stepAside();
      if (ch !== quote) continue;
      if (quote === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE) {
        i++;
        continue;
      }
      return i + 1;
    }
    return stepAside();
  }

  /** A one-line flow list of scalars, `[a, "b", c]`, starting at `at`. */
  private flowSeq(at: number): YAMLSeq {
    const text = this.text;
    const seq = new YAMLSeq(SCHEMA);
    seq.flow = true;
    let i = at + 1;
    while (text.charCodeAt(i) === SPACE) i++;
    if (text.charCodeAt(i) !== CLOSE_BRACKET) {
      for (;;) {
        const first = text.charCodeAt(i);
        let end: number;
        if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
          end = this.quotedEnd(i);
          seq.items.push(quotedScalar(text, i, end));
        } else {
          end = this.flowPlainEnd(i);
          seq.items.push(plainScalar(text.slice(i, end), [i, end, end]));
        }
        const after = text.charCodeAt(end);
        if (after === CLOSE_BRACKET) {
          i = end;
          break;
        }
        if (after !== COMMA) stepAside();
        i = end + 1;
        while (text.charCodeAt(i) === SPACE) i++;
        if (i >= this.contentEnd || text.charCodeAt(i) === CLOSE_BRACKET) stepAside();
      }
    }
    if (i >= this.contentEnd) stepAside();
    seq.range = [at, i + 1, i + 1];
    return seq;
  }

  /** The end of a plain item of a flow list: up to `,` or `]`, with no space before them. */
  private flowPlainEnd(at: number): number {
    const text = this.text;
    if (!this.canStartPlain(at, true)) stepAside();
    for (let i = at; i < this.contentEnd; i++) {
      const ch = text.charCodeAt(i);
      if (ch === COMMA || ch === CLOSE_BRACKET) {
        if (text.charCodeAt(i - 1) === SPACE) stepAside();
        return i;
      }
      if (ch < SPACE || ch === 0x7f || ch === HASH || isFlowIndicator(ch)) stepAside();
      if (ch === COLON && (text.charCodeAt(i + 1) === SPACE || isFlowIndicator(text.charCodeAt(i + 1)))) stepAside();
    }
    return stepAside();
  }
}

/** Whether a mapping has a key of this value already (`yaml` reports duplicates, with uniqueKeys, as errors). */
function hasKey(map: YAMLMap, value: unknown): boolean {
  for (const pair of map.items) if ((pair.key as Scalar).value === value) return true;
  return false;
}

function isFlowIndicator(ch: number): boolean {
  return ch === COMMA || ch === OPEN_BRACKET || ch === CLOSE_BRACKET || ch === 0x7b || ch === 0x7d;
}

/** A plain scalar as the core schema reads it: null, a boolean, a number or a string. */
function plainScalar(source: string, range: [number, number, number]): Scalar {
  let scalar: Scalar | undefined;
  let format: string | undefined;
  const first = source.charCodeAt(0);
  if (source.length === 0 || (first < 128 && MAYBE_NOT_STRING[first])) {
    for (const tag of PLAIN_TAGS) {
      if (!tag.test.test(source)) continue;
      const resolved = tag.resolve(source, stepAside, RESOLVE_OPTIONS);
      scalar = resolved instanceof Scalar ? resolved : new Scalar(resolved);
      format = tag.format;
      break;
    }
  }
  scalar ??= new Scalar(source);
  scalar.range = range;
  scalar.source = source;
  scalar.type = Scalar.PLAIN;
  if (format) scalar.format = format;
  return scalar;
}

function quotedScalar(text: string, start: number, end: number): Scalar {
  const double = text.charCodeAt(start) === DOUBLE_QUOTE;
  const inner = text.slice(start + 1, end - 1);
  const value = double ? inner : inner.replaceAll("''", "'");
  const scalar = new Scalar(value);
  scalar.range = [start, end, end];
  scalar.source = value;
  scalar.type = double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
  return scalar;
}
