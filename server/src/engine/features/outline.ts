import { CONFIG_FILE, DATA_CLASS, TEAM_CAPABILITY } from '../config';
import { DIMENSIONS, withArticle } from '../format';
import { ModelReader } from '../model';
import type { BacklogItem, FileModel, Located, UseCase } from '../model';
import { OffsetRange, withoutTrailingSpace } from '../text';
import type { ParsedFile } from '../parsedFile';
import { LocatedObject, nodeRange } from '../yamlTree';

/** What an outline entry is; the LSP edge gives each a symbol kind of its own. */
export type OutlineKind =
  | 'epic'
  | 'backlog item'
  | 'use case'
  | 'abuse case'
  | 'mitigation'
  | 'vendor'
  | 'feedback'
  | 'template'
  | 'data class'
  | 'capability';

/** One entry of a file's outline: what the Outline view, the breadcrumbs and Go to Symbol show. */
export interface OutlineSymbol {
  /** The id; the title when the entry has none yet, so that a half-written entry still reads. */
  name: string;
  /** The title (a vendor's name, feedback's summary, a data class's levels). */
  detail?: string;
  kind: OutlineKind;
  /** The whole entry, without the blank lines after it; an epic's reaches over its children too. */
  range: OffsetRange;
  /** The id, or what names the entry when it has none. */
  selectionRange: OffsetRange;
  children: OutlineSymbol[];
}

/** Built once per parse: the model is a new object after every edit, and the same one across versions of a text. */
const OUTLINES = new WeakMap<FileModel, readonly OutlineSymbol[]>();

/**
 * The outline of a file, in document order: backlog items (children under the item their `parent` names, when this
 * file holds it), use cases → abuse cases → mitigations, vendors, feedback, team templates; in the configuration,
 * data classes and the team's baseline capabilities.
 */
export function outlineOf(file: ParsedFile): readonly OutlineSymbol[] {
  let outline = OUTLINES.get(file.model);
  if (!outline) OUTLINES.set(file.model, (outline = buildOutline(file)));
  return outline;
}

function buildOutline(file: ParsedFile): OutlineSymbol[] {
  const { model, text } = file;
  const entry = (kind: OutlineKind, id: Located<string> | undefined, title: string | undefined, at: Entry) =>
    symbolOf(text, kind, id, title, at);
  const symbols = [
    ...backlogOutline(model.backlog, (item) =>
      entry(item.type === 'epic' ? 'epic' : 'backlog item', item.id, item.title, item),
    ),
    ...model.useCases.map((useCase) => keptUseCaseSymbol(useCase, entry)),
    ...model.vendors.map((vendor) => entry('vendor', vendor.id, vendor.name, vendor)),
    ...model.feedback.map((feedback) => entry('feedback', feedback.id, feedback.summary, feedback)),
    ...model.templates.map((template) => entry('template', template.id, template.title, template)),
    ...(file.rootShape === CONFIG_FILE ? configOutline(file) : []),
  ];
  return symbols.sort((a, b) => a.range.start - b.range.start);
}

/** Where an entry is: all of it, and what names it when it has no id (its title, else its first key). */
type Entry = { range: OffsetRange; anchor: OffsetRange };
type EntrySymbol = (
  kind: OutlineKind,
  id: Located<string> | undefined,
  title: string | undefined,
  at: Entry,
) => OutlineSymbol;

/** What names an entry, for those not named by an id. */
const NAMED_BY: Partial<Record<OutlineKind, string>> = { mitigation: 'a title', 'data class': 'a name' };

function symbolOf(
  text: string,
  kind: OutlineKind,
  id: Located<string> | undefined,
  title: string | undefined,
  { range, anchor }: Entry,
): OutlineSymbol {
  const oneLine = title?.replace(/\s+/g, ' ').trim() || undefined;
  const whole = withoutTrailingSpace(text, range);
  // An id written as an alias (`id: *shared`) is read where its anchor is: the editor needs a place inside the entry.
  const selection = [id?.range, anchor].find((candidate) => candidate && within(candidate, whole));
  return {
    // Never blank: VS Code refuses a blank name, and the whole outline with it.
    name: id?.value.trim() || oneLine || `(${withArticle(kind)} without ${NAMED_BY[kind] ?? 'an id'})`,
    detail: id?.value.trim() ? oneLine : undefined,
    kind,
    range: whole,
    // A copy: the model's ranges move with edits on their own, and a kept symbol is moved as a whole (USE_CASE_SYMBOLS).
    selectionRange: selection
      ? { start: selection.start, end: selection.end }
      : { start: whole.start, end: whole.start },
    children: [],
  };
}

/**
 * A use case's symbol (with its abuse cases and mitigations), kept with the use case and where it started. An edit
 * re-reads the entries it touches and keeps the others, the same objects with their offsets moved (modelAfterEdit),
 * so only the touched use cases are built again; a kept one's symbol is moved as far as the use case moved. Like the
 * model it came from, the previous outline is then out of date.
 */
const USE_CASE_SYMBOLS = new WeakMap<UseCase, { start: number; symbol: OutlineSymbol }>();

function keptUseCaseSymbol(useCase: UseCase, entry: EntrySymbol): OutlineSymbol {
  const kept = USE_CASE_SYMBOLS.get(useCase);
  if (!kept) {
    const symbol = useCaseSymbol(useCase, entry);
    USE_CASE_SYMBOLS.set(useCase, { start: useCase.range.start, symbol });
    return symbol;
  }
  const delta = useCase.range.start - kept.start;
  if (delta !== 0) {
    moveSymbol(kept.symbol, delta);
    kept.start = useCase.range.start;
  }
  return kept.symbol;
}

function moveSymbol(symbol: OutlineSymbol, delta: number): void {
  symbol.range = { start: symbol.range.start + delta, end: symbol.range.end + delta };
  symbol.selectionRange = { start: symbol.selectionRange.start + delta, end: symbol.selectionRange.end + delta };
  for (const child of symbol.children) moveSymbol(child, delta);
}

function useCaseSymbol(useCase: UseCase, entry: EntrySymbol): OutlineSymbol {
  const symbol = entry('use case', useCase.id, useCase.title, useCase);
  // An aliased abuse case or mitigation is listed where it is written, not again under each entry naming it.
  for (const abuseCase of useCase.abuseCases) {
    if (!within(abuseCase.range, useCase.range)) continue;
    const child = entry('abuse case', abuseCase.id, abuseCase.title, abuseCase);
    for (const mitigation of abuseCase.mitigations) {
      if (!within(mitigation.range, abuseCase.range)) continue;
      // A mitigation has no id: its title names it, and the backlog items that build it say the rest.
      const built = mitigation.backlog.map((ref) => ref.value).join(', ');
      child.children.push({
        ...entry('mitigation', undefined, mitigation.title?.value, mitigation),
        detail: built || undefined,
      });
    }
    symbol.children.push(child);
  }
  return symbol;
}

function within(inner: OffsetRange, outer: OffsetRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * Backlog items as a tree: an item whose `parent` is an item of this file is listed under it (a parent in another
 * file, or a loop of parents, leaves it at the top). A parent's range reaches over its children, so that the
 * breadcrumbs show the epic above a story written after it.
 */
function backlogOutline(
  items: readonly BacklogItem[],
  symbolOfItem: (item: BacklogItem) => OutlineSymbol,
): OutlineSymbol[] {
  const nodes = items.map((item) => ({ item, symbol: symbolOfItem(item) }));
  const byId = new Map<string, (typeof nodes)[number]>();
  for (const node of nodes) if (node.item.id && !byId.has(node.item.id.value)) byId.set(node.item.id.value, node);
  const parentOf = (node: (typeof nodes)[number]) => {
    const parent = node.item.parent && byId.get(node.item.parent.value);
    return parent === node ? undefined : parent;
  };
  const isAncestorOf = (node: (typeof nodes)[number], start: (typeof nodes)[number] | undefined) => {
    for (let at = start, steps = 0; at && steps <= nodes.length; at = parentOf(at), steps++)
      if (at === node) return true;
    return false;
  };
  const roots: OutlineSymbol[] = [];
  for (const node of nodes) {
    const parent = parentOf(node);
    if (parent && !isAncestorOf(node, parent)) parent.symbol.children.push(node.symbol);
    else roots.push(node.symbol);
  }
  for (const root of roots) spanChildren(root);
  return roots;
}

/** Widens a symbol's range over its descendants'. */
function spanChildren(symbol: OutlineSymbol): OffsetRange {
  for (const child of symbol.children) {
    const { start, end } = spanChildren(child);
    if (start < symbol.range.start || end > symbol.range.end)
      symbol.range = { start: Math.min(start, symbol.range.start), end: Math.max(end, symbol.range.end) };
  }
  return symbol.range;
}

/** The configuration's data classes (with the levels they require) and the team's own baseline capabilities. */
function configOutline(file: ParsedFile): OutlineSymbol[] {
  const reader = new ModelReader(file.tree);
  const textOf = (object: LocatedObject, key: string) => reader.text(object, key);
  const symbols: OutlineSymbol[] = [];
  for (const object of file.tree.objects) {
    const range = nodeRange(object.node);
    if (!range) continue;
    const first = nodeRange(object.node.items[0]?.key as never) ?? range;
    if (object.shape === DATA_CLASS) {
      const name = textOf(object, 'name');
      const levels = DIMENSIONS.flatMap((dimension) => {
        const level = textOf(object, dimension);
        return level ? [`${dimension[0].toUpperCase()} ${level.value}`] : [];
      });
      symbols.push(symbolOf(file.text, 'data class', name, levels.join(' · '), { range, anchor: first }));
    } else if (object.shape === TEAM_CAPABILITY) {
      const id = textOf(object, 'id');
      const title = textOf(object, 'name') ?? textOf(object, 'question');
      symbols.push(symbolOf(file.text, 'capability', id, title?.value, { range, anchor: first }));
    }
  }
  return symbols;
}
