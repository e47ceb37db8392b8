/**
 * Seeded workloads for the benchmark: realistic `*.usecase.yaml` files that
 * look like what a product team writes (backlog items with sprints and points,
 * use cases with data classes and steps, abuse cases from the threat catalog
 * with mitigations tied to backlog items), with a handful of deliberate findings.
 *
 * Same seed, same text: the benchmark's figures must be comparable run to run.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import builtInCatalog from '../server/catalog/threats.json';
import { BUILT_IN_DATA_CLASSES } from '../server/src/engine/dataClasses';

type Dimension = 'confidentiality' | 'integrity' | 'availability';

interface CatalogTemplate {
  id: string;
  title: string;
  intent: string;
  actor: string;
  threatens: Dimension[];
  data: string[];
  likelihood?: string;
  impact?: string;
  mitigations: { title: string; controls: string[] }[];
}

const TEMPLATES = builtInCatalog.templates as CatalogTemplate[];
const DIMENSIONS: readonly Dimension[] = ['confidentiality', 'integrity', 'availability'];

/** mulberry32: tiny, fast and good enough to shuffle a benchmark; not for anything secret. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

export interface UseCaseFileOptions {
  useCases: number;
  abuseCasesPerUseCase: number;
  /** Makes every id of the file unique across a workspace, e.g. `F012`. */
  prefix?: string;
  /** Backlog ids defined in other files that some mitigations may reference, as a real workspace does. */
  externalBacklogIds?: readonly string[];
  /** A backlog item every file's first mitigation names: an id used across the whole workspace, for references. */
  sharedBacklogId?: string;
}

export interface WorkspaceOptions {
  files: number;
  useCasesPerFile: number;
  abuseCasesPerUseCase?: number;
  seed: number;
}

export interface WrittenWorkspace {
  paths: string[];
  bytes: number;
  lines: number;
}

// --- Vocabulary: enough variety that neighbouring titles differ and the parser sees varied text. ---------

const ACTORS = [
  'Product manager',
  'Workspace owner',
  'Workspace admin',
  'Team member',
  'Guest reviewer',
  'Billing contact',
  'Support agent',
  'Customer success manager',
  'Finance clerk',
  'External auditor',
  'Integration developer',
  'Sales representative',
  'Engineering lead',
  'Data protection officer',
  'New member during onboarding',
];

const VERBS = [
  'Export',
  'Import',
  'Share',
  'Archive',
  'Restore',
  'Review',
  'Approve',
  'Schedule',
  'Publish',
  'Comment on',
  'Duplicate',
  'Merge',
  'Tag',
  'Search',
  'Download',
  'Upload',
  'Subscribe to',
  'Reassign',
  'Prioritise',
  'Annotate',
];

const OBJECTS = [
  'the quarterly roadmap',
  'a customer invoice',
  'the release plan',
  'an initiative brief',
  'the team calendar',
  'a feature request',
  'the audit report',
  'a workspace template',
  'the pricing table',
  'a usage dashboard',
  'the sprint board',
  'an API token list',
  'a partner contract',
  'the incident timeline',
  'a survey result',
  'the member directory',
  'a product announcement',
  'the budget forecast',
  'a support ticket',
  'the data retention policy',
];

const QUALIFIERS = [
  'as a CSV file',
  'with a stakeholder outside the company',
  'from the mobile app',
  'in bulk',
  'on a schedule',
  'through the public API',
  'with an expiry date',
  'for a single team',
  'before the monthly review',
  'across two workspaces',
  'from an e-mail notification',
  'while offline',
  'with a comment for the reviewer',
  'from a saved filter',
  'after a migration',
  'for the board meeting',
];

const STEP_TEMPLATES = [
  (object: string) => `Open ${object} from the sidebar.`,
  (object: string) => `Roadmaps shows a preview of ${object}.`,
  () => 'Confirm; Roadmaps records who did it and when.',
  () => 'Roadmaps sends an e-mail with a link to the result.',
  () => 'Check the result and close the dialog.',
];

const SPRINTS = Array.from({ length: 12 }, (_, index) => `Sprint ${40 + index}`);

// Data-class combinations a team would pick; the CIA levels they require decide which abuse cases are needed.
const DATA_SETS = [
  ['customer-content'],
  ['pii'],
  ['pii', 'audit-log'],
  ['financial'],
  ['payment', 'pii'],
  ['credentials'],
  ['internal'],
  ['customer-content', 'telemetry'],
  ['health', 'pii'],
  ['public'],
  ['audit-log'],
  ['telemetry'],
];

const REQUIRED_BY_CLASS = new Map(BUILT_IN_DATA_CLASSES.map((dataClass) => [dataClass.name, dataClass.requires]));
const TEMPLATES_BY_DIMENSION = new Map(
  DIMENSIONS.map((dimension) => [dimension, TEMPLATES.filter((template) => template.threatens.includes(dimension))]),
);

/** The templates of a pool about the use case's data, as an author picks them (the whole pool if none is). */
function aboutData(pool: readonly CatalogTemplate[], dataClasses: readonly string[]): readonly CatalogTemplate[] {
  const fitting = pool.filter((template) => template.data.some((name) => dataClasses.includes(name)));
  return fitting.length > 0 ? fitting : pool;
}

/** Whether a use case's data requires high confidentiality or integrity: it then has an unwitting abuse case. */
function needsUnwittingCase(dataClasses: readonly string[]): boolean {
  return dataClasses.some((name) => {
    const levels = REQUIRED_BY_CLASS.get(name);
    return levels?.confidentiality === 'high' || levels?.integrity === 'high';
  });
}

/** The dimensions a use case must have abuse cases for: the ones its data requires at medium or high. */
function requiredDimensions(dataClasses: readonly string[]): Dimension[] {
  return DIMENSIONS.filter((dimension) =>
    dataClasses.some((name) => {
      const level = REQUIRED_BY_CLASS.get(name)?.[dimension];
      return level === 'medium' || level === 'high';
    }),
  );
}

/** Teams write shorter titles than the catalog's sentences: keep the first clause of a long one. */
function firstClause(sentence: string): string {
  const cut = sentence.slice(32).search(/[,;(]| - | and | so | before | because | when | instead /);
  return cut < 0 ? sentence : sentence.slice(0, 32 + cut).trim();
}

/** YAML needs quotes around `: ` and ` #`; the catalog's sentences may hold either. */
function scalar(text: string): string {
  return /: | #|^[[\]{},&*!|>'"%@`-]/.test(text) ? JSON.stringify(text) : text;
}

const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/**
 * One use-case file: its backlog first (a feature story per use case, a
 * security item per two, an epic per 25), then the use cases.
 */
export function generateUseCaseFile(seed: number, options: UseCaseFileOptions): string {
  // Feature ids run from 2000 and security ids from 5000: more use cases would make them collide.
  if (options.useCases > 3000) throw new Error('at most 3000 use cases per file');
  const random = new Random(seed);
  const prefix = options.prefix ?? 'BN';
  const external = options.externalBacklogIds ?? [];
  const featureId = (useCase: number) => `${prefix}-${2000 + useCase}`;
  const epicId = (useCase: number) => `${prefix}-${1000 + Math.floor(useCase / 25)}`;

  const backlog: string[] = [];
  const useCases: string[] = [];

  for (let index = 0; index < options.useCases; index++) {
    const actor = random.pick(ACTORS);
    const object = random.pick(OBJECTS);
    const title = `${random.pick(VERBS)} ${object} ${random.pick(QUALIFIERS)}`;
    const featureStatus = random.pick(['done', 'in-progress', 'todo', 'todo'] as const);
    // Two use cases share one security item, as a team plans one hardening story for neighbouring features.
    const securityId = securityItemId(prefix, Math.floor(index / 2));

    if (index % 25 === 0) {
      backlog.push(
        `  - id: ${epicId(index)}`,
        `    title: ${scalar(`${random.pick(VERBS)} and govern ${random.pick(OBJECTS)}`)}`,
        '    type: epic',
        '    status: in-progress',
      );
    }
    const sprint = random.pick(SPRINTS);
    backlog.push(
      `  - id: ${featureId(index)}`,
      `    title: ${scalar(title)}`,
      `    status: ${featureStatus}`,
      `    sprint: ${sprint}`,
      `    points: ${random.pick([1, 2, 3, 5, 8, 13])}`,
      // A fifth of the features name their release (sprints 40-45 ship in 2026.4, the later ones in 2027.1), a tenth
      // where they came from: enough for the release grouping, and the big file keeps its calibrated size.
      ...(index % 5 === 0
        ? [`    release: "${Number(sprint.slice('Sprint '.length)) <= 45 ? '2026.4' : '2027.1'}"`]
        : []),
      ...(index % 10 === 0
        ? ['    source:', `      kind: ${index % 20 ? 'feedback' : 'research'}`, `      ref: T-${index}`]
        : []),
    );
    if (random.chance(0.25)) backlog.push(`    parent: ${epicId(index)}`);

    const dataClasses = random.pick(DATA_SETS);
    // About one use case in 40 leaves its first required dimension uncovered: a cia-uncovered finding, as real files have.
    const leftUncovered = random.chance(1 / 40) ? requiredDimensions(dataClasses)[0] : undefined;
    const unratedAbuseCase = random.chance(1 / 50) ? options.abuseCasesPerUseCase - 1 : -1;
    const misnamedKeyAbuseCase = random.chance(1 / 60) ? 0 : -1;
    const required = requiredDimensions(dataClasses).filter((dimension) => dimension !== leftUncovered);
    const chosen: CatalogTemplate[] = [];
    // Where the data must stay confidential or correct, the last abuse case is a legitimate user's mistake.
    const unwittingAt =
      needsUnwittingCase(dataClasses) && options.abuseCasesPerUseCase > 0 ? options.abuseCasesPerUseCase - 1 : -1;
    for (let abuse = 0; abuse < options.abuseCasesPerUseCase; abuse++) {
      const dimension = required[abuse];
      let pool = dimension ? TEMPLATES_BY_DIMENSION.get(dimension)! : TEMPLATES;
      if (abuse === unwittingAt) {
        const unwitting = pool.filter((template) => template.intent === 'unwitting');
        if (unwitting.length > 0) pool = unwitting;
      }
      chosen.push(random.pick(aboutData(pool, dataClasses)));
    }

    if (index % 2 === 0) {
      const hardening = firstClause((chosen[0] ?? random.pick(TEMPLATES)).mitigations[0]?.title ?? `Harden ${object}`);
      backlog.push(`  - id: ${securityId}`, `    title: ${scalar(hardening)}`);
      if (random.chance(0.5)) backlog.push('    type: task');
      backlog.push(
        `    status: ${random.pick(['todo', 'in-progress', 'done'] as const)}`,
        `    sprint: ${random.pick(SPRINTS)}`,
        `    points: ${random.pick([1, 2, 3, 5, 8])}`,
        '    security: true',
      );
    }

    const steps = [0, 1].map((step) => STEP_TEMPLATES[(index + step) % STEP_TEMPLATES.length](object));
    useCases.push(
      `  - id: UC-${prefix}-${pad(index + 1)}`,
      `    title: ${scalar(title)}`,
      `    actor: ${actor}`,
      `    backlog: [${featureId(index)}]`,
      `    data: [${dataClasses.join(', ')}]`,
      '    steps:',
      ...steps.map((step) => `      - ${scalar(step)}`),
      '    abuse_cases:',
    );

    chosen.forEach((template, abuse) => {
      // A mitigation in a workspace sometimes points at a neighbouring file's item: references cross files.
      const drawn = external.length > 0 && random.chance(0.1) ? random.pick(external) : securityId;
      const mitigationBacklog = index === 0 && abuse === 0 && options.sharedBacklogId ? options.sharedBacklogId : drawn;
      const kept = template.threatens.filter((dimension) => dimension !== leftUncovered);
      const threatens =
        kept.length > 0 ? kept : DIMENSIONS.filter((dimension) => dimension !== leftUncovered).slice(0, 1);
      const lines = [
        `      - id: AB-${prefix}-${pad(index + 1)}-${abuse + 1}`,
        `        title: ${scalar(firstClause(template.title))}`,
      ];
      if (random.chance(0.15)) lines.push(`        actor: ${scalar(template.actor)}`);
      // `malicious` is the default, which people leave out; an unwitting abuse case says so.
      if (template.intent === 'unwitting' || random.chance(0.1)) lines.push(`        intent: ${template.intent}`);
      lines.push(`        threatens: [${threatens.join(', ')}]`);
      if (random.chance(0.4)) lines.push(`        template: ${template.id}`);
      // An unrated abuse case is an unrated-risk hint.
      if (abuse !== unratedAbuseCase) {
        lines.push(
          `        likelihood: ${template.likelihood ?? 'possible'}`,
          `        impact: ${template.impact ?? 'moderate'}`,
        );
      }
      // A misnamed key: an unknown-key warning here, a schema error for the peer.
      if (abuse === misnamedKeyAbuseCase) lines.push('        note: Raised in the threat-modelling workshop');
      const mitigation = random.pick(template.mitigations);
      // A shipped feature mostly has its mitigations built; the rest is a done-with-open-risk finding.
      const status =
        featureStatus === 'done' && random.chance(0.95)
          ? random.pick(['implemented', 'verified'] as const)
          : random.pick(['proposed', 'planned', 'planned', 'implemented', 'verified'] as const);
      lines.push(
        '        mitigations:',
        `          - title: ${scalar(firstClause(mitigation.title))}`,
        `            backlog: [${mitigationBacklog}]`,
      );
      // `proposed` is the default: people leave it out.
      if (status !== 'proposed') lines.push(`            status: ${status}`);
      if (random.chance(0.15) && mitigation.controls.length > 0)
        lines.push(`            controls: [${mitigation.controls.join(', ')}]`);
      useCases.push(...lines);
    });
    useCases.push('');
  }

  return [
    `# Generated by bench/generate.ts (seed ${seed}): ${options.useCases} use cases x ${options.abuseCasesPerUseCase} abuse cases.`,
    // One product across the files, as a team writes it: the baseline is the product's, its findings on the first file.
    'product: Roadmaps',
    '',
    'backlog:',
    ...backlog,
    'use_cases:',
    ...useCases,
  ].join('\n');
}

/** The id of the security item that use cases 2n and 2n+1 of a file share. */
export function securityItemId(prefix: string, pair: number): string {
  return `${prefix}-${5000 + pair}`;
}

/** The prefix of the n-th workspace file: ids are unique across the workspace because every one carries it. */
export function filePrefix(index: number): string {
  return `F${pad(index, 3)}`;
}

/** Writes `files` use-case files into `folder` (created if needed); neighbouring files reference each other's items. */
export async function writeWorkspace(folder: string, options: WorkspaceOptions): Promise<WrittenWorkspace> {
  await fs.mkdir(folder, { recursive: true });
  const written: WrittenWorkspace = { paths: [], bytes: 0, lines: 0 };
  for (let index = 0; index < options.files; index++) {
    const previous = filePrefix((index + options.files - 1) % options.files);
    const externalBacklogIds = options.files > 1 ? [securityItemId(previous, 0), securityItemId(previous, 1)] : [];
    const text = generateUseCaseFile(options.seed + index, {
      useCases: options.useCasesPerFile,
      abuseCasesPerUseCase: options.abuseCasesPerUseCase ?? 4,
      prefix: filePrefix(index),
      externalBacklogIds,
      // The first file's first security item, named in every file (its own first mitigation names it anyway).
      sharedBacklogId: securityItemId(filePrefix(0), 0),
    });
    const filePath = path.join(folder, `${filePrefix(index).toLowerCase()}.usecase.yaml`);
    await fs.writeFile(filePath, text);
    written.paths.push(filePath);
    written.bytes += Buffer.byteLength(text);
    written.lines += lineCount(text);
  }
  return written;
}

export function lineCount(text: string): number {
  return text.length === 0 ? 0 : text.split('\n').length;
}
