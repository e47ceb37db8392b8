import { BUILT_IN_TEMPLATES, Template } from './catalog';
import { BUILT_IN_DATA_CLASSES, DataClass } from './dataClasses';
import { BaselineCapability, capabilitiesOf } from './baseline';
import { BaselineReader, CapabilityState, FileBaseline, ProductBaseline, productBaseline } from './baselineState';
import { DEFAULT_CONFIG, isConfigFile, ProjectConfig, configuredSeverity } from './config';
import { Shape, USE_CASE_FILE } from './format';
import { isRiskClosed } from './cia';
import { CoverageSummary, summarizeCoverage } from './coverage';
import type { CoverageLookup, CoverageModel } from './coverageModel';
import { CoverageIndex, CoverageStatus } from './coverageTree';
import type { ReleaseVerdict } from './release';
import { AbuseCase, BacklogItem, Mitigation, ModelChange, ModelLists, UseCase } from './model';
import {
  BaselineAnchor,
  Definition,
  EngineDiagnostic,
  Namespace,
  Report,
  UnreadCatalog,
  WorkspaceRuleContext,
  WorkspaceView,
} from './rule';
import { RULES } from './rules';
import { carriedFindings, guarded, OnRuleError, ParsedFile, parseFile, withoutRepeats } from './parsedFile';
import type { TextChange } from './incrementalParse';
import { definitionKey, FactKey, FactKeys, IdKind, indexKey, isTemplateIndexKey } from './keys';
import { Occurrence, OccurrenceIndex } from './occurrences';
import { OffsetRange } from './text';
import { applySuppressions, SuppressedFinding } from './suppressions';

export interface WorkspaceOptions {
  /** Today as YYYY-MM-DD; injectable so that expiry is testable. */
  today?: () => string;
  /** The project configuration (abuse-cases.config.yaml); replace it later with `configure`. */
  config?: ProjectConfig;
  /**
   * Called when a rule throws. The server logs and carries on with the other
   * rules so one bug never costs the user every diagnostic; without it the error propagates.
   */
  onRuleError?: OnRuleError;
  /**
   * Whether to keep a document's YAML tree once it is analysed (all are kept unless this says no).
   * The server keeps the trees of open documents only; the rest are parsed again if a re-check needs them.
   */
  retainTree?: (uri: string) => boolean;
}

/** The findings of the per-entry rules (see `Rule.perEntry`), and the facts those rules read. */
interface PerEntryFindings {
  findings: EngineDiagnostic[];
  dependencies: Set<FactKey>;
}

/** The per-entry findings of a file's last analysis, with its day and where they were before an edit. */
type PerEntryBefore = PerEntryFindings & { today: string; placesBefore: Map<EngineDiagnostic, OffsetRange> };

interface FileEntry {
  parsed: ParsedFile;
  /** What this file tells other files, as fingerprints by fact key; a changed fingerprint re-checks the files that asked. */
  facts: Facts;
  /** The day the facts were worked out for (which risk acceptances still hold). */
  factsToday?: string;
  analysis?: {
    diagnostics: EngineDiagnostic[];
    /** The findings the file's directives suppressed. */
    suppressed: SuppressedFinding<EngineDiagnostic>[];
    dependencies: Set<FactKey>;
    today: string;
    perEntry: PerEntryFindings;
  };
  /**
   * After an edit that left the facts the per-entry rules read as they were: those rules' findings about the entries
   * the edit did not replace (moved with the text), and which entries it did replace. The next analysis checks only
   * those; any change to one of the facts, the configuration or the day drops this.
   */
  carried?: PerEntryFindings & { today: string; replaced: ModelLists };
  /** What the file tells its product's baseline, under the current configuration. */
  baseline?: FileBaseline;
}

/** What messages call the files of a workspace that names no product, or several. */
const UNNAMED_PRODUCT = 'This workspace';

/** A use case that names a backlog item in its `backlog:`. */
export type Builder = { uri: string; useCase: UseCase };
/** A mitigation that names a backlog item in its `backlog:`, with the abuse case it answers. */
export type MitigationBuilder = { uri: string; useCase: UseCase; abuseCase: AbuseCase; mitigation: Mitigation };

export { fromSnapshot, parseFile, snapshotOf } from './parsedFile';
export type { OnRuleError, ParsedFile, ParsedSnapshot } from './parsedFile';

/**
 * All use-case files of a workspace, with their cross-file index. It is the
 * one entry point of the engine: the language server, the CLI and the tests
 * feed it texts and read diagnostics back.
 */
export class Workspace {
  private readonly files = new Map<string, FileEntry>();
  /**
   * The files whose analysis read a key (`def:RM-1`, `sprint:45`, ...), so that a change finds them without a walk of
   * every file's keys. A file stays listed after its analysis goes; it is checked, and dropped, when a key changes.
   */
  private readonly dependents = new Readers();
  private readonly definitionsById = new Map<string, Definition[]>();
  /** The files that keep `feedback:` entries: few, so that "which feedback is there" walks only them. */
  private readonly filesWithFeedback = new Set<string>();
  private readonly buildersByBacklogId = new Map<string, Builder[]>();
  /** The use cases that name a vendor, by vendor id. */
  private readonly usersByVendorId = new Map<string, Builder[]>();
  private readonly itemsBySprint = new Map<string, { uri: string; item: BacklogItem }[]>();
  private readonly mitigationsByBacklogId = new Map<string, MitigationBuilder[]>();
  /** The use-case files by the product their `product:` line names ('' for none), in uri order. */
  private readonly filesByProduct = new Map<string, { uri: string }[]>();
  private baselineReader!: BaselineReader;
  /** Replaced whenever a template or the configuration changes: what a file's families were worked out under. */
  private catalogToken: object = {};
  /** What `catalog()` answers, until a file that writes templates changes. */
  private catalogTemplates?: readonly Template[];
  private contentRevisionCount = 0;
  /** Files that changed version only (opened or closed as they are on disk): `revision` counts them too. */
  private versionOnlyChanges = 0;
  private projectConfig: ProjectConfig = DEFAULT_CONFIG;
  private dataClassesByName: ReadonlyMap<string, DataClass> = new Map();
  private readonly today: () => string;
  private readonly onRuleError: WorkspaceOptions['onRuleError'];
  private readonly retainTree: WorkspaceOptions['retainTree'];
  private coverageIndex?: CoverageIndex;
  /** Where each id is written, for references and rename. */
  private readonly occurrences = new OccurrenceIndex(
    (uri) => this.files.get(uri)?.parsed,
    () => this.files.keys(),
  );
  /** The configuration's `catalogs:` entries the host did not read, by the configuration file's uri. */
  private readonly unreadCatalogs = new Map<string, readonly UnreadCatalog[]>();

  constructor(options: WorkspaceOptions = {}) {
    this.onRuleError = options.onRuleError;
    this.retainTree = options.retainTree;
    this.today = options.today ?? localToday;
    this.configure(options.config ?? DEFAULT_CONFIG);
  }

  /** Applies a project configuration; every file may read differently under it, so all are returned for republishing. */
  configure(config: ProjectConfig): string[] {
    this.contentRevisionCount++;
    this.projectConfig = config;
    // A project's class replaces the built-in one of the same name.
    this.dataClassesByName = new Map([...BUILT_IN_DATA_CLASSES, ...config.dataClasses].map((d) => [d.name, d]));
    this.baselineReader = new BaselineReader(capabilitiesOf(config.baseline), this.dataClassesByName, this.today());
    this.catalogToken = {};
    this.catalogTemplates = undefined;
    for (const entry of this.files.values()) {
      delete entry.analysis;
      delete entry.carried;
      // The next edit compares its baseline with one read under this configuration.
      entry.baseline = undefined;
      entry.facts.set(FactKeys.baseline, this.fileBaseline(entry).fingerprint);
    }
    return this.uris;
  }

  /** The capabilities of the baseline, built-in and the team's, as the configuration sets them. */
  get capabilities(): readonly BaselineCapability[] {
    return this.baselineReader.capabilities;
  }

  get config(): ProjectConfig {
    return this.projectConfig;
  }

  get dataClasses(): ReadonlyMap<string, DataClass> {
    return this.dataClassesByName;
  }

  get securityCapacityTarget(): number {
    return this.projectConfig.securityCapacityTarget;
  }

  get uris(): string[] {
    return [...this.files.keys()];
  }

  /** Changes whenever a file or the configuration does: what was worked out at the same revision (and day) still holds. */
  get revision(): number {
    return this.contentRevisionCount + this.versionOnlyChanges;
  }

  /**
   * Like `revision`, but kept when a file only changes version (opened or closed as it is on disk): what the files
   * say, and so every finding and the coverage, is the same as at the last content revision.
   */
  get contentRevision(): number {
    return this.contentRevisionCount;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  file(uri: string): ParsedFile | undefined {
    return this.files.get(uri)?.parsed;
  }

  /**
   * Adds or replaces a document; returns the uris whose diagnostics may have changed (the document itself first).
   * The format follows from the file name unless `rootShape` says otherwise (a configuration given by path).
   */
  set(uri: string, text: string, version = 0, rootShape?: Shape): string[] {
    return this.update(uri, text, version, rootShape);
  }

  /**
   * The document's text after one change the editor described (offsets in the text before): as `set`, but the
   * re-parse starts from the change instead of finding it by comparing the two texts.
   */
  edit(uri: string, text: string, version: number, change: TextChange | undefined): string[] {
    return this.update(uri, text, version, undefined, change);
  }

  private update(uri: string, text: string, version: number, rootShape?: Shape, change?: TextChange): string[] {
    const previous = this.files.get(uri);
    if (
      previous &&
      previous.parsed.text === text &&
      (rootShape === undefined || rootShape === previous.parsed.rootShape)
    ) {
      if (previous.parsed.version === version) return [];
      this.versionOnlyChanges++;
      // The same text under another version (a file opened as it is on disk, or closed unchanged): nothing to parse or re-check.
      previous.parsed = previous.parsed.withVersion(version);
      this.releaseTreeUnlessRetained(previous.parsed);
      return [uri];
    }
    // Where the per-entry rules' findings were, before the re-parse moves the model's ranges (some are theirs).
    const last = previous?.analysis;
    const placesBefore = last && new Map(last.perEntry.findings.map((finding) => [finding, { ...finding.range }]));
    return this.setParsed(
      parseFile(uri, text, {
        version,
        rootShape: rootShape ?? previous?.parsed.rootShape,
        previous: previous?.parsed,
        change,
        onRuleError: this.onRuleError,
        unreadCatalogs: this.unreadCatalogs.get(uri),
      }),
      last && placesBefore && { ...last.perEntry, today: last.today, placesBefore },
    );
  }

  /**
   * Says which `catalogs:` entries of a configuration file the host did not read, and why, for the
   * `catalog-not-read` findings on their lines; returns the uris to republish (the file, when that changed).
   */
  setUnreadCatalogs(uri: string, unread: readonly UnreadCatalog[]): string[] {
    const before = this.unreadCatalogs.get(uri) ?? [];
    if (JSON.stringify(before) === JSON.stringify(unread)) return [];
    this.unreadCatalogs.set(uri, unread);
    const file = this.files.get(uri)?.parsed;
    return file ? this.setParsed(file) : [];
  }

  /** Adds or replaces a document parsed beforehand (by `parseFile`, or in a worker thread: `fromSnapshot`). */
  setParsed(given: ParsedFile, lastPerEntry?: PerEntryBefore): string[] {
    this.contentRevisionCount++;
    const uri = given.uri;
    const told = this.unreadCatalogs.get(uri);
    // A configuration read from disk, or on another thread, learns here what the host said of its catalogs.
    const parsed =
      told === undefined || told === given.unreadCatalogs || (told.length === 0 && !given.unreadCatalogs?.length)
        ? given
        : parseFile(uri, given.text, {
            version: given.version,
            rootShape: given.rootShape,
            onRuleError: this.onRuleError,
            unreadCatalogs: told,
          });
    const previous = this.files.get(uri);
    const today = this.today();
    const change = parsed.takeModelChange();
    let facts: Facts;
    let changed: Set<FactKey>;
    const sameProduct = previous?.parsed.model.product?.value === parsed.model.product?.value;
    const baselineBefore = previous?.facts.get(FactKeys.baseline);
    if (previous && change?.base === previous.parsed && sameProduct) {
      this.reindex(parsed, change);
      if (previous.factsToday === today) {
        facts = previous.facts;
        changed = this.refreshFacts(facts, parsed, change, today);
      } else {
        facts = factsOf(parsed, today);
        changed = changedKeys(previous.facts, facts);
      }
    } else {
      if (previous) this.unindex(previous.parsed);
      this.index(parsed);
      facts = factsOf(parsed, today);
      changed = changedKeys(previous?.facts ?? new Map(), facts);
    }
    const entry: FileEntry = { parsed, facts, factsToday: today };
    // Re-parsed in part: the per-entry rules' findings about the other entries hold, unless a fact they read changed,
    // which drops them below as it would after a change of another file (invalidateDependants).
    if (lastPerEntry && change && change.base === previous?.parsed && lastPerEntry.today === today) {
      const findings = carriedFindings(lastPerEntry.findings, change.replaced, (finding) =>
        lastPerEntry.placesBefore.get(finding)!,
      );
      if (findings)
        entry.carried = { findings, dependencies: lastPerEntry.dependencies, today, replaced: change.added };
    }
    if (parsed.model.feedback.length) this.filesWithFeedback.add(uri);
    else this.filesWithFeedback.delete(uri);
    const baseline = this.fileBaseline(entry).fingerprint;
    facts.set(FactKeys.baseline, baseline);
    if (baseline !== baselineBefore) changed.add(FactKeys.baseline);
    this.noteCatalogChange(changed);
    if (previous?.parsed.model.templates.length || parsed.model.templates.length) this.catalogTemplates = undefined;
    this.files.set(uri, entry);
    this.occurrences.fileChanged(uri);
    if (!previous || !sameProduct) {
      if (previous) this.fileProduct(previous.parsed, (key) => refile(this.filesByProduct, key, uri, []));
      this.fileProduct(parsed, (key) => refile(this.filesByProduct, key, uri, [{ uri }]));
    }
    this.releaseTreeUnlessRetained(parsed);
    return this.invalidateDependants(uri, changed);
  }

  /** A template changed: the families files' abuse cases answer are worked out again when next asked. */
  private noteCatalogChange(changed: ReadonlySet<FactKey>): void {
    for (const key of changed)
      if (FactKeys.isTemplate(key)) {
        this.catalogToken = {};
        return;
      }
  }

  /** Files a use-case file under the product it names ('' for none); others are no product's. */
  private fileProduct(parsed: ParsedFile, file: (key: string) => void): void {
    if (parsed.rootShape === USE_CASE_FILE) file(parsed.model.product?.value ?? '');
  }

  private fileBaseline(entry: FileEntry): FileBaseline {
    const today = this.today();
    if (this.baselineReader.today !== today) {
      // A new day: verifications may have lapsed, so every file's answers are read again (their findings do not move).
      const { capabilities } = this.baselineReader;
      this.baselineReader = new BaselineReader(capabilities, this.dataClassesByName, today);
      for (const other of this.files.values()) other.baseline = undefined;
    }
    return (entry.baseline ??= this.baselineReader.fileBaseline(entry.parsed.uri, entry.parsed.model));
  }

  /**
   * The products of the workspace, each with its files in uri order: the files that name it, and those that name
   * none when it is the only one; when the workspace names none or several, the files without a name are one more.
   */
  private products(): Map<string | undefined, string[]> {
    const named = [...this.filesByProduct.keys()].filter((key) => key !== '');
    const urisOf = (key: string) => (this.filesByProduct.get(key) ?? []).map((entry) => entry.uri);
    const unnamed = urisOf('');
    const products = new Map<string | undefined, string[]>();
    for (const name of named) products.set(name, urisOf(name));
    if (named.length === 1) products.set(named[0], [...products.get(named[0])!, ...unnamed].sort());
    else if (unnamed.length) products.set(undefined, unnamed);
    return products;
  }

  /** Whether the files without a `product:` line are a product of their own (the workspace names none, or several). */
  private hasUnnamedProduct(): boolean {
    return this.filesByProduct.has('') && this.filesByProduct.size !== 2;
  }

  /** Where a product's baseline findings go: the first `product:` line that names it, else the configuration. */
  private anchorOf(product: string | undefined): BaselineAnchor | undefined {
    const name = product ?? UNNAMED_PRODUCT;
    if (product !== undefined) {
      const uri = this.filesByProduct.get(product)?.[0]?.uri;
      const range = uri && this.files.get(uri)?.parsed.model.product?.range;
      return uri && range ? { product, name, uri, range } : undefined;
    }
    // Without a configuration there is no line for them: the coverage view, the reports and the gate still show them.
    const uri = this.uris.filter(isConfigFile).sort()[0];
    const model = uri ? this.files.get(uri)?.parsed.model : undefined;
    return uri && model ? { product, name, uri, range: model.firstKey ?? { start: 0, end: 0 } } : undefined;
  }

  /**
   * Every product's baseline, for the coverage view and the reports; `answers: false` leaves out what answers each
   * question (the status bar and the gate need only the states), `answerLimit` lists at most that many, furthest first.
   */
  baseline(options: { answers?: boolean; answerLimit?: number } = {}): ProductBaseline[] {
    return [...this.products()].map(([product, uris]) => {
      const anchor = this.anchorOf(product);
      return {
        product,
        name: anchor?.name ?? product ?? UNNAMED_PRODUCT,
        anchor: anchor && { uri: anchor.uri, range: anchor.range },
        capabilities: this.baselineOfFiles(uris, undefined, options),
      };
    });
  }

  private baselineOfFiles(
    uris: readonly string[],
    onTemplate?: (id: string) => void,
    options: { answers?: boolean; answerLimit?: number } = {},
  ): CapabilityState[] {
    const files = uris.flatMap((uri) => {
      const entry = this.files.get(uri);
      return entry ? [this.fileBaseline(entry)] : [];
    });
    // The families a file's abuse cases answer are worked out once per catalog; a template id it names is asked of
    // the catalog again only when the catalog changed, so a check that depends on them records every one it reads.
    if (onTemplate) for (const file of files) for (const id of file.templated.keys()) onTemplate(id);
    return productBaseline(
      files,
      this.capabilities,
      { token: this.catalogToken, familyOf: (id) => this.templateOf(id)?.family },
      options,
    );
  }

  /** What a file tells the others, by fact key (the tests compare it with a fresh analysis). */
  factsOf(uri: string): ReadonlyMap<FactKey, string> | undefined {
    return this.files.get(uri)?.facts;
  }

  /**
   * Brings a file's facts up to date after an edit, in place, from what it changed (the indexes already are): the
   * keys a removed or an added entry gives are worked out again from the new model, the file's layout always;
   * returns the keys whose fingerprint changed. Equal to `factsOf` of the new parse (test/engine/incremental.test.ts).
   */
  private refreshFacts(facts: Facts, parsed: ParsedFile, change: ModelChange, today: string): Set<FactKey> {
    const touched = keysOfChange(change);
    const keys = new Set<FactKey>([
      ...[...touched.definitionKeys].map(FactKeys.definitionByIndexKey),
      ...[...touched.sprints].map(FactKeys.sprint),
      ...[...touched.backlogIds].map(FactKeys.builds),
      ...[...touched.mitigationIds].map(FactKeys.mitigates),
      ...[...touched.templateIds].map(FactKeys.template),
      ...[...touched.vendorIds].map(FactKeys.uses),
    ]);
    const sprintsChanged = change.removed.backlog.length !== change.added.backlog.length;
    const templatesChanged = change.removed.templates.length + change.added.templates.length > 0;
    // A backlog item added or removed moves the place of those after it, which sprint facts count.
    if (sprintsChanged) for (const key of facts.keys()) if (FactKeys.isSprint(key)) keys.add(key);
    if (templatesChanged) keys.add(FactKeys.allTemplates);
    if (change.removed.vendors.length + change.added.vendors.length > 0) keys.add(FactKeys.vendors);
    if (change.removed.feedback.length + change.added.feedback.length > 0) keys.add(FactKeys.feedback);
    keys.add(FactKeys.layout(parsed.uri));
    const before = new Map([...keys].map((key) => [key, facts.get(key)]));
    for (const key of keys) facts.delete(key);
    // The new values: the same appends as `factsOf`, restricted to these keys.
    const fresh = factsOf(parsed, today, keys);
    for (const [key, value] of fresh) facts.set(key, value);
    const changed = new Set<FactKey>();
    for (const [key, value] of before) if (facts.get(key) !== value) changed.add(key);
    return changed;
  }

  /** The file rules have run and the model is built: a document no editor has open can let its tree go. */
  private releaseTreeUnlessRetained(parsed: ParsedFile): void {
    if (this.retainTree && !this.retainTree(parsed.uri)) parsed.releaseTree();
  }

  /** Removes a document; returns the uris whose diagnostics may have changed, the removed one included. */
  delete(uri: string): string[] {
    const previous = this.files.get(uri);
    if (!previous) return [];
    this.contentRevisionCount++;
    this.unindex(previous.parsed);
    this.filesWithFeedback.delete(uri);
    this.fileProduct(previous.parsed, (key) => refile(this.filesByProduct, key, uri, []));
    this.files.delete(uri);
    if (previous.parsed.model.templates.length) this.catalogTemplates = undefined;
    this.occurrences.fileChanged(uri);
    const changed = changedKeys(previous.facts, new Map());
    this.noteCatalogChange(changed);
    return this.invalidateDependants(uri, changed);
  }

  /**
   * The coverage model the sidebar shows, kept up to date: after an edit only the changed files' use cases are
   * built again, and the same model comes back as long as nothing changed. Equal to `coverageModelOf(this)`.
   */
  coverage(): CoverageModel {
    return (this.coverageIndex ??= new CoverageIndex(this)).model();
  }

  /** Builds ahead what the next coverage answer needs, for at most `budgetMs`; true once it is all built. */
  prepareCoverage(budgetMs: number): boolean {
    return (this.coverageIndex ??= new CoverageIndex(this)).prepare(budgetMs);
  }

  /** Answers about a coverage model this workspace returned (by walks of it once the workspace has changed). */
  coverageLookup(model: CoverageModel): CoverageLookup {
    return (this.coverageIndex ??= new CoverageIndex(this)).lookup(model);
  }

  /** One release's slice of the coverage model, with its gate (`abuse-cases gate --release`). */
  coverageOfRelease(release: string): CoverageModel {
    return (this.coverageIndex ??= new CoverageIndex(this)).release(release);
  }

  /** One release judged on its slice (its gate, and what the sidebar's row of it shows), without cutting the model. */
  releaseVerdict(release: string): ReleaseVerdict {
    return (this.coverageIndex ??= new CoverageIndex(this)).releaseVerdict(release);
  }

  /** The summary, the gate and the baseline's gaps of the maintained coverage model, for the status bar. */
  coverageStatus(): CoverageStatus {
    return (this.coverageIndex ??= new CoverageIndex(this)).status();
  }

  /** The security coverage of every use case of the workspace, in totals (without building the coverage model). */
  coverageSummary(): CoverageSummary {
    return summarizeCoverage(
      [...this.files.values()].map((entry) => entry.parsed),
      this.dataClasses,
      this.today(),
    );
  }

  /** A file's findings, without those its `# abuse-cases-disable…` comments suppress. */
  diagnostics(uri: string): EngineDiagnostic[] {
    return this.analysisOf(uri)?.diagnostics ?? [];
  }

  /** The findings a file's `# abuse-cases-disable…` comments suppress, with the comments that do. */
  suppressed(uri: string): readonly SuppressedFinding<EngineDiagnostic>[] {
    return this.analysisOf(uri)?.suppressed ?? [];
  }

  private analysisOf(uri: string): FileEntry['analysis'] {
    const entry = this.files.get(uri);
    if (!entry) return undefined;
    const today = this.today();
    if (entry.analysis?.today !== today) {
      const carried = entry.carried?.today === today ? entry.carried : undefined;
      entry.carried = undefined;
      entry.analysis = this.analyze(entry.parsed, today, carried);
      for (const key of entry.analysis.dependencies) {
        this.dependents.add(key, uri);
      }
    }
    return entry.analysis;
  }

  private analyze(parsed: ParsedFile, today: string, carried?: FileEntry['carried']): FileEntry['analysis'] & object {
    const dependencies = new Set<FactKey>();
    // The per-entry rules' findings and the facts they read, apart: after an edit, they may carry over.
    const perEntry: PerEntryFindings = { findings: [], dependencies: new Set() };
    let inPerEntryRule = false;
    const depend = (key: FactKey) => {
      dependencies.add(key);
      if (inPerEntryRule) perEntry.dependencies.add(key);
    };
    // The rules ask about the same ids many times: each id's key is made, and recorded, once per analysis (and once
    // more for the per-entry rules, whose facts are kept apart).
    const asked = { definitions: new Set<string>(), templates: new Map<string, Template | undefined>() };
    const askedPerEntry = { definitions: new Set<string>(), templates: new Map<string, Template | undefined>() };
    const diagnostics: EngineDiagnostic[] = [];
    const view: WorkspaceView = {
      definitionsOf: (id, { withLocations = false, namespace = 'ids' } = {}) => {
        const key = indexKey(namespace, id);
        const askedDefinitions = (inPerEntryRule ? askedPerEntry : asked).definitions;
        if (!askedDefinitions.has(key)) {
          askedDefinitions.add(key);
          depend(FactKeys.definitionByIndexKey(key));
        }
        const definitions = this.definitionsById.get(key) ?? [];
        if (withLocations) for (const definition of definitions) depend(FactKeys.layout(definition.uri));
        return definitions;
      },
      templateOf: (id) => {
        const askedTemplates = (inPerEntryRule ? askedPerEntry : asked).templates;
        if (askedTemplates.has(id)) return askedTemplates.get(id);
        depend(FactKeys.template(id));
        const template = this.templateOf(id);
        askedTemplates.set(id, template);
        return template;
      },
      sprintItems: (sprint) => {
        depend(FactKeys.sprint(sprint));
        // Kept in this order by the index: by uri, and each file's items in document order.
        return this.itemsBySprint.get(sprint) ?? [];
      },
      buildsAMitigation: (backlogId) => {
        depend(FactKeys.mitigates(backlogId));
        return this.mitigationsByBacklogId.has(backlogId);
      },
      templateIds: () => {
        depend(FactKeys.allTemplates);
        return this.catalog().map((template) => template.id);
      },
      vendorIds: () => {
        depend(FactKeys.vendors);
        return this.definitionsOfKind('vendor').map((definition) => definition.id);
      },
      feedbackIds: () => {
        depend(FactKeys.feedback);
        return [...this.filesWithFeedback].flatMap((uri) =>
          this.files
            .get(uri)!
            .parsed.definitions.filter((definition) => definition.kind === 'feedback')
            .map((definition) => definition.id),
        );
      },
      baselineAnchoredIn: (uri) => {
        const own = this.files.get(uri)?.parsed.model.product?.value;
        // Cheap, as every file asks: only a configuration, or a file that names a product, may hold findings.
        if (own === undefined && !isConfigFile(uri)) return [];
        // Which file holds a product's findings changes with the files that name it; the configuration's, with all.
        depend(own === undefined ? FactKeys.products : FactKeys.product(own));
        const product = own ?? (this.hasUnnamedProduct() ? undefined : null);
        const anchor = product === null ? undefined : this.anchorOf(product);
        return anchor?.uri === uri ? [anchor] : [];
      },
      baselineOf: (product) => {
        depend(FactKeys.baseline);
        depend(FactKeys.products);
        const uris = this.products().get(product) ?? [];
        return this.baselineOfFiles(uris, (id) => depend(FactKeys.template(id)), { answers: false });
      },
      useCasesUsing: (vendorId) => {
        depend(FactKeys.uses(vendorId));
        return this.usersByVendorId.get(vendorId) ?? [];
      },
      useCasesBuiltBy: (backlogId) => {
        depend(FactKeys.builds(backlogId));
        const builders = this.buildersByBacklogId.get(backlogId) ?? [];
        // The rule points at the builders' open abuse cases: it reads where they are.
        for (const builder of builders) depend(FactKeys.layout(builder.uri));
        return builders;
      },
    };
    for (const finding of parsed.fileFindings) {
      const configured = configuredSeverity(this.projectConfig, finding.code);
      if (configured !== 'off') diagnostics.push(configured ? { ...finding, severity: configured } : finding);
    }
    // After an edit, the per-entry rules check the entries it replaced; the file's other lists are left out.
    const replacedOnly = carried && { ...parsed.model, ...carried.replaced };
    for (const rule of RULES) {
      const configured = configuredSeverity(this.projectConfig, rule.code);
      if (rule.scope !== 'workspace' || configured === 'off') continue;
      inPerEntryRule = rule.perEntry === true;
      const context: WorkspaceRuleContext = {
        uri: parsed.uri,
        model: (inPerEntryRule && replacedOnly) || parsed.model,
        definitions: parsed.definitions,
        workspace: view,
        dataClasses: this.dataClasses,
        today,
        securityCapacityTarget: this.securityCapacityTarget,
        capabilities: this.capabilities,
        // The configuration overrides even a rule's per-finding severity (cia-uncovered's high vs medium), unless the
        // finding's severity is the configuration's too (a capability's).
        report: ({ configured: own, ...finding }) => {
          const diagnostic: EngineDiagnostic = {
            code: rule.code,
            ...finding,
            severity: (own && finding.severity) || (configured ?? finding.severity ?? rule.severity),
          };
          diagnostics.push(diagnostic);
          if (rule.perEntry) perEntry.findings.push(diagnostic);
        },
      };
      guarded(rule.code, parsed.uri, this.onRuleError, () => rule.check(context));
    }
    inPerEntryRule = false;
    if (carried) {
      for (const finding of carried.findings) {
        diagnostics.push(finding);
        perEntry.findings.push(finding);
      }
      for (const key of carried.dependencies) {
        dependencies.add(key);
        perEntry.dependencies.add(key);
      }
    }
    diagnostics.sort(byPlace);
    return { ...this.suppress(parsed, withoutRepeats(diagnostics)), dependencies, today, perEntry };
  }

  /**
   * Applies a file's directives to its findings, all rules' at once, then runs the rules about the directives
   * themselves (their findings are never suppressed). A file without directives costs nothing here.
   */
  private suppress(
    parsed: ParsedFile,
    findings: EngineDiagnostic[],
  ): { diagnostics: EngineDiagnostic[]; suppressed: SuppressedFinding<EngineDiagnostic>[] } {
    if (parsed.directives.length === 0) return { diagnostics: findings, suppressed: [] };
    const { kept, suppressed, used } = applySuppressions(findings, parsed.directives);
    for (const rule of RULES) {
      const configured = configuredSeverity(this.projectConfig, rule.code);
      if (rule.scope !== 'suppression' || configured === 'off') continue;
      const report: Report = ({ configured: _own, ...finding }) =>
        kept.push({ code: rule.code, ...finding, severity: configured ?? finding.severity ?? rule.severity });
      const context = { uri: parsed.uri, directives: parsed.directives, ruleCodes: RULE_CODES, used, report };
      guarded(rule.code, parsed.uri, this.onRuleError, () => rule.check(context));
    }
    return { diagnostics: kept.sort(byPlace), suppressed };
  }

  private invalidateDependants(uri: string, changed: Set<FactKey>): string[] {
    const affected = [uri];
    const own = this.files.get(uri);
    if (own) delete own.analysis;
    if (changed.size === 0) return affected;
    const stale = new Set<string>();
    for (const key of changed)
      for (const otherUri of this.dependents.of(key)) {
        const entry = this.files.get(otherUri);
        // Findings carried over read this fact (this file's edit or another's changed it): every entry is checked.
        if (entry?.carried?.dependencies.has(key)) delete entry.carried;
        const analysis = entry?.analysis;
        if (!analysis?.dependencies.has(key)) this.dependents.remove(key, otherUri);
        else if (otherUri !== uri) stale.add(otherUri);
      }
    if (stale.size === 0) return affected;
    // In the order of the files, as the editor is told of them.
    for (const [otherUri, entry] of this.files)
      if (stale.has(otherUri)) {
        delete entry.analysis;
        affected.push(otherUri);
      }
    return affected;
  }

  /** The use cases a backlog item builds, across the workspace (by file, then position). */
  useCasesBuiltBy(backlogId: string): readonly Builder[] {
    return this.buildersByBacklogId.get(backlogId) ?? [];
  }

  /** The mitigations a backlog item builds, with the abuse case each answers, across the workspace. */
  mitigationsBuiltBy(backlogId: string): readonly MitigationBuilder[] {
    return this.mitigationsByBacklogId.get(backlogId) ?? [];
  }

  /** The definitions of one id in a namespace (backlog items, use cases and abuse cases by default), from the index. */
  definitionsOf(id: string, namespace: Namespace = 'ids'): readonly Definition[] {
    return this.definitionsById.get(indexKey(namespace, id)) ?? [];
  }

  /** Builds ahead where every id is written, for at most `budgetMs`; true once it is all built. */
  prepareOccurrences(budgetMs: number): boolean {
    return this.occurrences.prepare(budgetMs);
  }

  /** The configuration files of the workspace (where data classes and team capabilities are defined). */
  configUris(): string[] {
    return [...this.files.keys()].filter(isConfigFile);
  }

  /** Every place an id of a kind is written, defined or referenced, across the workspace: by file, then position. */
  occurrencesOf(kind: IdKind, id: string): Occurrence[] {
    return [...this.occurrences.occurrencesOf(kind, id)].sort((a, b) =>
      a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start - b.range.start,
    );
  }

  /** The use cases that name a vendor, across the workspace (by file, then position). */
  useCasesUsing(vendorId: string): readonly Builder[] {
    return this.usersByVendorId.get(vendorId) ?? [];
  }

  /** Every definition of a kind across the workspace, e.g. all backlog items for completion. */
  definitionsOfKind(kind: Definition['kind']): Definition[] {
    return [...this.definitionsById.values()].flatMap((definitions) => definitions.filter((d) => d.kind === kind));
  }

  /** Today as the workspace sees it (YYYY-MM-DD). */
  get todayDate(): string {
    return this.today();
  }

  /**
   * The catalog as the workspace sees it: built-in templates, overridden or extended by team catalogs. Kept until a
   * file that writes templates changes (few do): finding the team templates walks every id of the workspace.
   */
  catalog(): readonly Template[] {
    if (this.catalogTemplates) return this.catalogTemplates;
    const byId = new Map(BUILT_IN_TEMPLATES.map((template) => [template.id, template]));
    for (const [key, definitions] of this.definitionsById) {
      if (!isTemplateIndexKey(key)) continue;
      const team = this.teamTemplateOf(definitions);
      if (team) byId.set(team.id, team);
    }
    return (this.catalogTemplates = Object.freeze([...byId.values()]));
  }

  templateOf(id: string): Template | undefined {
    return this.teamTemplateOf(this.definitionsById.get(indexKey('templates', id)) ?? []) ?? BUILT_IN_BY_ID.get(id);
  }

  private teamTemplateOf(definitions: readonly Definition[]): Template | undefined {
    for (const definition of definitions) {
      const written = this.files
        .get(definition.uri)
        ?.parsed.model.templates.find((candidate) => candidate.id?.range.start === definition.range.start);
      if (written?.template) return { ...written.template, origin: { uri: definition.uri, range: definition.range } };
    }
    return undefined;
  }

  private index(parsed: ParsedFile): void {
    for (const definition of parsed.definitions) {
      pushSorted(this.definitionsById, definitionKey(definition), definition);
    }
    for (const useCase of parsed.model.useCases) {
      for (const backlogId of new Set(useCase.backlog.map((ref) => ref.value))) {
        pushSorted(this.buildersByBacklogId, backlogId, { uri: parsed.uri, useCase });
      }
      for (const vendorId of new Set(useCase.vendors.map((ref) => ref.value))) {
        pushSorted(this.usersByVendorId, vendorId, { uri: parsed.uri, useCase });
      }
      for (const abuseCase of useCase.abuseCases) {
        for (const mitigation of abuseCase.mitigations) {
          for (const backlogId of new Set(mitigation.backlog.map((ref) => ref.value))) {
            pushSorted(this.mitigationsByBacklogId, backlogId, { uri: parsed.uri, useCase, abuseCase, mitigation });
          }
        }
      }
    }
    for (const item of parsed.model.backlog) {
      if (item.sprint !== undefined) pushSorted(this.itemsBySprint, item.sprint, { uri: parsed.uri, item });
    }
  }

  /**
   * Brings the indexes up to date after an edit, from what it changed: under each key that a removed or an added entry
   * files, the file's entries are filed again from its new model; under every other key they are the same objects
   * as before (a partial re-parse keeps them), and stay.
   */
  private reindex(parsed: ParsedFile, change: ModelChange): void {
    const { uri, model } = parsed;
    const { definitionKeys, backlogIds, mitigationIds, sprints, vendorIds } = keysOfChange(change);
    for (const key of definitionKeys)
      refile(
        this.definitionsById,
        key,
        uri,
        parsed.definitions.filter((d) => definitionKey(d) === key),
      );
    for (const backlogId of backlogIds)
      refile(
        this.buildersByBacklogId,
        backlogId,
        uri,
        model.useCases
          .filter((u) => u.backlog.some((ref) => ref.value === backlogId))
          .map((useCase) => ({ uri, useCase })),
      );
    for (const vendorId of vendorIds)
      refile(
        this.usersByVendorId,
        vendorId,
        uri,
        model.useCases
          .filter((u) => u.vendors.some((ref) => ref.value === vendorId))
          .map((useCase) => ({ uri, useCase })),
      );
    for (const backlogId of mitigationIds) {
      const builders: MitigationBuilder[] = [];
      for (const useCase of model.useCases)
        for (const abuseCase of useCase.abuseCases)
          for (const mitigation of abuseCase.mitigations)
            if (mitigation.backlog.some((ref) => ref.value === backlogId))
              builders.push({ uri, useCase, abuseCase, mitigation });
      refile(this.mitigationsByBacklogId, backlogId, uri, builders);
    }
    for (const sprint of sprints)
      refile(
        this.itemsBySprint,
        sprint,
        uri,
        model.backlog.filter((item) => item.sprint === sprint).map((item) => ({ uri, item })),
      );
  }

  /** Takes a file's entries out of the indexes, under the keys `index` filed them (so an edit costs the file, not the workspace). */
  private unindex(parsed: ParsedFile): void {
    const remove = <T extends { uri: string }>(index: Map<string, T[]>, keys: Iterable<string>) => {
      for (const key of new Set(keys)) {
        const entries = index.get(key);
        if (!entries) continue;
        const kept = entries.filter((entry) => entry.uri !== parsed.uri);
        if (kept.length === 0) index.delete(key);
        else if (kept.length !== entries.length) index.set(key, kept);
      }
    };
    const { useCases, backlog } = parsed.model;
    remove(this.definitionsById, parsed.definitions.map(definitionKey));
    remove(
      this.buildersByBacklogId,
      useCases.flatMap((useCase) => useCase.backlog.map((ref) => ref.value)),
    );
    remove(
      this.usersByVendorId,
      useCases.flatMap((useCase) => useCase.vendors.map((ref) => ref.value)),
    );
    remove(
      this.mitigationsByBacklogId,
      useCases.flatMap((u) =>
        u.abuseCases.flatMap((a) => a.mitigations.flatMap((m) => m.backlog.map((ref) => ref.value))),
      ),
    );
    remove(
      this.itemsBySprint,
      backlog.flatMap((item) => (item.sprint === undefined ? [] : [item.sprint])),
    );
  }
}

/** Findings in document order; at one place, by code. */
function byPlace(a: EngineDiagnostic, b: EngineDiagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code);
}

const RULE_CODES = RULES.map((rule) => rule.code);

const BUILT_IN_BY_ID = new Map(BUILT_IN_TEMPLATES.map((template) => [template.id, template]));

/** The day `localToday` last worked out, and the local midnights it runs between. */
let knownDay: { from: number; until: number; day: string } | undefined;

/**
 * The user's calendar day: an acceptance "until 2027-03-31" holds through that day where the user is. Asked for each
 * file a question reads, so the day is worked out once and kept until the next local midnight.
 */
function localToday(): string {
  const now = Date.now();
  if (knownDay && now >= knownDay.from && now < knownDay.until) return knownDay.day;
  const date = new Date(now);
  const pad = (n: number) => String(n).padStart(2, '0');
  knownDay = {
    from: new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime(),
    until: new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime(),
    day: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
  };
  return knownDay.day;
}

/**
 * The keys the entries an edit removed or added are filed under: their definitions (template ids in their own
 * namespace), the backlog items their use cases and mitigations name, their sprints, template ids and vendors named.
 */
function keysOfChange(change: ModelChange) {
  const definitionKeys = new Set<string>();
  const backlogIds = new Set<string>();
  const mitigationIds = new Set<string>();
  const sprints = new Set<string>();
  const templateIds = new Set<string>();
  const vendorIds = new Set<string>();
  for (const lists of [change.removed, change.added]) {
    for (const item of lists.backlog) {
      if (item.id) definitionKeys.add(item.id.value);
      if (item.sprint !== undefined) sprints.add(item.sprint);
    }
    for (const useCase of lists.useCases) {
      if (useCase.id) definitionKeys.add(useCase.id.value);
      for (const ref of useCase.backlog) backlogIds.add(ref.value);
      for (const ref of useCase.vendors) vendorIds.add(ref.value);
      for (const abuseCase of useCase.abuseCases) {
        if (abuseCase.id) definitionKeys.add(abuseCase.id.value);
        for (const mitigation of abuseCase.mitigations)
          for (const ref of mitigation.backlog) mitigationIds.add(ref.value);
      }
    }
    for (const template of lists.templates)
      if (template.id) {
        definitionKeys.add(indexKey('templates', template.id.value));
        templateIds.add(template.id.value);
      }
    for (const vendor of lists.vendors) if (vendor.id) definitionKeys.add(indexKey('vendors', vendor.id.value));
    for (const entry of lists.feedback) if (entry.id) definitionKeys.add(indexKey('feedback', entry.id.value));
  }
  return { definitionKeys, backlogIds, mitigationIds, sprints, templateIds, vendorIds };
}

/** Replaces one file's entries under a key (the others keep their places; the file's go where its uri sorts). */
function refile<T extends { uri: string }>(index: Map<string, T[]>, key: string, uri: string, fresh: T[]): void {
  const kept = (index.get(key) ?? []).filter((entry) => entry.uri !== uri);
  let at = kept.length;
  while (at > 0 && kept[at - 1].uri > uri) at--;
  kept.splice(at, 0, ...fresh);
  if (kept.length) index.set(key, kept);
  else index.delete(key);
}

function pushSorted<T extends { uri: string }>(index: Map<string, T[]>, key: string, entry: T): void {
  const entries = index.get(key);
  if (!entries) {
    index.set(key, [entry]);
    return;
  }
  // Stable order by uri keeps "the other definition" deterministic whatever the indexing order.
  let at = entries.length;
  while (at > 0 && entries[at - 1].uri > entry.uri) at--;
  entries.splice(at, 0, entry);
}

/**
 * The facts other files can depend on, each with a fingerprint of exactly what they read. Where things are is one
 * fact of the file (`layoutKey`), not one per id: an edit moves the offsets of everything after it, and only the
 * few files that point at this one's definitions (a duplicate id, a done item's open abuse cases) read them.
 */
/** What a file tells the others: a fingerprint by fact key. */
type Facts = Map<FactKey, string>;

function factsOf(parsed: ParsedFile, today: string, only?: ReadonlySet<FactKey>): Facts {
  const facts: Facts = new Map();
  // After an edit only a few keys are asked: a key that ends with an id none of them ends with is not made, nor is
  // its value (keys and values made and thrown away were most of what an edit of a large file allocated here).
  const tails = only && tailsOf(only);
  const wants = (id: string | undefined) => !tails || (id !== undefined && tails.has(id));
  const append = (key: FactKey, value: string) => {
    if (only && !only.has(key)) return;
    const before = facts.get(key);
    facts.set(key, before === undefined ? value : `${before}|${value}`);
  };
  const layout = new LayoutHash();
  for (const definition of parsed.definitions) {
    layout.add(definition.range);
    if (definition.kind === 'vendor') append(FactKeys.vendors, definition.id);
    if (definition.kind === 'feedback') append(FactKeys.feedback, definition.id);
    if (!wants(definition.id)) continue;
    // A vendor's fact is what use cases read of it: which data it receives.
    append(
      FactKeys.definitionOf(definition),
      definition.vendor
        ? `${definition.kind}:${definition.vendor.receives.map((ref) => ref.value).join(',')}`
        : definitionFact(definition.kind, definition.backlogItem?.status ?? ''),
    );
  }
  for (const written of parsed.model.templates) {
    if (!written.id) continue;
    if (wants(written.id.value)) append(FactKeys.template(written.id.value), JSON.stringify(written.template ?? null));
    append(FactKeys.allTemplates, written.id.value);
  }
  // The order of items, not their offsets, decides which is a sprint's first: moving text changes nothing here.
  for (const [index, item] of parsed.model.backlog.entries()) {
    if (item.sprint !== undefined && wants(item.sprint))
      append(FactKeys.sprint(item.sprint), `${item.id?.value}:${item.points}:${item.security}#${index}`);
  }
  for (const useCase of parsed.model.useCases) {
    for (const abuseCase of useCase.abuseCases)
      for (const mitigation of abuseCase.mitigations)
        for (const ref of mitigation.backlog) {
          if (!wants(ref.value)) continue;
          const key = FactKeys.mitigates(ref.value);
          if (!only || only.has(key)) facts.set(key, 'yes');
        }
    // What the vendor-data-undeclared check of a vendor reads of the use cases naming it: their data classes.
    for (const ref of useCase.vendors)
      if (wants(ref.value))
        append(FactKeys.uses(ref.value), `${useCase.id?.value}:${useCase.data.map((d) => d.value).join(',')}`);
    if (useCase.backlog.length === 0) continue;
    const open = useCase.abuseCases.filter((abuseCase) => !isRiskClosed(abuseCase, today));
    for (const abuseCase of open) layout.add(abuseCase.anchor);
    if (!useCase.backlog.some((ref) => wants(ref.value))) continue;
    const openIds = open.map((abuseCase) => abuseCase.id?.value).join(',');
    for (const ref of useCase.backlog)
      if (wants(ref.value)) append(FactKeys.builds(ref.value), `${useCase.id?.value}:${openIds}`);
  }
  facts.set(FactKeys.layout(parsed.uri), layout.value());
  const product = parsed.model.product?.value;
  if (product !== undefined && wants(product)) append(FactKeys.product(product), 'yes');
  if (parsed.rootShape === USE_CASE_FILE) append(FactKeys.products, product ?? '');
  else if (isConfigFile(parsed.uri)) append(FactKeys.products, '\u0000configuration');
  return facts;
}

/**
 * The fact of a definition other than a vendor's: its kind, and a backlog item's status. A few values shared by
 * every definition of a large workspace (a string each would be about 4 MB over 500 files).
 */
const DEFINITION_FACTS = new Map<string, Map<string, string>>();
function definitionFact(kind: string, status: string): string {
  let byStatus = DEFINITION_FACTS.get(kind);
  if (!byStatus) DEFINITION_FACTS.set(kind, (byStatus = new Map()));
  let fact = byStatus.get(status);
  if (fact === undefined) byStatus.set(status, (fact = `${kind}:${status}`));
  return fact;
}

/** Every part of the keys that follows a `:`: each key that ends with an id has that id among them. */
function tailsOf(keys: ReadonlySet<FactKey>): Set<string> {
  const tails = new Set<string>();
  for (const key of keys)
    for (let at = key.indexOf(':'); at >= 0; at = key.indexOf(':', at + 1)) tails.add(key.slice(at + 1));
  return tails;
}

/** A 64-bit fingerprint (two 32-bit FNV-style hashes) of a sequence of ranges: cheap to build, never a string per range. */
class LayoutHash {
  private low = 0x811c9dc5;
  private high = 0x01000193;
  add({ start, end }: OffsetRange): void {
    this.low = Math.imul(this.low ^ start, 0x01000193) ^ end;
    this.high = Math.imul(this.high ^ end, 0x5bd1e995) ^ start;
  }
  value(): string {
    return `${this.low >>> 0}:${this.high >>> 0}`;
  }
}

function changedKeys(before: Facts, after: Facts): Set<FactKey> {
  const changed = new Set<FactKey>();
  for (const [key, value] of before) if (after.get(key) !== value) changed.add(key);
  for (const key of after.keys()) if (!before.has(key)) changed.add(key);
  return changed;
}

/**
 * The files that read each key. Most keys are read by one file (its own ids, sprints, layout): that file is kept as
 * its uri, and a set is made for a key that a second file reads (a set per key would take about 15 MB in a
 * 500-file workspace).
 */
class Readers {
  private readonly byKey = new Map<FactKey, string | Set<string>>();

  add(key: FactKey, uri: string): void {
    const readers = this.byKey.get(key);
    if (readers === undefined) this.byKey.set(key, uri);
    else if (typeof readers === 'string') {
      if (readers !== uri) this.byKey.set(key, new Set([readers, uri]));
    } else readers.add(uri);
  }

  /** The files that read a key (a copy: the caller may remove some meanwhile). */
  of(key: FactKey): string[] {
    const readers = this.byKey.get(key);
    return readers === undefined ? [] : typeof readers === 'string' ? [readers] : [...readers];
  }

  remove(key: FactKey, uri: string): void {
    const readers = this.byKey.get(key);
    if (readers === uri) this.byKey.delete(key);
    else if (typeof readers === 'object') {
      readers.delete(uri);
      if (readers.size === 0) this.byKey.delete(key);
    }
  }
}
