import { stringify } from 'yaml';
import { Template } from '../catalog';
import { LIKELIHOODS, IMPACTS } from '../format';

/** Text that reads back as itself when written plain: no indicator first, no `: ` or ` #`, no edge spaces, not a number, boolean or null. */
const SAFE_PLAIN = /^(?![-?:,[\]{}#&*!|>'"%@`\s])(?!.*(?::\s|\s#|:$|\s$))[^\n\r\t]+$/;
const NOT_A_STRING =
  /^(?:[-+]?(?:\.?\d|\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|true|True|TRUE|false|False|FALSE|null|Null|NULL|~|0[xo])/;

/** What `stringify` wrote for texts that are not plain: the catalog's few quoted titles, asked for on every completion. */
const quoted = new Map<string, string>();

/** A scalar as YAML needs it written: plain when that reads back the same, quoted otherwise (as the `yaml` package quotes it). */
export function yamlScalar(value: string): string {
  if (SAFE_PLAIN.test(value) && !NOT_A_STRING.test(value)) return value;
  let written = quoted.get(value);
  if (written === undefined) {
    written = stringify(value, { lineWidth: 0 }).trimEnd();
    if (quoted.size > 10_000) quoted.clear();
    quoted.set(value, written);
  }
  return written;
}

/** Builds snippet text (with tab stops) or plain text from the same description of the lines to insert. */
export class TextBuilder {
  private stop = 0;
  constructor(readonly snippet: boolean) {}

  /** A literal: escaped for snippets. */
  literal(text: string): string {
    return this.snippet ? text.replace(/[$}\\]/g, (ch) => `\\${ch}`) : text;
  }

  /** A tab stop holding a default the user will likely overwrite. */
  placeholder(text: string): string {
    return this.snippet ? `\${${++this.stop}:${this.literal(text)}}` : text;
  }

  /** A tab stop offering a choice, the default first. */
  choice(first: string, values: readonly string[]): string {
    if (!this.snippet) return first;
    const ordered = [first, ...values.filter((value) => value !== first)];
    return `\${${++this.stop}|${ordered.map((value) => value.replace(/[,|\\$}]/g, (ch) => `\\${ch}`)).join(',')}|}`;
  }

  /** An empty tab stop, or nothing in plain text. */
  stopHere(): string {
    return this.snippet ? `$${++this.stop}` : '';
  }
}

/** What a new abuse case is rated until its author knows better: the middle of each scale, neither alarm nor comfort. */
export const FIRST_RATING: Readonly<Record<string, string>> = { likelihood: 'possible', impact: 'moderate' };

const flowList = (values: readonly string[]) => `[${values.map(yamlScalar).join(', ')}]`;

/** The lines of an abuse case made from a template, relative to the item's own column; nested lists `step` columns in. */
export function abuseCaseLines(template: Template, id: string, out: TextBuilder, step = 2): string[] {
  const lines = [
    `id: ${out.placeholder(id)}`,
    `title: ${out.placeholder(yamlScalar(template.title))}`,
    `actor: ${out.placeholder(yamlScalar(template.actor))}`,
    `intent: ${out.literal(template.intent)}`,
    `threatens: ${out.literal(flowList(template.threatens))}`,
    `template: ${out.literal(template.id)}`,
    `likelihood: ${out.choice(template.likelihood ?? FIRST_RATING.likelihood, LIKELIHOODS)}`,
    `impact: ${out.choice(template.impact ?? FIRST_RATING.impact, IMPACTS)}`,
  ];
  if (template.mitigations.length) lines.push('mitigations:', ...asListItems(mitigationItems(template, out), step));
  return lines;
}

/** The mitigations a template suggests (or a skeleton), one list of lines per item. */
export function mitigationItems(template: Template | undefined, out: TextBuilder): string[][] {
  const suggested = template?.mitigations.length
    ? template.mitigations
    : [{ title: 'Describe how the product prevents, detects or limits this abuse', controls: [] }];
  return suggested.map((mitigation) => [
    `title: ${out.placeholder(yamlScalar(mitigation.title))}`,
    ...(out.snippet ? [`backlog: [${out.stopHere()}]`] : []),
    'status: proposed',
    ...(mitigation.controls.length ? [`controls: ${out.literal(flowList(mitigation.controls))}`] : []),
  ]);
}

/** Block-list items: `- ` before each item's first line, two spaces before the others, all shifted by `indent`. */
export function asListItems(items: string[][], indent = 0): string[] {
  const pad = ' '.repeat(indent);
  return items.flatMap((lines) => lines.map((line, index) => `${pad}${index === 0 ? '- ' : '  '}${line}`));
}

/** Indents every line but the first (which continues where the cursor is). */
export function indentLines(lines: string[], indent: number, eol = '\n'): string {
  const pad = ' '.repeat(indent);
  return lines.map((line, index) => (index === 0 || line === '' ? line : pad + line)).join(eol);
}

/** How a document writes its lines: what inserted text must follow to read as the author's own. */
export interface TextStyle {
  eol: '\n' | '\r\n';
  /** Columns a nested block is indented under its key (2 unless the document says otherwise). */
  step: number;
}

/** Enough lines to see how a document indents; its style does not change further down. */
const STYLE_SAMPLE_LINES = 400;

/**
 * The line break the document uses, and its indentation step: the most common
 * indent of a block under a `key:` line among the first few hundred lines.
 */
export function textStyleOf(text: string): TextStyle {
  // Completion asks for each item it offers, and again on the next request about the same text.
  if (lastStyle?.text === text) return lastStyle.style;
  const style = readTextStyle(text);
  lastStyle = { text, style };
  return style;
}

/** The latest document's style: the same text gives the same style. */
let lastStyle: { text: string; style: TextStyle } | undefined;

function readTextStyle(text: string): TextStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const steps = new Map<number, number>();
  let opener: number | undefined;
  let lines = 0;
  for (const line of text.split('\n', STYLE_SAMPLE_LINES)) {
    if (++lines > STYLE_SAMPLE_LINES) break;
    const content = line.match(/^( *)([^\s#].*?)\r?$/);
    if (!content) continue;
    const column = content[1].length;
    if (opener !== undefined && column > opener) steps.set(column - opener, (steps.get(column - opener) ?? 0) + 1);
    // A key with nothing after it opens a block (a dash before it puts the key two columns in).
    const key = content[2].match(/^(- +)?[^\s#'"{[][^#]*:[ \t]*(#.*)?$/);
    opener = key ? column + (key[1]?.length ?? 0) : undefined;
  }
  let step = 2;
  let seen = 0;
  for (const [candidate, count] of steps)
    if (candidate <= 8 && (count > seen || (count === seen && candidate < step))) [step, seen] = [candidate, count];
  return { eol, step };
}
