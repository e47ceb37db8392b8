import { isScalar, isSeq, Node } from 'yaml';
import { DATA_CLASS, TEAM_CAPABILITY } from '../config';
import { DIMENSIONS, IMPACTS, LEVELS, LIKELIHOODS, Shape, TEMPLATE, ValueType } from '../format';
import { OffsetRange } from '../text';
import { Workspace } from '../workspace';
import { isEmptyValue, LocatedObject, scalarText, YamlTree } from '../yamlTree';
import { LINK } from '../rules/unknownFeedback';
import { backlogItemsByRelease } from './backlogItems';

/**
 * The legend: standard LSP types where they fit (ids are variables, data classes types), custom ones for what this
 * format has of its own. package.json declares the custom ones, with the TextMate scopes themes fall back to.
 */
export const TOKEN_TYPES = ['variable', 'type', 'template', 'capability', 'release', 'ciaDimension', 'level'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
/** `declaration` where an id is defined; `unresolved` on a reference the workspace does not define. */
export const TOKEN_MODIFIERS = ['declaration', 'unresolved'] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** One coloured range: its type an index into TOKEN_TYPES, its modifiers a bit set over TOKEN_MODIFIERS, as LSP wants. */
export interface SemanticToken {
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

const TOKEN_TYPE_INDEX = Object.fromEntries(TOKEN_TYPES.map((type, index) => [type, index])) as Record<
  TokenType,
  number
>;
const DECLARATION = 1 << TOKEN_MODIFIERS.indexOf('declaration');
/** The bit of `unresolved` in a token's modifiers. */
export const UNRESOLVED = 1 << TOKEN_MODIFIERS.indexOf('unresolved');

/** The kinds of value that name something defined elsewhere, and the token type of each. */
const REFERENCE_TYPES = {
  'backlog-ref': 'variable',
  'vendor-ref': 'variable',
  'source-ref': 'variable',
  'template-ref': 'template',
  'data-class': 'type',
  'capability-ref': 'capability',
  release: 'release',
} as const satisfies Partial<Record<ValueType['kind'], TokenType>>;
type ReferenceKind = keyof typeof REFERENCE_TYPES;

/** A token as the text alone decides it; a reference's modifier waits for the workspace. */
interface Site {
  start: number;
  end: number;
  type: number;
  modifiers: number;
  reference?: { kind: ReferenceKind; id: string };
}

const LEVEL_VALUES: readonly (readonly string[])[] = [LEVELS, LIKELIHOODS, IMPACTS];

/** The sites of a parse, kept while its tree lives: the tree of an open document stays until its next edit. */
const sitesByTree = new WeakMap<YamlTree, Site[]>();

function sitesOf(tree: YamlTree, text: string): Site[] {
  let sites = sitesByTree.get(tree);
  if (!sites) sitesByTree.set(tree, (sites = collectSites(tree, text)));
  return sites;
}

/** A token stays on one line (clients need not support multi-line tokens): an id never spans two. */
function spansLines(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (text.charCodeAt(at) === 10) return true;
  return false;
}

/** A field of a shape that may hold something to colour: its key (a CIA dimension), its value or its list items. */
interface ColouredField {
  field: string;
  /** The type of the value, or of each item for a list. */
  type: ValueType;
  list: boolean;
  keyIsDimension: boolean;
}

/** Kinds of value never coloured: most of a file is free text (titles, descriptions, steps) and is skipped. */
const UNCOLOURED = new Set<ValueType['kind']>(['text', 'number', 'boolean', 'date', 'pattern', 'object', 'list']);

const colouredFieldsByShape = new WeakMap<Shape, ColouredField[]>();

function colouredFieldsOf(shape: Shape): ColouredField[] {
  let fields = colouredFieldsByShape.get(shape);
  if (fields) return fields;
  fields = [];
  for (const [field, spec] of Object.entries(shape.fields)) {
    const list = spec.type.kind === 'list';
    const type = spec.type.kind === 'list' ? spec.type.of : spec.type;
    // `confidentiality: high` under `cia:`, a data class, `at-least:`: the key is a CIA dimension too.
    const keyIsDimension =
      type.kind === 'enum' && type.values === LEVELS && (DIMENSIONS as readonly string[]).includes(field);
    const definesName = (shape === DATA_CLASS && field === 'name') || (shape === TEAM_CAPABILITY && field === 'id');
    if (keyIsDimension || definesName || !UNCOLOURED.has(type.kind)) fields.push({ field, type, list, keyIsDimension });
  }
  colouredFieldsByShape.set(shape, fields);
  return fields;
}

function collectSites(tree: YamlTree, text: string): Site[] {
  const sites: Site[] = [];
  const add = (node: Node | null, type: TokenType, modifiers = 0, reference?: Site['reference']) => {
    const range = node?.range;
    if (!range || range[1] <= range[0] || spansLines(text, range[0], range[1])) return;
    sites.push({ start: range[0], end: range[1], type: TOKEN_TYPE_INDEX[type], modifiers, reference });
  };
  const addValue = (owner: LocatedObject, field: string, type: ValueType, node: unknown) => {
    if (!isScalar(node) || isEmptyValue(node)) return;
    const value = scalarText(node);
    if (type.kind === 'id') add(node, owner.shape === TEMPLATE ? 'template' : 'variable', DECLARATION);
    else if (owner.shape === DATA_CLASS && field === 'name') add(node, 'type', DECLARATION);
    else if (owner.shape === TEAM_CAPABILITY && field === 'id') add(node, 'capability', DECLARATION);
    else if (type.kind === 'enum') {
      if (!type.values.includes(value)) return;
      if (type.values === DIMENSIONS) add(node, 'ciaDimension');
      else if (LEVEL_VALUES.includes(type.values)) add(node, 'level');
    } else if (type.kind === 'source-ref') {
      // A source's ref names feedback only for `kind: feedback`; otherwise it is a ticket, a link or free text.
      const kind = owner.pairs.get('kind')?.value;
      if (isScalar(kind) && kind.value === 'feedback' && !LINK.test(value))
        add(node, 'variable', 0, { kind: 'source-ref', id: value });
    } else if (type.kind === 'release') {
      // A backlog item's `release:` names its release; the configuration's `current-release` refers to one.
      add(node, 'release', 0, field === 'current-release' ? { kind: 'release', id: value } : undefined);
    } else if (type.kind in REFERENCE_TYPES) {
      const kind = type.kind as ReferenceKind;
      add(node, REFERENCE_TYPES[kind], 0, { kind, id: value });
    }
  };
  for (const owner of tree.objects) {
    for (const { field, type, list, keyIsDimension } of colouredFieldsOf(owner.shape)) {
      const pair = owner.pairs.get(field);
      if (!pair) continue;
      if (keyIsDimension) add(pair.key, 'ciaDimension');
      if (!list) addValue(owner, field, type, pair.value);
      else if (isSeq(pair.value)) for (const item of pair.value.items) addValue(owner, field, type, item);
    }
  }
  sites.sort((a, b) => a.start - b.start);
  // An aliased object is visited wherever it is named: its tokens are at the anchor, once.
  return tree.sharesNodes ? sites.filter((site, index) => index === 0 || site.start !== sites[index - 1].start) : sites;
}

/** Whether a reference resolves, asked of the workspace; `undefined` when it is free text after all. */
function resolverFor(workspace: Workspace): (reference: NonNullable<Site['reference']>) => boolean | undefined {
  let capabilities: Set<string> | undefined;
  let releases: Set<string> | undefined;
  let keepsFeedback: boolean | undefined;
  return ({ kind, id }) => {
    switch (kind) {
      case 'backlog-ref':
        // Backlog items share their namespace with use cases and abuse cases: a backlog reference names an item.
        return workspace.definitionsOf(id).some((definition) => definition.kind === 'backlog item');
      case 'vendor-ref':
        return workspace.definitionsOf(id, 'vendors').length > 0;
      case 'source-ref':
        if (workspace.definitionsOf(id, 'feedback').length > 0) return true;
        // A workspace that keeps no feedback keeps it in another tracker: the ref is that tracker's ticket.
        keepsFeedback ??= workspace.definitionsOfKind('feedback').length > 0;
        return keepsFeedback ? false : undefined;
      case 'template-ref':
        return workspace.templateOf(id) !== undefined;
      case 'data-class':
        return workspace.dataClasses.has(id);
      case 'capability-ref':
        capabilities ??= new Set(workspace.capabilities.map((capability) => capability.id));
        return capabilities.has(id);
      case 'release':
        releases ??= new Set(backlogItemsByRelease(workspace).keys());
        return releases.has(id);
    }
  };
}

/**
 * The semantic tokens of a document (of `range` only, when given), in document order: ids where they are defined,
 * references with whether the workspace resolves them, CIA dimensions and levels. Empty for a file it does not hold.
 */
export function semanticTokensOf(workspace: Workspace, uri: string, range?: OffsetRange): SemanticToken[] {
  const file = workspace.file(uri);
  if (!file) return [];
  const resolves = resolverFor(workspace);
  const tokens: SemanticToken[] = [];
  for (const site of sitesOf(file.tree, file.text)) {
    const { start, end, type, modifiers, reference } = site;
    if (range && (end <= range.start || start >= range.end)) continue;
    if (!reference) {
      tokens.push(site);
      continue;
    }
    const resolved = resolves(reference);
    if (resolved !== undefined)
      tokens.push({ start, end, type, modifiers: resolved ? modifiers : modifiers | UNRESOLVED });
  }
  return tokens;
}
