import { Node, Scalar, visit } from 'yaml';
import { OffsetRange } from './text';

/** What every directive starts with: a text without it has none, and costs one search. */
const MARKER = 'abuse-cases-';

/** `# abuse-cases-disable-next-line RULE, RULE -- reason`, alone on its line; the kind is the longest that matches. */
const DIRECTIVE = /^#[ \t]*abuse-cases-(disable-next-line|disable|enable)(?=[ \t]|$)(.*)$/;
/** Where the rules end and the reason starts, as eslint writes it: two dashes or more between spaces. */
const REASON = /(?:^|[ \t])--+(?:[ \t]|$)/;

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

/** One rule a directive names, where it is written. */
export interface NamedRule {
  code: string;
  range: OffsetRange;
  /** For a `disable`: where the `enable` that ends this rule is (the directive's `covers` ends at its last rule's). */
  until?: number;
}

/** An `# abuse-cases-…` comment, as found once per parse (plain data: it crosses threads with the parse). */
export interface SuppressionDirective {
  kind: DirectiveKind;
  /** The comment, from its `#` to the end of its line. */
  range: OffsetRange;
  /** The whole line, its line break included: what removing the directive deletes. */
  line: OffsetRange;
  /** The rules named; none names every rule. */
  rules: NamedRule[];
  /** What follows ` -- `, trimmed; absent when nothing does. */
  reason?: string;
  /**
   * Where the findings it suppresses start (inclusive at both ends): the next line that is not a comment, for
   * `disable-next-line`; up to the `enable` that ends it (or the end of the file), for `disable`. Absent for `enable`.
   */
  covers?: OffsetRange;
}

/** What a directive matches of a finding: its rule and where it starts. */
interface Finding {
  code: string;
  range: OffsetRange;
}

/** A finding kept out of the results by one directive or more: the SARIF log and the JSON report still list it. */
export interface SuppressedFinding<F extends Finding = Finding> {
  finding: F;
  by: SuppressionDirective[];
}

/** The directives of a file, in order; inside a block or quoted scalar of `tree`, `#` is text, not a comment. */
export function directivesIn(text: string, root?: Node | null): SuppressionDirective[] {
  if (!text.includes(MARKER)) return [];
  const directives: SuppressionDirective[] = [];
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const lineStart = lineStartOf(text, at);
    const hash = skipBlanks(text, lineStart);
    const end = lineEndOf(text, at);
    const match = DIRECTIVE.exec(text.slice(hash, end));
    if (!match) continue;
    const [, kind, rest] = match;
    const restStart = end - rest.length;
    const reasonAt = REASON.exec(rest);
    const names = reasonAt ? rest.slice(0, reasonAt.index) : rest;
    const reason = reasonAt ? rest.slice(reasonAt.index + reasonAt[0].length).trim() : '';
    const rules: NamedRule[] = [];
    for (const name of names.matchAll(/[^\s,]+/g))
      rules.push({
        code: name[0],
        range: { start: restStart + name.index, end: restStart + name.index + name[0].length },
      });
    directives.push({
      kind: kind as DirectiveKind,
      range: { start: hash, end },
      line: { start: lineStart, end: afterLineBreak(text, end) },
      rules,
      ...(reason ? { reason } : {}),
    });
  }
  const comments = root && directives.length ? withoutText(directives, root) : directives;
  return withCoverage(text, comments);
}

/** The directives that are comments: those inside a block or quoted scalar are the scalar's text. */
function withoutText(directives: SuppressionDirective[], root: Node): SuppressionDirective[] {
  const spans: OffsetRange[] = [];
  visit(root, {
    Scalar(_key, node: Scalar) {
      if (node.type !== Scalar.PLAIN && node.range) spans.push({ start: node.range[0], end: node.range[1] });
    },
  });
  return directives.filter(({ range }) => !spans.some((span) => span.start < range.start && range.start < span.end));
}

/**
 * Sets what each directive covers: the next line that is not a comment, or up to the `enable` that ends a `disable`
 * (each rule of a `disable` to its own `enable`).
 */
function withCoverage(text: string, directives: SuppressionDirective[]): SuppressionDirective[] {
  // The `disable`s still in force, by the rule they name ('' for one that names none).
  const open = new Map<string, { directive: SuppressionDirective; rule?: NamedRule }>();
  const ends = new Map<SuppressionDirective, number>();
  const close = (key: string, at: number) => {
    const { directive, rule } = open.get(key)!;
    open.delete(key);
    if (rule) rule.until = at;
    ends.set(directive, Math.max(ends.get(directive) ?? at, at));
  };
  for (const directive of directives) {
    if (directive.kind === 'disable-next-line') {
      let start = directive.line.end;
      while (start < text.length && text[skipBlanks(text, start)] === '#')
        start = afterLineBreak(text, lineEndOf(text, start));
      directive.covers = { start, end: lineEndOf(text, start) };
    } else if (directive.kind === 'disable') {
      // A rule already disabled stays disabled by the first directive: the second covers nothing of it.
      if (directive.rules.length === 0 && !open.has('')) open.set('', { directive });
      for (const rule of directive.rules)
        if (open.has(rule.code)) rule.until = directive.line.end - 1;
        else open.set(rule.code, { directive, rule });
      ends.set(directive, directive.line.end - 1);
    } else {
      // `enable` alone ends every `disable`; `enable RULE` ends the one that named RULE.
      const keys = directive.rules.length ? directive.rules.map((rule) => rule.code) : [...open.keys()];
      for (const key of keys) if (open.has(key)) close(key, directive.range.start);
    }
  }
  for (const key of [...open.keys()]) close(key, text.length);
  for (const [directive, end] of ends) directive.covers = { start: directive.line.end, end };
  return directives;
}

/**
 * The findings the directives let through, those they suppress, and which of the directives' rules suppressed
 * something (by directive, the codes; '' for a directive that names none).
 */
export function applySuppressions<F extends Finding>(
  findings: readonly F[],
  directives: readonly SuppressionDirective[],
): { kept: F[]; suppressed: SuppressedFinding<F>[]; used: Map<SuppressionDirective, Set<string>> } {
  const kept: F[] = [];
  const suppressed: SuppressedFinding<F>[] = [];
  const used = new Map<SuppressionDirective, Set<string>>();
  const active = directives.filter((directive) => directive.covers);
  for (const finding of findings) {
    const by: SuppressionDirective[] = [];
    for (const directive of active) {
      const { start, end } = directive.covers!;
      if (finding.range.start < start || finding.range.start > end) continue;
      const rule = directive.rules.find((candidate) => candidate.code === finding.code);
      if (directive.rules.length > 0 && (!rule || finding.range.start > (rule.until ?? end))) continue;
      const named = rule?.code ?? '';
      by.push(directive);
      const codes = used.get(directive) ?? new Set<string>();
      used.set(directive, codes.add(named));
    }
    if (by.length) suppressed.push({ finding, by });
    else kept.push(finding);
  }
  return { kept, suppressed, used };
}

/** Where the line `at` is on starts (after an LF, a CR or a CRLF). */
export function lineStartOf(text: string, at: number): number {
  return Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
}

/** The offset of the line break ending the line `at` is on (or the end of the text). */
function lineEndOf(text: string, at: number): number {
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

function afterLineBreak(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

function skipBlanks(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}
