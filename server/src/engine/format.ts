/**
 * The `.usecase.yaml` format as data. Validation rules, the JSON Schema in
 * schemas/ and (later) completions are all derived from this one description,
 * so the engine stays the single source of truth for the format.
 */

export const DIMENSIONS = ['confidentiality', 'integrity', 'availability'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export const BACKLOG_TYPES = ['epic', 'story', 'task', 'bug', 'spike'] as const;
export const BACKLOG_STATUSES = ['todo', 'in-progress', 'done'] as const;
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];
export const INTENTS = ['malicious', 'unwitting'] as const;
export const LIKELIHOODS = ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'] as const;
export const IMPACTS = ['negligible', 'minor', 'moderate', 'major', 'severe'] as const;
export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege',
] as const;
export const MITIGATION_STATUSES = ['proposed', 'planned', 'implemented', 'verified'] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

/** The lawful bases of GDPR art. 6(1), each with what it means for a product manager. */
export const LAWFUL_BASES = {
  consent:
    'The person agreed, freely and specifically, and can withdraw that consent as easily as they gave it (art. 6(1)(a)).',
  contract:
    'The data is needed to deliver a contract with the person, or to take steps they asked for before one (art. 6(1)(b)).',
  'legal-obligation':
    'A law obliges the company to process the data, such as keeping invoices for the tax office (art. 6(1)(c)).',
  'vital-interests': "The data protects someone's life, as in a medical emergency (art. 6(1)(d)).",
  'public-task':
    'The processing is a task in the public interest or of official authority, for public bodies (art. 6(1)(e)).',
  'legitimate-interests':
    "The company's legitimate interest, weighed against the person's rights, who may object (art. 6(1)(f)).",
} as const;
export type LawfulBasis = keyof typeof LAWFUL_BASES;

/** The conditions of GDPR art. 9(2) under which special-category data may be processed. */
export const SPECIAL_CATEGORY_CONDITIONS = {
  'explicit-consent': 'The person gave explicit consent for this purpose (art. 9(2)(a)).',
  employment: 'Obligations of employment, social security or social protection law (art. 9(2)(b)).',
  'vital-interests': 'Protecting the vital interests of a person who cannot consent (art. 9(2)(c)).',
  'not-for-profit': 'A foundation, association or other not-for-profit body, about its members (art. 9(2)(d)).',
  'made-public': 'The person has clearly made the data public themselves (art. 9(2)(e)).',
  'legal-claims': 'Establishing, exercising or defending legal claims (art. 9(2)(f)).',
  'substantial-public-interest': 'A substantial public interest, on the basis of law (art. 9(2)(g)).',
  'health-care': 'Preventive or occupational medicine, diagnosis, care or treatment (art. 9(2)(h)).',
  'public-health': 'Public health, such as protecting against serious cross-border threats (art. 9(2)(i)).',
  research: 'Archiving in the public interest, scientific or historical research, or statistics (art. 9(2)(j)).',
} as const;

/** How long a use case keeps personal data, besides a duration. */
export const RETENTION_WORDS = {
  'until-account-deleted': 'Kept while the account exists, deleted when it is closed.',
  'until-contract-ends': 'Kept for the length of the contract, deleted when it ends.',
  'as-required-by-law': 'Kept as long as a law requires (invoices, medical records), then deleted.',
  'not-stored': 'Used in the moment and never stored.',
} as const;

/** The evidence a vendor review may rest on: suggestions, as teams have their own. */
export const REVIEW_EVIDENCE = {
  soc2: 'A SOC 2 Type II report.',
  iso27001: 'An ISO/IEC 27001 certificate with its statement of applicability.',
  dpa: 'A signed data processing agreement (GDPR art. 28).',
  pentest: "A recent penetration test report of the vendor's service.",
  questionnaire: 'A completed security questionnaire.',
  'pci-dss': 'A PCI DSS attestation of compliance.',
} as const;

/** Where a backlog item came from: why it is in the backlog at all (a release gate can require one of them). */
export const SOURCE_KINDS = {
  feedback: 'Users asked for it: a ticket, an interview, a survey, a support conversation.',
  research: 'User or market research found the need.',
  analytics: 'Product analytics showed it, in how people use the product.',
  regulation: 'A law, a regulation or a standard requires it (the GDPR, PCI DSS, an accessibility act...).',
  security: 'Security work: it answers an abuse case or a question of the security baseline.',
  internal: "The team's own need: tooling, refactoring, operations.",
} as const;
export type SourceKind = keyof typeof SOURCE_KINDS;

/** How serious a finding is: the editor's four severities. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Ids are shared by backlog items, use cases and abuse cases across the workspace. */
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
/** Risk acceptances expire on a calendar day (dates.ts holds the calendar). */
export { DATE_PATTERN } from './dates';
import { DURATION_PATTERN, RECURRENCES } from './dates';

/** How long personal data is kept: a duration, or one of the RETENTION_WORDS. */
export const RETENTION_PATTERN = new RegExp(
  `^(?:${DURATION_PATTERN.source.slice(1, -1)}|${Object.keys(RETENTION_WORDS).join('|')})$`,
);

export type ValueType =
  | { kind: 'text' }
  | { kind: 'id' }
  | { kind: 'backlog-ref' }
  | { kind: 'template-ref' }
  | { kind: 'data-class' }
  | { kind: 'capability-ref' }
  | { kind: 'vendor-ref' }
  /** The release a backlog item ships in: free text, completed from the releases the workspace names. */
  | { kind: 'release' }
  /** What a backlog item came from: a `feedback:` id of the workspace, an abuse case, a capability, or outside text. */
  | { kind: 'source-ref' }
  /** `docs` says what each value means, for completion and hover. */
  | { kind: 'enum'; values: readonly string[]; docs?: Readonly<Record<string, string>> }
  | { kind: 'number'; min: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  /** `expected` says the form in words, for messages; `suggestions` are offered by completion (with what each means). */
  | {
      kind: 'pattern';
      pattern: RegExp;
      example: string;
      expected?: string;
      suggestions?: Readonly<Record<string, string>>;
    }
  | { kind: 'list'; of: ValueType }
  | { kind: 'object'; shape: Shape };

export interface FieldSpec {
  type: ValueType;
  required?: boolean;
  description: string;
  default?: string;
}

export interface Shape {
  /** What a person calls this object, used in messages: "use case", "mitigation". */
  name: string;
  fields: Record<string, FieldSpec>;
}

const text = { kind: 'text' } as const;
const enumOf = (values: readonly string[]): ValueType => ({ kind: 'enum', values });
const documentedEnum = (docs: Readonly<Record<string, string>>): ValueType => ({
  kind: 'enum',
  values: Object.keys(docs),
  docs,
});
/** A duration such as `6m`, offered with the usual ones. */
const durationType = (suggestions: Readonly<Record<string, string>>): ValueType => ({
  kind: 'pattern',
  pattern: DURATION_PATTERN,
  example: '6m',
  expected: 'a duration: a number of days, weeks, months or years, such as 30d, 12w, 6m or 1y',
  suggestions,
});
const listOf = (of: ValueType): ValueType => ({ kind: 'list', of });

export const ACCEPTANCE: Shape = {
  name: 'risk acceptance',
  fields: {
    by: { type: text, required: true, description: 'Who accepted the risk, with their role.' },
    reason: { type: text, required: true, description: 'Why the risk is accepted rather than mitigated.' },
    until: {
      type: { kind: 'date' },
      required: true,
      description: 'The last day (YYYY-MM-DD) the acceptance holds; from the next day the risk is open again.',
    },
  },
};

export const MITIGATION: Shape = {
  name: 'mitigation',
  fields: {
    title: { type: text, required: true, description: 'What the mitigation does.' },
    backlog: { type: listOf({ kind: 'backlog-ref' }), description: 'The backlog items that build this mitigation.' },
    status: {
      type: enumOf(MITIGATION_STATUSES),
      default: 'proposed',
      description: 'How far the mitigation has come: proposed, planned, implemented or verified.',
    },
    controls: {
      type: listOf(text),
      description:
        'Tags naming the controls it satisfies, e.g. `gdpr:art-32`, `nist-800-53:CP-9`; some answer security-baseline questions.',
    },
    answers: {
      type: listOf({ kind: 'capability-ref' }),
      description: 'The security-baseline questions it answers, e.g. `[backups, restore]`.',
    },
    verified_on: {
      type: { kind: 'date' },
      description: 'The day (YYYY-MM-DD) the mitigation was last verified: tested, reviewed or audited.',
    },
    reverify_every: {
      type: durationType({ '3m': 'every quarter', '6m': 'every six months', '1y': 'every year' }),
      description:
        'How often it must be verified again (`30d`, `12w`, `6m`, `1y`); once `verified_on` + this has passed, it counts as implemented, not verified.',
    },
  },
};

export const ABUSE_CASE: Shape = {
  name: 'abuse case',
  fields: {
    id: { type: { kind: 'id' }, required: true, description: 'Unique id across the workspace.' },
    title: { type: text, required: true, description: 'What goes wrong, in one sentence.' },
    actor: { type: text, description: 'Who causes the harm: an attacker or an unwitting user.' },
    intent: {
      type: enumOf(INTENTS),
      default: 'malicious',
      description: 'Whether the actor means harm (malicious) or causes it by mistake (unwitting).',
    },
    description: { type: text, description: 'How the abuse unfolds.' },
    threatens: {
      type: listOf(enumOf(DIMENSIONS)),
      required: true,
      description: 'The parts of the CIA triad this abuse case threatens.',
    },
    template: {
      type: { kind: 'template-ref' },
      description: 'The id of the threat-catalog entry this abuse case follows.',
    },
    likelihood: { type: enumOf(LIKELIHOODS), description: 'How likely the abuse is.' },
    impact: { type: enumOf(IMPACTS), description: 'How bad the harm is when it happens.' },
    mitigations: { type: listOf({ kind: 'object', shape: MITIGATION }), description: 'What answers this abuse case.' },
    accepted: {
      type: { kind: 'object', shape: ACCEPTANCE },
      description: 'A risk acceptance, instead of (or until) mitigations.',
    },
  },
};

export const CIA_REQUIREMENT: Shape = {
  name: 'CIA requirement',
  fields: Object.fromEntries(
    DIMENSIONS.map((dimension) => [
      dimension,
      {
        type: enumOf(LEVELS),
        description: `The ${dimension} level this use case requires, overriding its data classes.`,
      },
    ]),
  ),
};

export const USE_CASE: Shape = {
  name: 'use case',
  fields: {
    id: { type: { kind: 'id' }, required: true, description: 'Unique id across the workspace.' },
    title: { type: text, required: true, description: 'What the legitimate user achieves.' },
    actor: { type: text, required: true, description: 'The legitimate user.' },
    description: { type: text, description: 'More detail on the use case.' },
    backlog: { type: listOf({ kind: 'backlog-ref' }), description: 'The backlog items that build this use case.' },
    data: { type: listOf({ kind: 'data-class' }), description: 'The data classes this use case touches.' },
    cia: {
      type: { kind: 'object', shape: CIA_REQUIREMENT },
      description: 'An explicit CIA requirement; each dimension given overrides what the data classes imply.',
    },
    steps: { type: listOf(text), description: 'The steps of the use case.' },
    vendors: {
      type: listOf({ kind: 'vendor-ref' }),
      description: 'The vendors (third-party platforms and services) this use case hands data to.',
    },
    lawful_basis: {
      type: documentedEnum(LAWFUL_BASES),
      description: 'On what GDPR art. 6 basis it processes personal data: consent, contract, legal-obligation, ...',
    },
    retention: {
      type: {
        kind: 'pattern',
        pattern: RETENTION_PATTERN,
        example: '2y',
        expected: `a duration (30d, 12w, 6m, 1y) or one of ${Object.keys(RETENTION_WORDS).join(', ')}`,
        suggestions: { '30d': 'thirty days', '1y': 'a year', ...RETENTION_WORDS },
      },
      description:
        'How long it keeps the personal data: a duration (`30d`, `6m`, `2y`) or `until-account-deleted`, ...',
    },
    special_category_condition: {
      type: documentedEnum(SPECIAL_CATEGORY_CONDITIONS),
      description:
        'For special-category data (health, beliefs, biometrics...): the GDPR art. 9(2) condition that allows it.',
    },
    abuse_cases: {
      type: listOf({ kind: 'object', shape: ABUSE_CASE }),
      description: 'How this use case can be abused.',
    },
  },
};

export const SOURCE: Shape = {
  name: 'source',
  fields: {
    kind: {
      type: documentedEnum(SOURCE_KINDS),
      required: true,
      description: 'Where the item came from: feedback, research, analytics, regulation, security or internal.',
    },
    ref: {
      type: { kind: 'source-ref' },
      description:
        'What it came from: the id of an entry of `feedback:`, a ticket or a link; for security work, the abuse case or baseline question it serves.',
    },
  },
};

export const FEEDBACK: Shape = {
  name: 'feedback',
  fields: {
    id: { type: { kind: 'id' }, required: true, description: "The id a backlog item's `source: { ref }` names." },
    summary: { type: text, required: true, description: "What was asked for, in the users' words where possible." },
    from: {
      type: text,
      description: 'Who asked, or through which channel: "3 enterprise customers", "support tickets", "NPS survey".',
    },
    date: { type: { kind: 'date' }, description: 'When it was heard (YYYY-MM-DD).' },
  },
};

export const BACKLOG_ITEM: Shape = {
  name: 'backlog item',
  fields: {
    id: { type: { kind: 'id' }, required: true, description: 'Unique id across the workspace, e.g. the ticket key.' },
    title: { type: text, required: true, description: 'What the item delivers.' },
    type: { type: enumOf(BACKLOG_TYPES), default: 'story', description: 'epic, story, task, bug or spike.' },
    status: { type: enumOf(BACKLOG_STATUSES), default: 'todo', description: 'todo, in-progress or done.' },
    sprint: { type: text, description: 'The sprint the item is planned in.' },
    points: {
      type: { kind: 'number', min: 0 },
      description: "The estimate in story points (a number >= 0); counts towards the sprint's security capacity.",
    },
    security: {
      type: { kind: 'boolean' },
      description: 'Whether this item is security work (an item a mitigation names counts as security work too).',
    },
    parent: { type: { kind: 'backlog-ref' }, description: 'The id of the epic this item belongs to.' },
    answers: {
      type: listOf({ kind: 'capability-ref' }),
      description: 'The security-baseline questions this item answers, e.g. `[patching]`.',
    },
    recurs: {
      type: enumOf(RECURRENCES),
      description:
        'Whether the work comes round again (patching, restore drills, access reviews): weekly, monthly, quarterly or yearly.',
    },
    last_done: {
      type: { kind: 'date' },
      description: 'The day (YYYY-MM-DD) recurring work was last done; once a period has passed, it is overdue.',
    },
    source: {
      type: { kind: 'object', shape: SOURCE },
      description:
        'Why the item exists: where it came from (`kind`: feedback, research, analytics, regulation, security, internal) and what (`ref`).',
    },
    release: {
      type: { kind: 'release' },
      description: 'The release the item ships in, e.g. `2027.1`: `abuse-cases gate --release` judges one release.',
    },
  },
};

export const VENDOR_REVIEW: Shape = {
  name: 'vendor review',
  fields: {
    by: { type: text, required: true, description: 'Who reviewed the vendor, with their role.' },
    on: { type: { kind: 'date' }, required: true, description: 'The day (YYYY-MM-DD) the review was done.' },
    until: {
      type: { kind: 'date' },
      required: true,
      description: 'The last day (YYYY-MM-DD) the review holds; from the next day the vendor counts as unreviewed.',
    },
    evidence: {
      type: listOf({
        kind: 'pattern',
        pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        example: 'soc2',
        suggestions: REVIEW_EVIDENCE,
      }),
      description: 'What the review rests on, e.g. `[soc2, dpa]`.',
    },
  },
};

export const VENDOR: Shape = {
  name: 'vendor',
  fields: {
    id: { type: { kind: 'id' }, required: true, description: "The id use cases' `vendors:` name." },
    name: { type: text, required: true, description: 'The company or service, e.g. "Stripe".' },
    purpose: { type: text, description: 'What the product uses it for.' },
    receives: { type: listOf({ kind: 'data-class' }), description: 'The data classes it receives.' },
    review: {
      type: { kind: 'object', shape: VENDOR_REVIEW },
      description: 'The latest check that it meets or exceeds your own security standards.',
    },
  },
};

export const USE_CASE_FILE: Shape = {
  name: 'use-case file',
  fields: {
    product: { type: text, description: 'The product these use cases belong to.' },
    backlog: {
      type: listOf({ kind: 'object', shape: BACKLOG_ITEM }),
      description: 'Backlog items; they may live in any file.',
    },
    use_cases: {
      type: listOf({ kind: 'object', shape: USE_CASE }),
      description: 'The use cases, each with its abuse cases.',
    },
    vendors: {
      type: listOf({ kind: 'object', shape: VENDOR }),
      description: 'The third-party platforms and services the product hands data to; they may live in any file.',
    },
    feedback: {
      type: listOf({ kind: 'object', shape: FEEDBACK }),
      description:
        'What users asked for, kept in the workspace so that backlog items can point at it (`source: { ref }`); it may live in any file.',
    },
  },
};

export const TEMPLATE_MITIGATION: Shape = {
  name: 'suggested mitigation',
  fields: {
    title: { type: text, required: true, description: 'What the mitigation does.' },
    controls: {
      type: listOf(text),
      description: 'Control tags, e.g. `asvs:V2.2.1`, `nist-800-53:AC-7`, `gdpr:art-32`.',
    },
  },
};

export const TEMPLATE: Shape = {
  name: 'abuse-case template',
  fields: {
    id: {
      type: { kind: 'id' },
      required: true,
      description: 'The id that `template:` refers to; a team template overrides a built-in one with the same id.',
    },
    title: { type: text, required: true, description: 'What goes wrong, as an abuse-case title.' },
    description: { type: text, required: true, description: 'How the abuse unfolds and why it matters.' },
    intent: { type: enumOf(INTENTS), required: true, description: 'malicious or unwitting.' },
    actor: { type: text, required: true, description: 'Who causes the harm.' },
    threatens: {
      type: listOf(enumOf(DIMENSIONS)),
      required: true,
      description: 'The parts of the CIA triad it threatens.',
    },
    stride: { type: enumOf(STRIDE), required: true, description: 'Its STRIDE category.' },
    capec: {
      type: listOf({ kind: 'pattern', pattern: /^CAPEC-\d+$/, example: 'CAPEC-600' }),
      description: 'MITRE CAPEC attack patterns, e.g. `CAPEC-600`.',
    },
    cwe: {
      type: listOf({ kind: 'pattern', pattern: /^CWE-\d+$/, example: 'CWE-307' }),
      description: 'MITRE CWE weaknesses, e.g. `CWE-307`.',
    },
    data: { type: listOf({ kind: 'data-class' }), required: true, description: 'The data classes it applies to.' },
    family: {
      type: { kind: 'capability-ref' },
      description:
        'The security-baseline capability it belongs to (`backups`, `restore`, `audit-trail`, ...): an abuse case that follows it answers that question.',
    },
    keywords: { type: listOf(text), description: 'Words of use-case titles and steps it applies to.' },
    likelihood: { type: enumOf(LIKELIHOODS), description: 'A typical likelihood.' },
    impact: { type: enumOf(IMPACTS), description: 'A typical impact.' },
    mitigations: {
      type: listOf({ kind: 'object', shape: TEMPLATE_MITIGATION }),
      required: true,
      description: 'The mitigations it suggests (one to four).',
    },
  },
};

export const CATALOG_FILE: Shape = {
  name: 'threat catalog file',
  fields: {
    templates: {
      type: listOf({ kind: 'object', shape: TEMPLATE }),
      description: 'Abuse-case templates that add to or override the built-in catalog.',
    },
  },
};

export const USE_CASE_FILE_SUFFIX = '.usecase.yaml';
export const CATALOG_FILE_SUFFIX = '.abusecatalog.yaml';

/** "a use case", "an abuse case": shape names in running text. */
export function withArticle(name: string): string {
  // "use" sounds like "you": a use case, an abuse case.
  return `${/^([aeio]|u(?!se))/i.test(name) ? 'an' : 'a'} ${name}`;
}

/** Every object shape of the format, for documentation and schema generation. */
export const SHAPES: readonly Shape[] = [
  USE_CASE_FILE,
  BACKLOG_ITEM,
  USE_CASE,
  CIA_REQUIREMENT,
  ABUSE_CASE,
  MITIGATION,
  ACCEPTANCE,
  VENDOR,
  VENDOR_REVIEW,
  SOURCE,
  FEEDBACK,
  CATALOG_FILE,
  TEMPLATE,
  TEMPLATE_MITIGATION,
];
