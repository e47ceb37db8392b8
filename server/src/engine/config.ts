import { DataClass } from './dataClasses';
import {
  CATALOG_FILE,
  CATALOG_FILE_SUFFIX,
  DIMENSIONS,
  Level,
  LEVELS,
  Shape,
  USE_CASE_FILE,
  ValueType,
} from './format';
import { isAllowedNumber, ModelReader } from './model';
import { Severity } from './rule';
import { RULES } from './rules';
import { YamlTree } from './yamlTree';

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

export const GATE: Shape = {
  name: 'quality gate',
  fields: {
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

export const CONFIG_SHAPES: readonly Shape[] = [CONFIG_FILE, RULE_SEVERITIES, DATA_CLASS, GATE];

export interface GateThresholds {
  maxOpenHighRisks?: number;
  requireMitigatedForDone?: boolean;
  minCoverage?: number;
  securityCapacity?: number;
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
}

export const DEFAULT_CONFIG: ProjectConfig = {
  rules: {},
  dataClasses: [],
  catalogs: [],
  gate: DEFAULT_GATE,
  securityCapacityTarget: 0.2,
  maxFileBytes: 5 * 1024 * 1024,
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
        maxOpenHighRisks: inRange(reader.scalar(gateSection, 'max-open-high-risks')?.value),
        requireMitigatedForDone: asBoolean(reader.scalar(gateSection, 'require-mitigated-for-done')?.value),
        minCoverage: inRange(reader.scalar(gateSection, 'min-coverage')?.value, 1),
        securityCapacity: inRange(reader.scalar(gateSection, 'security-capacity')?.value, 1),
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
  };
}

function megabytes(value: number | undefined): number | undefined {
  return value === undefined || value < 0.001 ? undefined : Math.round(value * 1024 * 1024);
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}
