import { rootShapeOf } from '../config';
import { changeBetween, treeUpToEdit } from '../incrementalParse';
import { isScalar, Scalar, YAMLMap } from 'yaml';
import { Template } from '../catalog';
import { DIMENSIONS, LEVELS, Shape, ValueType } from '../format';
import { reviewStateOf } from '../evidence';
import { monthsAfter, UseCase, useCaseAt } from '../model';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { backlogItemsByRelease } from './backlogItems';
import { parseYamlTree } from '../yamlTree';
import { explainCapabilityIn, explainDataClass, explainDimension, explainLevel, explainTemplate } from './explain';
import { columnOf, locate, Location, wordAt } from './locate';
import { freshId } from './ids';
import { rankTemplates } from './ranking';
import { SnippetPlace, snippetsFor } from './snippets';
import {
  abuseCaseLines,
  asListItems,
  FIRST_RATING,
  indentLines,
  TextBuilder,
  TextStyle,
  textStyleOf,
} from './yamlText';

export type CompletionKind = 'property' | 'value' | 'reference' | 'template' | 'snippet';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /**
   * Markdown, or a function that writes it: the catalog's long explanations are written only for the
   * item the editor shows (`completionItem/resolve`), not for all 130 of them on every keystroke.
   */
  documentation?: string | (() => string);
  insertText: string;
  isSnippet: boolean;
  /** What the completion replaces: the word at the cursor. */
  range: OffsetRange;
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
}

/** A completion's documentation, written now if it was deferred. */
export function documentationOf(completion: Completion): string | undefined {
  return typeof completion.documentation === 'function' ? completion.documentation() : completion.documentation;
}

/** Stands in for what is being typed, so that the YAML parser tells where the cursor is. */
const CURSOR = '__cursor__';

export function completionsAt(workspace: Workspace, uri: string, offset: number): Completion[] {
  const file = workspace.file(uri);
  if (!file) return [];
  const text = file.text;
  const range = wordAt(text, offset);
  const rootShape = rootShapeOf(uri);
  // Parse the text with a placeholder at the cursor: an empty line or a half-typed key becomes a node in its true place.
  // At the end of a line, a comment after the placeholder ends it there: otherwise a plain scalar on a
  // line of its own swallows the next line's key (`__cursor__ threatens: [...]`), hiding that key.
  const endOfLine = /^[ \t]*(\r?\n|$)/.test(text.slice(offset));
  const inserted = CURSOR + (endOfLine ? ' #' : '');
  const marked = () => text.slice(0, offset) + inserted + text.slice(offset);
  // Only the edited item is parsed when the document (or its latest error-free version) allows it; the whole marked
  // text is made only when needed (a copy of the document, on each request).
  const base = file.cleanBase;
  const tree =
    (base &&
      treeUpToEdit(
        base.tree,
        base.text,
        base.text === text ? { start: offset, oldEnd: offset, inserted } : changeBetween(base.text, marked()),
      )) ??
    parseYamlTree(marked(), rootShape);
  const location = locate(tree.root, rootShape, offset + 1);
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const context: Context = {
    workspace,
    range,
    indent: columnOf(text, range.start),
    style: textStyleOf(text),
    useCase: () => useCaseAt(tree, offset),
    ownId: location && location.kind !== 'key' ? idOf(location.map) : undefined,
    shapeName: location?.shape.name,
  };
  // A document holding nothing but the word being typed is a file's top level, not yet a mapping.
  if (!location) {
    const word = isScalar(tree.root) ? String(tree.root.value) : '';
    if (!word.includes(CURSOR) || !/^[\w.-]*$/.test(word)) return [];
    // In an empty use-case file the whole-file snippet comes first.
    const file = rootShape.fields.use_cases ? snippetCompletions('file', context, { dash: false, first: true }) : [];
    return [...file, ...keyCompletions(rootShape, new Set(), context)];
  }
  switch (location.kind) {
    case 'key':
      return [
        ...keyCompletions(location.shape, location.present, context, { flow: !!location.map.flow }),
        ...(location.map.flow
          ? []
          : [...templatesIfAbuseCaseStarts(location, context), ...snippetsIfItemStarts(location, context)]),
      ];
    case 'value': {
      // `cia:` with the cursor on the next line: the placeholder parsed as the value, but the user is typing the first key.
      if (location.type.kind === 'object' && /^[ \t]*[\w.-]*$/.test(text.slice(lineStart, offset))) {
        return keyCompletions(location.type.shape, keysBelow(text, offset, context.indent), context);
      }
      // `abuse_cases: |` on the key's own line: a block list must start on the next line, one step in from the key.
      const key = location.map.items.find((pair) => isScalar(pair.key) && pair.key.value === location.field)?.key as
        Scalar | undefined;
      const keyOnThisLine = key?.range && key.range[0] >= lineStart;
      const blockColumn = keyOnThisLine ? columnOf(text, key!.range![0]) + context.style.step : undefined;
      return valueCompletions(
        location.field,
        location.type,
        { ...context, blockColumn },
        { asList: location.type.kind === 'list' },
      );
    }
    case 'item': {
      const siblings = new Set(
        location.list.items.flatMap((item) => (item !== location.node && isScalar(item) ? [String(item.value)] : [])),
      );
      if (location.type.kind === 'object') {
        // Nothing written in block style can go inside `[...]`.
        if (location.list.flow) return [];
        return [
          ...(location.field === 'abuse_cases' ? templateCompletions(context, { dash: false }) : []),
          ...snippetCompletions(snippetPlaceOf(location.type.shape.name), context, { dash: false }),
          ...keyCompletions(location.type.shape, new Set(), context),
        ];
      }
      return valueCompletions(location.field, location.type, context, { exclude: siblings });
    }
  }
}

interface Context {
  workspace: Workspace;
  range: OffsetRange;
  /** The column the inserted text starts at: continuation lines are indented to it. */
  indent: number;
  /** The document's line break and indentation step, which multi-line insertions follow. */
  style: TextStyle;
  /**
   * Set when the cursor is on the line of a key whose value is a block list: the column its
   * items go at, on the next line (`abuse_cases: |` cannot take `- id:` on the same line).
   */
  blockColumn?: number;
  useCase(): UseCase | undefined;
  /** The id of the object at the cursor, so that `parent:` does not offer the item itself. */
  ownId?: string;
  /** What the object at the cursor is ("vendor review"): a review's `until` is a year ahead, an acceptance's three months. */
  shapeName?: string;
}

/**
 * The keys already written at `column` in the lines after the cursor's, up to the end of their block:
 * on the first line under `cia:` the placeholder swallows them, so the tree does not know them.
 */
function keysBelow(text: string, offset: number, column: number): Set<string> {
  const keys = new Set<string>();
  const lines = /[^\n]*\n?/g;
  lines.lastIndex = text.indexOf('\n', offset) + 1 || text.length;
  for (let match = lines.exec(text); match && match[0]; match = lines.exec(text)) {
    const line = match[0].match(/^( *)([^\s#][^:#]*)?(:(?:\s|$))?/)!;
    if (line[2] === undefined) continue;
    if (line[1].length < column) break;
    if (line[1].length === column && line[3]) keys.add(line[2]);
  }
  return keys;
}

function idOf(map: YAMLMap): string | undefined {
  const id = map.get('id', true);
  return isScalar(id) ? String(id.value) : undefined;
}

function keyCompletions(shape: Shape, present: Set<string>, context: Context, { flow = false } = {}): Completion[] {
  return Object.entries(shape.fields)
    .filter(([key]) => !present.has(key))
    .map(([key, spec], index) => ({
      label: key,
      kind: 'property' as const,
      detail: spec.required ? `required · ${typeName(spec.type)}` : typeName(spec.type),
      documentation: `${spec.description}${spec.default ? `\n\nDefault: \`${spec.default}\`` : ''}`,
      insertText: keySnippet(key, spec.type, context, flow, spec.default),
      isSnippet: true,
      range: context.range,
      // Required fields first, then the format's own order.
      sortText: `${spec.required ? 0 : 1}${String(index).padStart(2, '0')}`,
    }));
}

/** `key: value` to complete; a nested block goes on the next line, one step in (in a `{...}` mapping, a flow value instead). */
function keySnippet(key: string, type: ValueType, context: Context, flow: boolean, defaultValue?: string): string {
  const out = new TextBuilder(true);
  const nested = context.style.eol + ' '.repeat(context.indent + context.style.step);
  switch (type.kind) {
    case 'enum':
      return `${key}: ${out.choice(defaultValue ?? FIRST_RATING[key] ?? type.values[0], type.values)}`;
    case 'boolean':
      return `${key}: ${out.choice('true', ['true', 'false'])}`;
    case 'object':
      return flow ? `${key}: {$0}` : `${key}:${nested}$0`;
    case 'list':
      return type.of.kind !== 'object' ? `${key}: [$1]` : flow ? `${key}: [{$0}]` : `${key}:${nested}- $0`;
    default:
      return `${key}: $0`;
  }
}

function typeName(type: ValueType): string {
  switch (type.kind) {
    case 'enum':
      return type.values.join(' | ');
    case 'list':
      return `list of ${typeName(type.of)}`;
    case 'object':
      return type.shape.name;
    case 'backlog-ref':
      return 'backlog item id';
    case 'template-ref':
      return 'template id';
    case 'capability-ref':
      return 'capability id';
    case 'vendor-ref':
      return 'vendor id';
    case 'release':
      return 'release name';
    case 'source-ref':
      return 'feedback id, ticket or link';
    case 'pattern':
      return `text like ${type.example}`;
    default:
      return type.kind.replace('-', ' ');
  }
}

function valueCompletions(
  field: string,
  type: ValueType,
  context: Context,
  options: { asList?: boolean; exclude?: Set<string> } = {},
): Completion[] {
  if (type.kind === 'list') {
    if (type.of.kind === 'object') {
      const snippets = snippetCompletions(snippetPlaceOf(type.of.shape.name), context, { dash: true });
      return field === 'abuse_cases' ? [...templateCompletions(context, { dash: true }), ...snippets] : snippets;
    }
    return valueCompletions(field, type.of, context, { asList: true, exclude: options.exclude });
  }
  const wrap = (value: string) => (options.asList ? `[${value}]` : value);
  const values = scalarValues(field, type, context).filter((value) => !options.exclude?.has(value.label));
  return values.map((value, index) => ({
    ...value,
    insertText: wrap(value.insertText),
    isSnippet: false,
    range: context.range,
    sortText: value.sortText ?? String(index).padStart(3, '0'),
  }));
}

type ValueSuggestion = Omit<Completion, 'range' | 'isSnippet'>;

function scalarValues(field: string, type: ValueType, context: Context): ValueSuggestion[] {
  const { workspace } = context;
  switch (type.kind) {
    case 'enum':
      return type.values.map((value) => ({
        label: value,
        kind: 'value',
        insertText: value,
        documentation: type.docs?.[value]
          ? type.docs[value]
          : (DIMENSIONS as readonly string[]).includes(value)
            ? explainDimension(value as (typeof DIMENSIONS)[number])
            : (LEVELS as readonly string[]).includes(value)
              ? explainLevel(
                  (DIMENSIONS as readonly string[]).includes(field)
                    ? (field as (typeof DIMENSIONS)[number])
                    : undefined,
                  value as (typeof LEVELS)[number],
                )
              : undefined,
      }));
    case 'boolean':
      return ['true', 'false'].map((value) => ({ label: value, kind: 'value', insertText: value }));
    case 'pattern':
      return Object.entries(type.suggestions ?? {}).map(([value, meaning]) => ({
        label: value,
        kind: 'value',
        detail: meaning.length <= 40 ? meaning : undefined,
        documentation: meaning,
        insertText: value,
      }));
    case 'release':
      return [...backlogItemsByRelease(workspace)].map(([release, { length: count }]) => ({
        label: release,
        kind: 'value',
        detail: `${count} backlog ${count === 1 ? 'item' : 'items'}`,
        insertText: release,
      }));
    case 'source-ref':
      return workspace.definitionsOfKind('feedback').map((definition) => ({
        label: definition.id,
        kind: 'reference',
        detail: definition.feedback?.summary,
        documentation:
          [definition.feedback?.from, definition.feedback?.date?.value].filter(Boolean).join(', ') || undefined,
        insertText: definition.id,
      }));
    case 'vendor-ref':
      return workspace
        .definitionsOfKind('vendor')
        .filter((definition) => definition.vendor)
        .map((definition) => {
          const vendor = definition.vendor!;
          const review = reviewStateOf(vendor, workspace.todayDate);
          return {
            label: definition.id,
            kind: 'reference',
            detail: `${vendor.name ?? definition.id} · ${review.status === 'current' ? `reviewed until ${review.until}` : review.status === 'lapsed' ? 'review lapsed' : 'not reviewed'}`,
            documentation: [
              `**${vendor.name ?? definition.id}**${vendor.purpose ? ` — ${vendor.purpose}` : ''}`,
              '',
              `Receives: ${vendor.receives.map((ref) => ref.value).join(', ') || 'nothing declared'}`,
            ].join('\n'),
            insertText: definition.id,
          };
        });
    case 'data-class':
      return [...workspace.dataClasses.values()].map((dataClass) => {
        const { confidentiality: c, integrity: i, availability: a } = dataClass.requires;
        return {
          label: dataClass.name,
          kind: 'value',
          detail: `C ${c} · I ${i} · A ${a}`,
          documentation: explainDataClass(dataClass),
          insertText: dataClass.name,
        };
      });
    case 'backlog-ref':
      return workspace
        .definitionsOfKind('backlog item')
        .filter((definition) => definition.id !== context.ownId)
        .map((definition) => {
          const item = definition.backlogItem!;
          return {
            label: definition.id,
            kind: 'reference',
            detail: item.title,
            documentation: [
              `**${definition.id}** ${item.title ?? ''}`,
              '',
              `${item.type} · ${item.status}${item.sprint ? ` · sprint ${item.sprint}` : ''}${item.security ? ' · security work' : ''}`,
            ].join('\n'),
            insertText: definition.id,
          };
        });
    case 'template-ref': {
      const useCase = context.useCase();
      const ranked = useCase
        ? rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, { today: workspace.todayDate })
        : undefined;
      const templates = ranked ? ranked.map((entry) => entry.template) : workspace.catalog();
      return templates.map((template, index) => ({
        label: template.id,
        kind: 'reference',
        detail: template.title,
        documentation: () => explainTemplate(template),
        insertText: template.id,
        sortText: String(index).padStart(4, '0'),
      }));
    }
    case 'capability-ref': {
      // The questions that are gaps first: they are what an author answers.
      const gaps = new Set(
        workspace
          .baseline({ answers: false })
          .flatMap((product) => product.capabilities.filter((state) => state.status === 'gap'))
          .map((state) => state.capability.id),
      );
      return workspace.capabilities.map((capability, index) => ({
        label: capability.id,
        kind: 'value',
        detail: `${capability.name}${gaps.has(capability.id) ? ' · not answered yet' : ''}`,
        documentation: () => explainCapabilityIn(workspace, capability.id) ?? '',
        insertText: capability.id,
        sortText: `${gaps.has(capability.id) ? 0 : 1}${String(index).padStart(3, '0')}`,
      }));
    }
    case 'date': {
      // An acceptance ends in the future; a verification or recurring work was done, most often today.
      if (field === 'until' && context.shapeName === 'vendor review') {
        const date = monthsAfter(workspace.todayDate, 12);
        return [{ label: date, kind: 'value', detail: 'in a year', insertText: date }];
      }
      if (field !== 'until') {
        const today = workspace.todayDate;
        return [{ label: today, kind: 'value', detail: 'today', insertText: today }];
      }
      const date = monthsAfter(workspace.todayDate, 3);
      return [{ label: date, kind: 'value', detail: 'in three months', insertText: date }];
    }
    default:
      return [];
  }
}

/** When a key is typed on the first line of a new abuse case, whole abuse cases are offered too. */
function templatesIfAbuseCaseStarts(location: Location & { kind: 'key' }, context: Context): Completion[] {
  return location.shape.name === 'abuse case' && location.present.size === 0
    ? templateCompletions(context, { dash: false })
    : [];
}

/**
 * The snippet text of a template's abuse case, written once per template and place (id, column,
 * indentation step, line break, dash): the catalog completion writes 130 of them on every request,
 * and between two requests at the same place nothing in them changes.
 */
const snippetTexts = new WeakMap<Template, Map<string, string>>();
function snippetTextOf(
  template: Template,
  id: string,
  { column, lead, dash, style }: { column: number; lead: string; dash: boolean; style: TextStyle },
): string {
  let byPlace = snippetTexts.get(template);
  if (!byPlace) snippetTexts.set(template, (byPlace = new Map()));
  const key = `${id}\u0000${column}\u0000${lead}\u0000${dash}\u0000${style.step}\u0000${style.eol}`;
  let text = byPlace.get(key);
  if (text === undefined) {
    const lines = abuseCaseLines(template, id, new TextBuilder(true), style.step);
    text = lead + (dash ? indentLines(asListItems([lines]), column, style.eol) : indentLines(lines, column, style.eol));
    if (byPlace.size > 16) byPlace.clear();
    byPlace.set(key, text);
  }
  return text;
}

/**
 * Where a list item's text starts. After `- ` its keys line up with the cursor; an item the completion
 * starts itself (`dash`) goes at the cursor, or on the next line when the cursor is still on its list's key.
 */
function itemStart(context: Context, dash: boolean): { column: number; lead: string } {
  const column = dash ? (context.blockColumn ?? context.indent) : context.indent;
  return { column, lead: dash && context.blockColumn !== undefined ? context.style.eol + ' '.repeat(column) : '' };
}

/**
 * On the first key of a new list item, the snippets of that item; on another key of an abuse
 * case, the risk acceptance when it has none.
 */
function snippetsIfItemStarts(location: Location & { kind: 'key' }, context: Context): Completion[] {
  if (location.present.size === 0)
    return snippetCompletions(snippetPlaceOf(location.shape.name), context, { dash: false });
  return location.shape.name === 'abuse case' && !location.present.has('accepted')
    ? snippetCompletions('abuse case key', context, { dash: false })
    : [];
}

function snippetPlaceOf(shapeName: string): SnippetPlace | undefined {
  return (['backlog item', 'use case', 'abuse case', 'mitigation'] as const).find((place) => place === shapeName);
}

/** The snippets that fit the place, at the cursor's column (after the templates, before the keys). */
function snippetCompletions(
  place: SnippetPlace | undefined,
  context: Context,
  { dash, first = false }: { dash: boolean; first?: boolean },
): Completion[] {
  if (!place) return [];
  const { eol, step } = context.style;
  const { column, lead } = itemStart(context, dash);
  return snippetsFor(place, context.workspace).map((snippet, index) => {
    const lines = snippet.lines(new TextBuilder(true), step);
    return {
      label: snippet.label,
      kind: 'snippet' as const,
      detail: `Snippet · ${snippet.detail}`,
      insertText: lead + indentLines(dash ? asListItems([lines]) : lines, column, eol),
      isSnippet: true,
      range: context.range,
      sortText: `${first ? '!' : '"'}${index}`,
      filterText: snippet.label,
      preselect: first && index === 0,
    };
  });
}

/** Whole abuse cases from the catalog, ranked for the use case at the cursor. */
function templateCompletions(context: Context, { dash }: { dash: boolean }): Completion[] {
  const useCase = context.useCase();
  if (!useCase) return [];
  const { workspace } = context;
  // Ids of every kind share one namespace (duplicate-id): ask the index, not a list of all abuse cases.
  const taken = { has: (id: string) => workspace.definitionsOf(id).length > 0 };
  const { column, lead } = itemStart(context, dash);
  return rankTemplates(useCase, workspace.catalog(), workspace.dataClasses, { today: workspace.todayDate }).map(
    ({ template, reasons }, index) => {
      const body = snippetTextOf(template, freshId(`AB-${template.id}`, taken), {
        column,
        lead,
        dash,
        style: context.style,
      });
      return {
        label: template.title,
        kind: 'template' as const,
        detail: `Abuse case · threatens ${template.threatens.join(', ')}`,
        documentation: () =>
          `${reasons.length ? `*Suggested because it ${reasons.join('; ')}.*\n\n` : ''}${explainTemplate(template)}`,
        insertText: body,
        isSnippet: true,
        range: context.range,
        sortText: `!${String(index).padStart(4, '0')}`,
        filterText: `${template.id} ${template.title}`,
        preselect: index === 0,
      };
    },
  );
}
