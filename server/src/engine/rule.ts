import type { BaselineCapability } from './baseline';
import type { CapabilityState } from './baselineState';
import type { Template } from './catalog';
import { DataClass } from './dataClasses';
import { BacklogItem, Feedback, FileModel, UseCase, Vendor } from './model';
import type { SuppressionDirective } from './suppressions';
import { OffsetRange } from './text';
import { YamlTree } from './yamlTree';

export type { Severity } from './format';
import type { Severity } from './format';

export interface RelatedLocation {
  uri: string;
  range: OffsetRange;
  message: string;
}

/** A finding in engine terms: offsets into one document; converted to LSP or CLI positions at the edge. */
export interface EngineDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: OffsetRange;
  related?: RelatedLocation[];
  /** What a quick fix needs (a suggestion, a dimension...), carried to the client untouched. */
  data?: Record<string, unknown>;
}

export type DefinitionKind = 'backlog item' | 'use case' | 'abuse case' | 'template' | 'vendor' | 'feedback';

/**
 * Where an id must be unique: backlog items, use cases and abuse cases share one namespace; templates, vendors
 * and feedback each have their own (`stripe` the vendor is not `stripe` a backlog item).
 */
export type Namespace = 'ids' | 'templates' | 'vendors' | 'feedback';

export function namespaceOf(kind: DefinitionKind): Namespace {
  return kind === 'template' ? 'templates' : kind === 'vendor' ? 'vendors' : kind === 'feedback' ? 'feedback' : 'ids';
}

export interface Definition {
  uri: string;
  id: string;
  kind: DefinitionKind;
  /** The id's value node. */
  range: OffsetRange;
  backlogItem?: BacklogItem;
  vendor?: Vendor;
  feedback?: Feedback;
}

/** The cross-file facts a rule may ask for; every question is recorded so that edits re-check exactly the dependants. */
export interface WorkspaceView {
  /**
   * The definitions of an id in a namespace (`ids` by default: backlog items, use cases and abuse cases). Ask
   * `withLocations` only when the definitions' ranges are used: moving text then re-checks the asker.
   */
  definitionsOf(id: string, options?: { withLocations?: boolean; namespace?: Namespace }): readonly Definition[];
  /** Every vendor id of the workspace, for suggestions. */
  vendorIds(): string[];
  /** Every feedback id of the workspace: whether the team keeps its feedback here, and suggestions. */
  feedbackIds(): string[];
  /** The template an abuse case's `template:` names: a team template, else the built-in one. */
  templateOf(id: string): Template | undefined;
  /** Every template id of the catalog, for suggestions. */
  templateIds(): string[];
  /** The backlog items planned in a sprint, across the workspace, in a stable order (by file, then position). */
  sprintItems(sprint: string): readonly { uri: string; item: BacklogItem }[];
  /** Whether some mitigation names this backlog item: it is security work even without `security: true`. */
  buildsAMitigation(backlogId: string): boolean;
  useCasesBuiltBy(backlogId: string): readonly { uri: string; useCase: UseCase }[];
  /** The use cases that name a vendor in their `vendors:`, across the workspace (by file, then position). */
  useCasesUsing(vendorId: string): readonly { uri: string; useCase: UseCase }[];
  /** The products whose baseline findings go in this file (on its `product:` line, or the configuration's first key). */
  baselineAnchoredIn(uri: string): readonly BaselineAnchor[];
  /** Where a product stands on each capability of the baseline. */
  baselineOf(product: BaselineAnchor['product']): readonly CapabilityState[];
}

/**
 * A product as the baseline sees it: the files with its `product:` line (and those without one, when the workspace
 * names a single product); `product` is undefined for the files of a workspace that names none, or several.
 */
export interface BaselineAnchor {
  product: string | undefined;
  /** What messages call it: its name, or "This workspace". */
  name: string;
  uri: string;
  range: OffsetRange;
}

/** How a rule reports a finding; the severity defaults to the rule's own (the configuration may override both). */
export type Report = (finding: {
  range: OffsetRange;
  message: string;
  severity?: Severity;
  /** The severity is the configuration's own word for this finding (a capability's): `rules:` does not override it. */
  configured?: boolean;
  related?: RelatedLocation[];
  data?: Record<string, unknown>;
}) => void;

/** Why a file's content was not read (the tools read it as empty): the `file-not-read` rule reports it. */
export interface NotRead {
  message: string;
  severity: Severity;
}

/** Why the host left one of the configuration's `catalogs:` entries unread: the `catalog-not-read` rule reports it. */
export type UnreadCatalogReason = 'glob-from-root' | 'glob-from-home' | 'restricted-mode' | 'too-many' | 'timed-out';

/** How far the host follows one `catalogs:` glob: at most this many catalogs, for at most this long. */
export const CATALOG_SCAN_LIMITS = { files: 500, seconds: 10 } as const;

export interface UnreadCatalog {
  /** The entry as the configuration writes it. */
  entry: string;
  why: UnreadCatalogReason;
}

/** What the host (the CLI or the server) knows about a file that its text does not say. */
export interface HostFacts {
  notRead?: NotRead;
  unreadCatalogs?: readonly UnreadCatalog[];
}

/** What a file rule sees: one document's text, tree and model, nothing of the workspace. */
export interface FileRuleContext extends HostFacts {
  uri: string;
  text: string;
  tree: YamlTree;
  model: FileModel;
  report: Report;
}

/** What a workspace rule sees: one document's model and ids, and the cross-file facts it asks for; no YAML tree. */
export interface WorkspaceRuleContext {
  uri: string;
  model: FileModel;
  /** The ids this file defines. */
  definitions: readonly Definition[];
  workspace: WorkspaceView;
  dataClasses: ReadonlyMap<string, DataClass>;
  /** YYYY-MM-DD, so that acceptances expire deterministically in tests. */
  today: string;
  /** The share of each sprint's points that should go to security work (0 to 1). */
  securityCapacityTarget: number;
  /** The capabilities of the baseline, built-in and the team's, as the configuration sets them. */
  capabilities: readonly BaselineCapability[];
  report: Report;
}

/**
 * What a rule about suppression comments sees: a file's directives and what they suppressed. It runs after every
 * other rule of the file, and its findings are never suppressed.
 */
export interface SuppressionRuleContext {
  uri: string;
  directives: readonly SuppressionDirective[];
  /** Every rule's code, to tell a misspelt one. */
  ruleCodes: readonly string[];
  /** The codes each directive suppressed findings of ('' for a directive that names no rule). */
  used: ReadonlyMap<SuppressionDirective, ReadonlySet<string>>;
  report: Report;
}

export interface RuleDocs {
  /** Why the rule exists, for the rule's page. */
  rationale: string;
  /** A file that triggers the rule. */
  bad: string;
  /** The same file, fixed. */
  good: string;
  /** For a rule about how a file was read rather than what it says: what the host knew of the bad example. */
  host?: HostFacts;
}

interface RuleMeta {
  code: string;
  severity: Severity;
  description: string;
  docs: RuleDocs;
}

/**
 * A rule checks one document, either on its own (`scope: 'file'`: the structure, with the YAML tree)
 * or against the workspace (`scope: 'workspace'`: references and security, with the model only), or
 * checks its suppression comments once all other findings are known (`scope: 'suppression'`).
 * File rules run once per parse, so that the tree of a file no editor has open can go right away.
 */
export type Rule =
  | (RuleMeta & { scope: 'file'; check(context: FileRuleContext): void })
  | (RuleMeta & {
      scope: 'workspace';
      /**
       * Each finding is about one entry of the file (a backlog item, use case, template, vendor or feedback), lies
       * inside it, and follows from that entry, the workspace's facts it asks for and the configuration alone. After
       * an edit the rule checks the entries the edit replaced; its findings about the others carry over while none of
       * the facts it read changed (Workspace.analyze).
       */
      perEntry?: true;
      check(context: WorkspaceRuleContext): void;
    })
  | (RuleMeta & { scope: 'suppression'; check(context: SuppressionRuleContext): void });

/** The project's documentation as the repository shows it. */
export const REPOSITORY_DOCS_URL = 'https://github.com/abuse-cases/abuse-cases/blob/main/docs/';

export const DOCS_BASE_URL = `${REPOSITORY_DOCS_URL}rules/`;

export function docsUrlOf(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
