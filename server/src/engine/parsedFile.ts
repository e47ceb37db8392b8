/**
 * The per-document parse record: one text parsed once into its YAML tree, typed model, the ids it defines, the
 * findings of the file rules and its suppression comments; re-parsed in part after an edit. The workspace
 * (workspace.ts) files these records and answers the cross-file questions.
 */
import { rootShapeOf } from './config';
import type { Shape } from './format';
import { buildModel, FileModel, ModelChange, modelAfterEdit, AbuseCase } from './model';
import { Definition, EngineDiagnostic, HostFacts, Report, UnreadCatalog } from './rule';
import { RULES } from './rules';
import { LineIndex, OffsetRange } from './text';
import { Reparsed, reparseIncrementally, TextChange } from './incrementalParse';
import { parseYamlTree, YamlTree } from './yamlTree';
import { directivesIn, SuppressionDirective } from './suppressions';

/** Told when a rule throws: the server logs and carries on with the other rules. */
export type OnRuleError = (code: string, uri: string, error: unknown) => void;

/** One document parsed once: the YAML tree, the typed model and the ids it defines. */
export interface ParsedFile {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
  /** The format the document follows (use cases, catalog, configuration). */
  readonly rootShape: Shape;
  /** The YAML tree; parsed again on demand after `releaseTree`. */
  readonly tree: YamlTree;
  readonly model: FileModel;
  readonly definitions: Definition[];
  readonly lineIndex: LineIndex;
  /** Whether only the edited list items were parsed again: for tests and the benchmark. */
  readonly incremental: boolean;
  /** The findings of the file rules (structure), at the rules' own severities; the configuration applies later. */
  readonly fileFindings: readonly EngineDiagnostic[];
  /** Its `# abuse-cases-disable…` comments, found once per parse; the workspace applies them to every finding. */
  readonly directives: readonly SuppressionDirective[];
  /** The host's word on the configuration's unread catalogs that the file rules were given (see `setUnreadCatalogs`). */
  readonly unreadCatalogs?: readonly UnreadCatalog[];
  /**
   * The latest parse of this document without syntax errors (this one, when it has none): edits
   * are re-parsed against it, so that fixing a typo or completing in a broken item stays fast.
   */
  cleanBase?: { tree: YamlTree; text: string };
  /**
   * Lets the tree go. The model, ids and diagnostics stay; the tree of a file that no editor has
   * open is most of the memory a workspace takes, and only a re-check needs it again.
   */
  releaseTree(): void;
  /** The same parse under another document version. */
  withVersion(version: number): ParsedFile;
  /**
   * After a partial re-parse, once: what the edit changed in the model of the parse it was made from (the workspace
   * re-indexes only that), and the lines it replaced; undefined otherwise.
   */
  takeModelChange(): (ModelChange & { base: ParsedFile; replaced: Reparsed['replaced'] }) | undefined;
}

/** What a parse yields besides the tree: plain data, which a worker thread can send to another (see `snapshotOf`). */
export interface ParsedSnapshot {
  uri: string;
  text: string;
  version: number;
  model: FileModel;
  fileFindings: EngineDiagnostic[];
  directives: SuppressionDirective[];
}

class ParsedDocument implements ParsedFile {
  readonly model: FileModel;
  readonly definitions: Definition[];
  readonly fileFindings: readonly EngineDiagnostic[];
  readonly directives: readonly SuppressionDirective[];
  cleanBase?: { tree: YamlTree; text: string };
  private modelChange: Derived['modelChange'];

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly version: number,
    readonly rootShape: Shape,
    private parsedTree: YamlTree | undefined,
    readonly incremental: boolean,
    base: { tree: YamlTree; text: string } | undefined,
    derived: Derived,
    private lines?: LineIndex,
    readonly unreadCatalogs?: readonly UnreadCatalog[],
  ) {
    this.cleanBase = parsedTree?.syntaxProblems.length === 0 ? { tree: parsedTree, text } : base;
    this.model = derived.model;
    this.definitions = derived.definitions;
    this.fileFindings = derived.fileFindings;
    this.directives = derived.directives;
    this.modelChange = derived.modelChange;
  }

  takeModelChange(): Derived['modelChange'] {
    const change = this.modelChange;
    this.modelChange = undefined;
    return change;
  }

  /** Built on first use: a file without findings, or parsed on a worker thread, never needs one. */
  get lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  /** The line index of `text`, this text with the `replaced` lines re-typed, when this one's was built. */
  lineIndexAfter(text: string, { start, oldEnd, delta }: Reparsed['replaced']): LineIndex | undefined {
    return this.lines?.afterReplace(text, start, oldEnd, oldEnd + delta);
  }

  get tree(): YamlTree {
    if (!this.parsedTree) {
      this.parsedTree = parseYamlTree(this.text, this.rootShape);
      if (this.parsedTree.syntaxProblems.length === 0) this.cleanBase = { tree: this.parsedTree, text: this.text };
    }
    return this.parsedTree;
  }

  releaseTree(): void {
    this.parsedTree = undefined;
    this.cleanBase = undefined;
  }

  withVersion(version: number): ParsedFile {
    const { uri, text, rootShape, parsedTree, incremental, cleanBase, model, definitions, fileFindings, directives } =
      this;
    return new ParsedDocument(
      uri,
      text,
      version,
      rootShape,
      parsedTree,
      incremental,
      cleanBase,
      { model, definitions, fileFindings, directives },
      this.lines,
      this.unreadCatalogs,
    );
  }
}

/** What a parse derives from its tree; `modelChange` after a partial re-parse, against the parse it was made from. */
type Derived = Pick<ParsedFile, 'model' | 'definitions' | 'fileFindings' | 'directives'> & {
  modelChange?: ModelChange & { base: ParsedFile; replaced: Reparsed['replaced'] };
};

/**
 * The model, the ids and the file rules' findings of a tree. After a partial re-parse, the file rules
 * check only the replaced objects: their findings depend on nothing else, so the others' carry over.
 */
function derive(
  uri: string,
  text: string,
  tree: YamlTree,
  onRuleError: OnRuleError | undefined,
  partial?: { previous: ParsedFile; replaced: Reparsed['replaced'] },
  host: HostFacts = {},
): Derived {
  // The findings carry over first: some share range objects with the model, which moves them in place.
  const carried = partial && carriedFindings(partial.previous.fileFindings, partial.replaced);
  const edited = partial && modelAfterEdit(partial.previous.model, tree, partial.replaced);
  const model = edited ? edited.model : buildModel(tree);
  const fileFindings: EngineDiagnostic[] = carried ?? [];
  const { start, oldEnd, delta, objects } = partial?.replaced ?? { start: 0, oldEnd: 0, delta: 0, objects: [] };
  const inReplaced = (range: OffsetRange) => range.start >= start && range.start < oldEnd + delta;
  const checked = carried
    ? {
        tree: { ...tree, objects },
        model: {
          ...model,
          backlog: model.backlog.filter((item) => inReplaced(item.range)),
          useCases: model.useCases.filter((useCase) => inReplaced(useCase.range)),
          templates: model.templates.filter((template) => inReplaced(template.range)),
          vendors: model.vendors.filter((vendor) => inReplaced(vendor.range)),
          feedback: model.feedback.filter((entry) => inReplaced(entry.range)),
        },
      }
    : { tree, model };
  for (const rule of RULES) {
    if (rule.scope !== 'file') continue;
    const report: Report = (finding) =>
      fileFindings.push({ code: rule.code, ...finding, severity: finding.severity ?? rule.severity });
    guarded(rule.code, uri, onRuleError, () => rule.check({ uri, text, ...host, ...checked, report }));
  }
  const modelChange = edited?.change &&
    partial && { ...edited.change, base: partial.previous, replaced: partial.replaced };
  const directives = directivesIn(text, tree.root);
  return { model, definitions: definitionsIn(uri, model), fileFindings, directives, modelChange };
}

/** The ids a file defines, read off its model (so that they share its strings and objects). */
function definitionsIn(uri: string, model: FileModel): Definition[] {
  const definitions: Definition[] = [];
  for (const item of model.backlog) {
    if (item.id)
      definitions.push({ uri, id: item.id.value, kind: 'backlog item', range: item.id.range, backlogItem: item });
  }
  // An abuse case aliased into several use cases is one definition, at its anchor.
  const abuseCases = new Set<AbuseCase>();
  for (const useCase of model.useCases) {
    if (useCase.id) definitions.push({ uri, id: useCase.id.value, kind: 'use case', range: useCase.id.range });
    for (const abuseCase of useCase.abuseCases) {
      if (abuseCase.id && !abuseCases.has(abuseCase)) {
        abuseCases.add(abuseCase);
        definitions.push({ uri, id: abuseCase.id.value, kind: 'abuse case', range: abuseCase.id.range });
      }
    }
  }
  for (const definition of model.templates) {
    if (definition.id) definitions.push({ uri, id: definition.id.value, kind: 'template', range: definition.id.range });
  }
  for (const vendor of model.vendors) {
    if (vendor.id) definitions.push({ uri, id: vendor.id.value, kind: 'vendor', range: vendor.id.range, vendor });
  }
  for (const feedback of model.feedback) {
    if (feedback.id)
      definitions.push({ uri, id: feedback.id.value, kind: 'feedback', range: feedback.id.range, feedback });
  }
  return definitions;
}

/**
 * Sorted findings without those said twice: an aliased mitigation is checked under each abuse case
 * that names it, and what is wrong with it is wrong once, at its anchor.
 */
export function withoutRepeats(sorted: EngineDiagnostic[]): EngineDiagnostic[] {
  const kept: EngineDiagnostic[] = [];
  let runStart = 0;
  for (const finding of sorted) {
    const last = kept.at(-1);
    if (!last || last.range.start !== finding.range.start || last.range.end !== finding.range.end) {
      runStart = kept.length;
    } else if (kept.slice(runStart).some((other) => other.code === finding.code && other.message === finding.message)) {
      continue;
    }
    kept.push(finding);
  }
  return kept.length === sorted.length ? sorted : kept;
}

/**
 * The previous findings outside the replaced lines, moved with the text; undefined when one straddles their edge.
 * `placeOf` gives where a finding was before the edit, when its range may have moved since (it is the model's).
 */
export function carriedFindings(
  previous: readonly EngineDiagnostic[],
  { start, oldEnd, delta }: Reparsed['replaced'],
  placeOf: (finding: EngineDiagnostic) => OffsetRange = (finding) => finding.range,
): EngineDiagnostic[] | undefined {
  const carried: EngineDiagnostic[] = [];
  for (const finding of previous) {
    const range = placeOf(finding);
    if (range.end <= start && range.start < start) carried.push(finding);
    else if (range.start >= oldEnd)
      carried.push({ ...finding, range: { start: range.start + delta, end: range.end + delta } });
    else if (range.start < start || range.end > oldEnd) return undefined;
  }
  return carried;
}

/**
 * Parses a document; given the previous parse of the same document, only the list items an edit
 * touches are re-parsed when that is sure to give the same tree (the previous parse is consumed).
 */
export function parseFile(
  uri: string,
  text: string,
  {
    version = 0,
    rootShape = rootShapeOf(uri),
    previous,
    change,
    onRuleError,
    notRead,
    unreadCatalogs,
  }: {
    version?: number;
    rootShape?: Shape;
    previous?: ParsedFile;
    /** The change from `previous`'s text to this one, when the editor said what it was. */
    change?: TextChange;
    onRuleError?: OnRuleError;
  } & HostFacts = {},
): ParsedFile {
  const base = previous?.cleanBase;
  // The editor's change applies to the base only when the previous text is the base's (it parsed without errors).
  const reused =
    base && base.tree.rootShape === rootShape
      ? reparseIncrementally(base.tree, base.text, text, base.text === previous?.text ? change : undefined)
      : undefined;
  const tree = reused?.tree ?? parseYamlTree(text, rootShape);
  // The previous findings carry over only when they belong to the base the tree was re-parsed from.
  const partial =
    reused && previous && previous.cleanBase?.tree === previous.tree
      ? { previous, replaced: reused.replaced }
      : undefined;
  return new ParsedDocument(
    uri,
    text,
    version,
    rootShape,
    tree,
    reused !== undefined,
    base,
    derive(uri, text, tree, onRuleError, partial, { notRead, unreadCatalogs }),
    partial && previous instanceof ParsedDocument ? previous.lineIndexAfter(text, partial.replaced) : undefined,
    unreadCatalogs,
  );
}

/** The plain data of a parse, without the tree (which holds class instances that do not cross threads). */
export function snapshotOf(file: ParsedFile): ParsedSnapshot {
  const { uri, text, version, model, fileFindings, directives } = file;
  return { uri, text, version, model, fileFindings: [...fileFindings], directives: [...directives] };
}

/** A parse made elsewhere (a worker thread); the tree is parsed again only if something asks for it. */
export function fromSnapshot(snapshot: ParsedSnapshot): ParsedFile {
  const { uri, model, fileFindings, directives } = snapshot;
  return new ParsedDocument(uri, snapshot.text, snapshot.version, rootShapeOf(uri), undefined, false, undefined, {
    model,
    definitions: definitionsIn(uri, model),
    fileFindings,
    directives,
  });
}

/** Runs a rule; when it throws, the error goes to `onRuleError` if there is one, so one bug never costs every finding. */
export function guarded(code: string, uri: string, onRuleError: OnRuleError | undefined, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (!onRuleError) throw error;
    onRuleError(code, uri, error);
  }
}
