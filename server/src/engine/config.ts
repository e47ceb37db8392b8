import {
  Applicability,
  BaselineCapability,
  BaselineConfig,
  BUILT_IN_CAPABILITIES,
  CAPABILITY_ID,
  EMPTY_BASELINE_CONFIG,
} from './baseline';
import { DataClass } from './dataClasses';
import {
  CATALOG_FILE,
  CATALOG_FILE_SUFFIX,
  DIMENSIONS,
  LAWFUL_BASES,
  Level,
  LEVELS,
  Shape,
  SOURCE_KINDS,
  SourceKind,
  USE_CASE_FILE,
  ValueType,
} from './format';
import { isAllowedNumber, ModelReader } from './model';
import { Severity } from './rule';
import { RULES } from './rules';
import { LocatedObject, YamlTree } from './yamlTree';
import type { ThresholdName } from './coverageModel';

/**
 * The project configuration, `abuse-cases.config.yaml` at the workspace root:
 * its format (checked by the same rules as every other file) and the settings
 * read from it. Keys are kebab-case like the gate thresholds and rule codes
 * they hold, as in eslint and most tool configurations.
 */
export const CONFIG_FILE_NAME = 'abuse-cases.config.yaml';

/** What `rules:` may set a rule to: eslint's vocabulary, with the editor's four severities. */
export const RULE_SETTINGS = ['off', 'hint', 'info', 'warning', 'error'] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

const SEVERITY_OF_SETTING: Record<Exclude<RuleSetting, 'off'>, Severity> = {
  hint: 'hint',
  info: 'information',
  warning: 'warning',
  error: 'error',
};
export const SETTING_OF_SEVERITY: Record<Severity, RuleSetting> = {
  hint: 'hint',
  information: 'info',
  warning: 'warning',
  error: 'error',
};

const text = { kind: 'text' } as const;
const share: ValueType = { kind: 'number', min: 0, max: 1 };
const listOf = (of: ValueType): ValueType => ({ kind: 'list', of });

export const RULE_SEVERITIES: Shape = {
  name: 'rules section',
  fields: Object.fromEntries(
    RULES.map((rule) => [
      rule.code,
      {
        type: { kind: 'enum', values: RULE_SETTINGS },
        default: SETTING_OF_SEVERITY[rule.severity],
        description: rule.description,
      },
    ]),
  ),
};

export const DATA_CLASS_NAME = /^[a-z][a-z0-9-]*$/;

export const DATA_CLASS: Shape = {
  name: 'data class',
  fields: {
    name: {
      type: { kind: 'pattern', pattern: DATA_CLASS_NAME, example: 'loyalty-points' },
      required: true,
      description: 'The name use cases give in `data:`; a built-in class of the same name is replaced.',
    },
    description: { type: text, description: 'What data the class holds, shown in completions and hovers.' },
    personal: {
      type: { kind: 'boolean' },
      description:
        "Whether the data is personal data in the GDPR's sense: about a person who is, or can be, identified (default false).",
    },
    'special-category': {
      type: { kind: 'boolean' },
      description:
        'Whether the data is a special category of personal data (GDPR art. 9: health, beliefs, biometrics, ...); it is then personal too (default false).',
    },
    ...Object.fromEntries(
      DIMENSIONS.map((dimension) => [
        dimension,
        {
          type: { kind: 'enum', values: LEVELS },
          required: true,
          description: `The ${dimension} level data of this class requires.`,
        },
      ]),
    ),
  },
};

const severitySetting: ValueType = { kind: 'enum', values: RULE_SETTINGS.filter((setting) => setting !== 'off') };

/** At least this level on a dimension: `at-least: { integrity: high }`. */
export const LEVEL_THRESHOLDS: Shape = {
  name: 'CIA threshold',
  fields: Object.fromEntries(
    DIMENSIONS.map((dimension) => [
      dimension,
      {
        type: { kind: 'enum', values: LEVELS },
        description: `Applies when a use case requires at least this ${dimension} level.`,
      },
    ]),
  ),
};

export const APPLICABILITY: Shape = {
  name: 'applicability',
  fields: {
    always: { type: { kind: 'boolean' }, description: 'Applies to every product.' },
    personal: { type: { kind: 'boolean' }, description: 'Applies when a use case handles personal data.' },
    'special-category': {
      type: { kind: 'boolean' },
      description: 'Applies when a use case handles special-category data (GDPR art. 9).',
    },
    data: {
      type: listOf({ kind: 'data-class' }),
      description: 'Applies when a use case handles one of these classes.',
    },
    'at-least': {
      type: { kind: 'object', shape: LEVEL_THRESHOLDS },
      description: 'Applies when a use case requires at least one of these CIA levels.',
    },
    words: {
      type: listOf(text),
      description: "Applies when a use case's title, description, actor or steps say one of these words.",
    },
    vendors: { type: { kind: 'boolean' }, description: 'Applies when a use case hands data to a vendor.' },
    'lawful-basis': {
      type: listOf({
        kind: 'pattern',
        pattern: new RegExp(`^(?:${Object.keys(LAWFUL_BASES).join('|')})$`),
        example: 'consent',
        expected: `one of ${Object.keys(LAWFUL_BASES).join(', ')}`,
        suggestions: LAWFUL_BASES,
      }),
      description: 'Applies when a use case processes personal data on one of these lawful bases.',
    },
  },
};

export const TURNED_OFF_CAPABILITY: Shape = {
  name: 'turned-off capability',
  fields: {
    capability: { type: { kind: 'capability-ref' }, required: true, description: 'The capability turned off.' },
    reason: {
      type: text,
      required: true,
      description: 'Why it does not apply to this product; the reports show it.',
    },
  },
};

export const BASELINE_SEVERITIES: Shape = {
  name: 'baseline severities',
  fields: Object.fromEntries(
    BUILT_IN_CAPABILITIES.map((capability) => [
      capability.id,
      {
        type: severitySetting,
        default: 'warning',
        description: `The severity of the baseline-gap finding for: ${capability.question}`,
      },
    ]),
  ),
};

export const TEAM_CAPABILITY: Shape = {
  name: 'team capability',
  fields: {
    id: {
      type: { kind: 'pattern', pattern: CAPABILITY_ID, example: 'access-review' },
      required: true,
      description: 'What `answers:` names; the id of a built-in capability replaces it.',
    },
    name: { type: text, description: 'A short name for the sidebar and reports (the id by default).' },
    question: {
      type: text,
      required: true,
      description: 'The question, after the product\'s name: "are the people with access reviewed every quarter?"',
    },
    'applies-when': {
      type: { kind: 'object', shape: APPLICABILITY },
      description: 'When the question applies (any one condition); without it, always.',
    },
    controls: {
      type: listOf(text),
      description:
        'Control tags that answer it, e.g. `nist-800-53:AC-2`; a family (`nist-800-53:AC`) names all of its controls.',
    },
    'how-to': { type: text, description: 'How to answer it, shown in hovers.' },
    severity: { type: severitySetting, default: 'warning', description: 'The severity of its baseline-gap finding.' },
  },
};

export const BASELINE: Shape = {
  name: 'baseline section',
  fields: {
    'turned-off': {
      type: listOf({ kind: 'object', shape: TURNED_OFF_CAPABILITY }),
      description: 'Capabilities that do not apply to this product, each with the reason.',
    },
    severities: {
      type: { kind: 'object', shape: BASELINE_SEVERITIES },
      description: 'A severity per built-in capability for its baseline-gap finding.',
    },
    capabilities: {
      type: listOf({ kind: 'object', shape: TEAM_CAPABILITY }),
      description: "The team's own capabilities, added to the built-in ones.",
    },
  },
};

/** What a failing threshold does: `fail` stops the pipeline (exit 1), `report` only says so (gates, not blocks). */
export const GATE_MODES = ['fail', 'report'] as const;
export type GateMode = (typeof GATE_MODES)[number];

/** Every threshold the gate may check, `no-errors` (always checked) included: the keys of `modes:`. */
export const THRESHOLD_NAMES = [
  'no-errors',
  'max-open-high-risks',
  'require-mitigated-for-done',
  'min-coverage',
  'security-capacity',
  'max-baseline-gaps',
  'max-overdue',
  'require-source',
  'require-security-for-release',
] as const satisfies readonly ThresholdName[];
// Every threshold of the model has its key: the compiler fails here when one is added to ThresholdName alone.
const EVERY_THRESHOLD_NAMED: Exclude<ThresholdName, (typeof THRESHOLD_NAMES)[number]> extends never ? true : false =
  true;
void EVERY_THRESHOLD_NAMED;

export const GATE_THRESHOLD_MODES: Shape = {
  name: 'threshold modes',
  fields: Object.fromEntries(
    THRESHOLD_NAMES.map((name) => [
      name,
      {
        type: { kind: 'enum', values: GATE_MODES },
        description: `Whether a failing \`${name}\` fails the gate (exit 1) or is only reported; the gate's \`mode\` by default.`,
      },
    ]),
  ),
};

export const GATE: Shape = {
  name: 'quality gate',
  fields: {
    mode: {
      type: { kind: 'enum', values: GATE_MODES },
      default: 'fail',
      description:
        'What a failing threshold does: `fail` exits 1 and stops the pipeline; `report` prints and exports the same findings and exits 0, so a team can watch first and tighten later.',
    },
    modes: {
      type: { kind: 'object', shape: GATE_THRESHOLD_MODES },
      description: "A mode per threshold, where it differs from the gate's `mode`: `max-open-high-risks: fail`.",
    },
    'max-open-high-risks': {
      type: { kind: 'number', min: 0 },
      description:
        'Fail when more abuse cases of major or severe impact are open (neither mitigated nor accepted) than this.',
    },
    'require-mitigated-for-done': {
      type: { kind: 'boolean' },
      description: 'Fail when a done backlog item builds a use case that still has an open abuse case.',
    },
    'min-coverage': {
      type: share,
      description:
        'Fail when fewer of the required CIA dimensions have an abuse case than this share (0 to 1, e.g. 0.9).',
    },
    'security-capacity': {
      type: share,
      description:
        'Fail when a sprint spends a smaller share of its points on security work than this (0 to 1, e.g. 0.2).',
    },
    'max-baseline-gaps': {
      type: { kind: 'number', min: 0 },
      description:
        'Fail when more questions of the security baseline apply and are not answered than this (0: every question answered or turned off).',
    },
    'require-source': {
      type: listOf({ kind: 'enum', values: Object.keys(SOURCE_KINDS) }),
      description:
        'Fail when a backlog item (of the release, with `--release`) that is not security work does not trace to one of these kinds of source, e.g. `[feedback, research]`: what ships was asked for.',
    },
    'require-security-for-release': {
      type: { kind: 'boolean' },
      description:
        "Fail when the use cases (of the release, with `--release`) have an open high risk, or the product's security baseline a question not answered.",
    },
    'max-overdue': {
      type: { kind: 'number', min: 0 },
      description:
        'Fail when more evidence has lapsed than this: expired risk acceptances, verifications past `verified_on` + `reverify_every`, recurring work past its period.',
    },
  },
};

export const CONFIG_FILE: Shape = {
  name: 'configuration file',
  fields: {
    rules: {
      type: { kind: 'object', shape: RULE_SEVERITIES },
      description: 'A severity per rule code: off, hint, info, warning or error.',
    },
    'data-classes': {
      type: listOf({ kind: 'object', shape: DATA_CLASS }),
      description:
        'Data classes of this product, with the CIA levels they require; they add to (or replace) the built-in ones.',
    },
    catalogs: {
      type: listOf({ kind: 'pattern', pattern: /\.abusecatalog\.yaml$/, example: 'shared/threats.abusecatalog.yaml' }),
      description: 'Team threat catalogs outside the analysed files, as paths or globs relative to this file.',
    },
    include: {
      type: listOf(text),
      description: 'Globs of the files to analyse, relative to this file (all use-case and catalog files by default).',
    },
    exclude: { type: listOf(text), description: 'Globs of files to leave out (node_modules and .git by default).' },
    gate: {
      type: { kind: 'object', shape: GATE },
      description:
        'The thresholds `abuse-cases gate` checks; without this section it checks no open high risk and nothing done with an open risk.',
    },
    baseline: {
      type: { kind: 'object', shape: BASELINE },
      description:
        'The secure-by-design baseline: capabilities turned off (with a reason), severities, and questions of your own.',
    },
    'current-release': {
      type: { kind: 'release' },
      description:
        'The release the team works on, e.g. `2027.1`: the status bar shows its gate (`abuse-cases gate --release`); the abuseCases.sidebar.currentRelease setting overrides it in one editor.',
    },
    'expiring-within': {
      type: { kind: 'number', min: 0 },
      default: '30',
      description:
        'How many days ahead the sidebar and the reports list evidence about to lapse: risk acceptances, verifications, recurring work.',
    },
    'max-file-size': {
      type: { kind: 'number', min: 0.001 },
      default: '5',
      description:
        'The largest file, in megabytes, that the tools read; a larger one is not analysed, with a finding that says so.',
    },
    'security-capacity-target': {
      type: share,
      default: '0.2',
      description:
        "The share of each sprint's points that should go to security work (0 to 1); the security-capacity rule warns below it.",
    },
  },
};

export function isConfigFile(uri: string): boolean {
  return uri === CONFIG_FILE_NAME || uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

/** Which format a file follows, by its name. */
export function rootShapeOf(uri: string): Shape {
  if (isConfigFile(uri)) return CONFIG_FILE;
  return uri.endsWith(CATALOG_FILE_SUFFIX) ? CATALOG_FILE : USE_CASE_FILE;
}

export const CONFIG_SHAPES: readonly Shape[] = [
  CONFIG_FILE,
  RULE_SEVERITIES,
  DATA_CLASS,
  GATE,
  GATE_THRESHOLD_MODES,
  BASELINE,
  TURNED_OFF_CAPABILITY,
  BASELINE_SEVERITIES,
  TEAM_CAPABILITY,
  APPLICABILITY,
  LEVEL_THRESHOLDS,
];

export interface GateThresholds {
  /** What a failing threshold does unless `modes` says otherwise; `fail` when unset. */
  mode?: GateMode;
  modes?: Partial<Record<ThresholdName, GateMode>>;
  maxOpenHighRisks?: number;
  requireMitigatedForDone?: boolean;
  minCoverage?: number;
  securityCapacity?: number;
  maxBaselineGaps?: number;
  maxOverdue?: number;
  /** The kinds of source an item that is not security work must trace to. */
  requireSource?: SourceKind[];
  requireSecurityForRelease?: boolean;
}

/** Without a `gate:` section the gate still stops what nobody should ship: an open high risk, or done work with an open risk. */
export const DEFAULT_GATE: GateThresholds = { maxOpenHighRisks: 0, requireMitigatedForDone: true };

export interface ProjectConfig {
  /** Rule code → the setting that replaces the rule's default severity. */
  rules: Record<string, RuleSetting>;
  dataClasses: DataClass[];
  catalogs: string[];
  include?: string[];
  exclude?: string[];
  gate: GateThresholds;
  securityCapacityTarget: number;
  /** The largest file the tools read, in bytes. */
  maxFileBytes: number;
  baseline: BaselineConfig;
  /** How many days ahead the expiring-soon lists look. */
  expiringWithinDays: number;
  /** The release the team works on: the editor's status bar shows its gate. */
  currentRelease?: string;
}

export const DEFAULT_CONFIG: ProjectConfig = {
  rules: {},
  dataClasses: [],
  catalogs: [],
  gate: DEFAULT_GATE,
  securityCapacityTarget: 0.2,
  maxFileBytes: 5 * 1024 * 1024,
  baseline: EMPTY_BASELINE_CONFIG,
  expiringWithinDays: 30,
};

/** The severity the configuration gives a rule's findings: 'off', a severity, or undefined to keep the rule's own. */
export function configuredSeverity(config: ProjectConfig, code: string): Severity | 'off' | undefined {
  const setting = config.rules[code];
  return setting === undefined || setting === 'off' ? setting : SEVERITY_OF_SETTING[setting];
}

/** The settings of a configuration file; what is ill-typed or invalid is skipped (the rules report it) and defaults apply. */
export function projectConfigOf(tree: YamlTree): ProjectConfig {
  const file = tree.objects[0];
  if (!file || file.node !== tree.root) return DEFAULT_CONFIG;
  const reader = new ModelReader(tree);
  const inRange = (value: unknown, max = Infinity): number | undefined =>
    typeof value === 'number' && isAllowedNumber(value, 0, max) ? value : undefined;

  const rules: Record<string, RuleSetting> = {};
  const ruleSettings = reader.child(file, 'rules');
  if (ruleSettings) {
    for (const code of Object.keys(RULE_SEVERITIES.fields)) {
      const setting = reader.oneOf(ruleSettings, code, RULE_SETTINGS);
      if (setting) rules[code] = setting.value;
    }
  }

  const dataClasses = reader.children(file, 'data-classes').flatMap((object): DataClass[] => {
    const name = reader.text(object, 'name')?.value;
    const levels = DIMENSIONS.map((dimension) => reader.oneOf(object, dimension, LEVELS)?.value);
    if (!name || !DATA_CLASS_NAME.test(name) || levels.some((level) => level === undefined)) return [];
    const [confidentiality, integrity, availability] = levels as Level[];
    const specialCategory = reader.scalar(object, 'special-category')?.value === true;
    return [
      {
        name,
        description: reader.text(object, 'description')?.value ?? '',
        requires: { confidentiality, integrity, availability },
        personal: reader.scalar(object, 'personal')?.value === true || specialCategory,
        specialCategory,
      },
    ];
  });

  const gateSection = reader.child(file, 'gate');
  const gate: GateThresholds = gateSection
    ? {
        mode: reader.oneOf(gateSection, 'mode', GATE_MODES)?.value,
        modes: gateModesOf(reader, reader.child(gateSection, 'modes')),
        maxOpenHighRisks: inRange(reader.scalar(gateSection, 'max-open-high-risks')?.value),
        requireMitigatedForDone: asBoolean(reader.scalar(gateSection, 'require-mitigated-for-done')?.value),
        minCoverage: inRange(reader.scalar(gateSection, 'min-coverage')?.value, 1),
        securityCapacity: inRange(reader.scalar(gateSection, 'security-capacity')?.value, 1),
        maxBaselineGaps: inRange(reader.scalar(gateSection, 'max-baseline-gaps')?.value),
        maxOverdue: inRange(reader.scalar(gateSection, 'max-overdue')?.value),
        requireSource: gateSection.pairs.has('require-source')
          ? reader
              .list(gateSection, 'require-source')
              .map((kind) => kind.value)
              .filter((kind): kind is SourceKind => kind in SOURCE_KINDS)
          : undefined,
        requireSecurityForRelease: asBoolean(reader.scalar(gateSection, 'require-security-for-release')?.value),
      }
    : DEFAULT_GATE;

  const globs = (key: string) => (file.pairs.has(key) ? reader.list(file, key).map((item) => item.value) : undefined);
  return {
    rules,
    dataClasses,
    catalogs: reader
      .list(file, 'catalogs')
      .map((item) => item.value)
      .filter((glob) => glob.endsWith('.abusecatalog.yaml')),
    include: globs('include'),
    exclude: globs('exclude'),
    gate,
    securityCapacityTarget:
      inRange(reader.scalar(file, 'security-capacity-target')?.value, 1) ?? DEFAULT_CONFIG.securityCapacityTarget,
    maxFileBytes: megabytes(inRange(reader.scalar(file, 'max-file-size')?.value)) ?? DEFAULT_CONFIG.maxFileBytes,
    baseline: baselineConfigOf(reader, reader.child(file, 'baseline')),
    expiringWithinDays:
      inRange(reader.scalar(file, 'expiring-within')?.value) === undefined
        ? DEFAULT_CONFIG.expiringWithinDays
        : Math.floor(inRange(reader.scalar(file, 'expiring-within')?.value)!),
    currentRelease: reader.text(file, 'current-release')?.value,
  };
}

function baselineConfigOf(reader: ModelReader, section: LocatedObject | undefined): BaselineConfig {
  if (!section) return EMPTY_BASELINE_CONFIG;
  const settingOf = (object: LocatedObject | undefined, key: string): Severity | undefined => {
    const setting = object && reader.oneOf(object, key, RULE_SETTINGS)?.value;
    return setting && setting !== 'off' ? SEVERITY_OF_SETTING[setting] : undefined;
  };
  const turnedOff = reader.children(section, 'turned-off').flatMap((entry) => {
    const capability = reader.text(entry, 'capability')?.value;
    const reason = reader.text(entry, 'reason')?.value;
    return capability && reason ? [{ capability, reason }] : [];
  });
  const severityMap = reader.child(section, 'severities');
  const severities: Record<string, Severity> = {};
  for (const { id } of BUILT_IN_CAPABILITIES) {
    const severity = settingOf(severityMap, id);
    if (severity) severities[id] = severity;
  }
  const capabilities = reader.children(section, 'capabilities').flatMap((entry): BaselineCapability[] => {
    const id = reader.text(entry, 'id')?.value;
    const question = reader.text(entry, 'question')?.value;
    if (!id || !CAPABILITY_ID.test(id) || !question) return [];
    return [
      {
        id,
        name: reader.text(entry, 'name')?.value ?? id,
        question,
        applies: applicabilityOf(reader, reader.child(entry, 'applies-when')),
        controls: reader.list(entry, 'controls').map((item) => item.value),
        howTo: reader.text(entry, 'how-to')?.value ?? '',
        severity: settingOf(entry, 'severity'),
        origin: 'config',
      },
    ];
  });
  return { turnedOff, severities, capabilities };
}

function applicabilityOf(reader: ModelReader, object: LocatedObject | undefined): Applicability {
  if (!object) return { always: true };
  const flag = (key: string) => reader.scalar(object, key)?.value === true || undefined;
  const levels = reader.child(object, 'at-least');
  const atLeast = levels
    ? Object.fromEntries(
        DIMENSIONS.flatMap((dimension) => {
          const level = reader.oneOf(levels, dimension, LEVELS)?.value;
          return level ? [[dimension, level]] : [];
        }),
      )
    : undefined;
  const list = (key: string) =>
    object.pairs.has(key) ? reader.list(object, key).map((item) => item.value) : undefined;
  return {
    always: flag('always'),
    personal: flag('personal'),
    specialCategory: flag('special-category'),
    data: list('data'),
    atLeast,
    words: list('words'),
    vendors: flag('vendors'),
    lawfulBasis: list('lawful-basis'),
  };
}

function gateModesOf(reader: ModelReader, section: LocatedObject | undefined): GateThresholds['modes'] {
  if (!section) return undefined;
  const modes: NonNullable<GateThresholds['modes']> = {};
  for (const name of THRESHOLD_NAMES) {
    const mode = reader.oneOf(section, name, GATE_MODES)?.value;
    if (mode) modes[name] = mode;
  }
  return modes;
}

function megabytes(value: number | undefined): number | undefined {
  return value === undefined || value < 0.001 ? undefined : Math.round(value * 1024 * 1024);
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
