import { Dimension, Level, MitigationStatus, Severity } from './format';

/**
 * The secure-by-design baseline: the capabilities every product must have from the start, because
 * they cannot be retrofitted (backups, a restore that works, vendors that meet your standards,
 * encryption, an audit trail, ...). Each is a question in a product manager's words, with when it
 * applies (from what the workspace already says: its data classes, the CIA levels its use cases
 * require, the words of its use cases) and what answers it (an `answers:` field, a control tag
 * that maps to it, or an abuse case that follows a catalog template of its family).
 */
export interface Capability {
  /** What `answers:` names, kebab-case like rule codes. */
  id: string;
  /** A short name for the sidebar and reports. */
  name: string;
  /** The question, in a product manager's words. */
  question: string;
  applies: Applicability;
  /**
   * Control tags that answer it: `framework:control`, matched case-insensitively, by family or by
   * control (`nist-800-53:AU` is every AU control, `nist-800-53:CP-9` is CP-9 and its enhancements,
   * `gdpr:` is every article).
   */
  controls: readonly string[];
  /** How to answer it, for docs/baseline.md and hovers. */
  howTo: string;
  /** The title of a backlog item that answers it, for the quick fix (the name, for the team's own). */
  task?: string;
  /** Where the team's baseline adds it: absent for the built-in ones. */
  origin?: 'config';
}

/** When a capability applies: when any one of these holds for some use case of the product. */
export interface Applicability {
  /** Every product. */
  always?: boolean;
  /** A use case handles personal data (a data class with `personal: true`). */
  personal?: boolean;
  /** A use case handles special-category data (GDPR art. 9). */
  specialCategory?: boolean;
  /** A use case handles one of these data classes. */
  data?: readonly string[];
  /** A use case requires at least this level on a dimension (from its data classes or `cia:`). */
  atLeast?: Partial<Record<Dimension, Level>>;
  /** A use case's title, description, actor or steps say one of these words (whole words, any case). */
  words?: readonly string[];
  /** A use case names a vendor it hands data to. */
  vendors?: boolean;
  /** A use case processes personal data on one of these lawful bases. */
  lawfulBasis?: readonly string[];
}

/** How far an answer has come: a mitigation's status; a backlog item's is read from its own. */
export type AnswerStatus = MitigationStatus;

export const BUILT_IN_CAPABILITIES: readonly Capability[] = [
  {
    id: 'backups',
    name: 'Backups',
    task: 'Back up the data every night, off-site and out of reach of a compromised account',
    question: 'is its data backed up regularly, to a place an incident or a mistake cannot reach?',
    applies: { atLeast: { availability: 'medium', integrity: 'high' } },
    controls: ['nist-800-53:CP-9', 'iso27001:A.8.13', 'iso27001:A.12.3'],
    howTo:
      'A backlog item or mitigation that sets up regular, off-site or immutable backups, with `answers: [backups]` or a control tag such as `nist-800-53:CP-9`.',
  },
  {
    id: 'restore',
    name: 'Restore tested',
    task: 'Write the restore procedure, and try a restore from backup every quarter',
    question: 'can its data be restored from a backup, and has a restore been tried?',
    applies: { atLeast: { availability: 'medium', integrity: 'high' } },
    controls: ['nist-800-53:CP-10', 'nist-800-53:CP-4'],
    howTo:
      'A restore procedure and a regular restore drill, with `answers: [restore]` or `nist-800-53:CP-10` (recovery) or `nist-800-53:CP-4` (testing the plan).',
  },
  {
    id: 'third-parties',
    name: 'Third parties',
    task: 'Review the security of every vendor that receives our data, before and every year',
    question:
      'do the platforms and services it hands data to meet or exceed its own security standards, and has someone checked?',
    applies: {
      vendors: true,
      data: ['payment'],
      words: [
        'vendor',
        'supplier',
        'provider',
        'processor',
        'third-party',
        'third party',
        'partner',
        'sms',
        'text message',
        'newsletter',
        'analytics',
        'hosting',
        'cloud',
        'integration',
        'webhook',
        'saas',
        'stripe',
        'paypal',
        'twilio',
      ],
    },
    controls: ['nist-800-53:SA-9', 'nist-800-53:SR-6', 'gdpr:art-28', 'iso27001:A.5.19', 'iso27001:A.15'],
    howTo:
      'A `review:` of each vendor under `vendors:` (who, when, until when, the evidence: a SOC 2 or ISO 27001 report, a data processing agreement), or a vendor-review process with `answers: [third-parties]` or `nist-800-53:SA-9` or `gdpr:art-28`. A vendor that receives confidential data without a current review holds the question open.',
  },
  {
    id: 'encryption',
    name: 'Encryption',
    task: 'Encrypt data in transit and at rest, with managed keys',
    question: 'is its sensitive data encrypted in transit and at rest, with current algorithms and managed keys?',
    applies: { atLeast: { confidentiality: 'high' } },
    controls: [
      'nist-800-53:SC-8',
      'nist-800-53:SC-12',
      'nist-800-53:SC-13',
      'nist-800-53:SC-28',
      'asvs:V6',
      'asvs:V9',
      'pci-dss:3.5',
      'pci-dss:4',
    ],
    howTo:
      'TLS everywhere and encryption at rest with managed keys, with `answers: [encryption]` or `nist-800-53:SC-8` (in transit) and `nist-800-53:SC-28` (at rest).',
  },
  {
    id: 'audit-trail',
    name: 'Audit trail',
    task: 'Record who changed what and when, in an audit log nobody can alter',
    question:
      'does it record who changed what and when (data, transactions, events and settings), where the record cannot be altered?',
    applies: { atLeast: { integrity: 'high' }, data: ['audit-log'] },
    controls: ['nist-800-53:AU', 'asvs:V7', 'pci-dss:10'],
    howTo:
      'An append-only audit log of changes and who made them, with `answers: [audit-trail]` or any `nist-800-53:AU-…` control.',
  },
  {
    id: 'strong-authentication',
    name: 'Strong authentication',
    task: 'Offer two-factor sign-in or single sign-on, and reject breached passwords',
    question:
      'do people sign in securely: a second factor or single sign-on, and passwords that resist guessing and reuse?',
    applies: {
      data: ['credentials'],
      atLeast: { confidentiality: 'high' },
      words: ['sign in', 'sign-in', 'log in', 'login', 'password', 'account'],
    },
    controls: ['nist-800-53:IA-2', 'nist-800-53:IA-5', 'nist-800-53:IA-8', 'asvs:V2'],
    howTo:
      'Two-factor authentication or single sign-on and a password policy against breached and guessed passwords, with `answers: [strong-authentication]` or `nist-800-53:IA-2`.',
  },
  {
    id: 'data-minimisation',
    name: 'Data minimisation',
    task: 'Review the personal data we collect, and delete what we no longer need',
    question: 'does it collect and keep only the personal data it needs, and delete what it no longer needs?',
    applies: { personal: true },
    controls: ['gdpr:art-5', 'gdpr:art-25', 'nist-800-53:SI-12', 'nist-800-53:PM-5', 'asvs:V8.3'],
    howTo:
      'A review of the fields collected and a retention period with deletion, with `answers: [data-minimisation]` or `gdpr:art-5` or `gdpr:art-25`.',
  },
  {
    id: 'consent',
    name: 'Consent and opt-out',
    task: 'Ask for opt-in consent, record it, and let people opt out as easily',
    question:
      'do people opt in before their data is used for more than the service they asked for, and can they opt out as easily?',
    applies: { personal: true },
    controls: ['gdpr:art-6', 'gdpr:art-7', 'gdpr:art-21', 'eprivacy:art-5'],
    howTo:
      'Opt-in consent that is recorded and an opt-out that works (unsubscribe, privacy settings), with `answers: [consent]` or `gdpr:art-7`.',
  },
  {
    id: 'opt-out',
    name: 'Withdrawing consent',
    task: 'Let people withdraw consent in one click, and stop every system that uses their data within a day',
    question:
      'where it relies on consent, can people withdraw it as easily as they gave it, and does every system then stop using their data?',
    applies: { lawfulBasis: ['consent'] },
    controls: ['gdpr:art-7-3', 'gdpr:art-7(3)', 'gdpr:art-21', 'eprivacy:art-13'],
    howTo:
      'A one-click opt-out (unsubscribe links, privacy settings) that reaches every tool holding a copy of the data, with `answers: [opt-out]` or `gdpr:art-7-3`, or an abuse case that follows `consent-withdrawal-ignored`.',
  },
  {
    id: 'patching',
    name: 'Patching',
    task: 'Patch systems and dependencies every month, and keep anti-malware and firewalls current',
    question:
      'are its systems and dependencies updated and patched regularly, with anti-malware and firewalls kept current?',
    applies: { always: true },
    controls: ['nist-800-53:SI-2', 'nist-800-53:SI-3', 'nist-800-53:RA-5', 'asvs:V14.2', 'cis:7', 'pci-dss:6.3'],
    howTo:
      'Dependency and OS updates on a schedule, vulnerability scanning, anti-malware and firewall rules kept current, with `answers: [patching]` or `nist-800-53:SI-2`.',
  },
  {
    id: 'regulations',
    name: 'Regulations',
    task: 'List the regulations that apply to us and who keeps up with them',
    question: 'does the team know which regulations apply (the GDPR, for any user in the EU) and keep up with them?',
    applies: { personal: true },
    controls: ['gdpr:', 'uk-gdpr:', 'ccpa:', 'hipaa:', 'eprivacy:'],
    howTo:
      'A record of the regulations that apply and of who follows them (a privacy review, records of processing), with `answers: [regulations]` or a tag of the regulation, such as `gdpr:art-30`.',
  },
  {
    id: 'incident-readiness',
    name: 'Incident readiness',
    task: 'Write the incident response plan: alerts, who is called, how users and regulators are told',
    question:
      'would the team notice a breach, know who is called, and tell users and regulators in time (the GDPR gives 72 hours)?',
    applies: { always: true },
    controls: ['nist-800-53:IR', 'nist-800-53:SI-4', 'gdpr:art-33', 'gdpr:art-34'],
    howTo:
      'Monitoring and alerts, an incident response plan with an on-call rota, and a breach-notification procedure, with `answers: [incident-readiness]` or any `nist-800-53:IR-…` control.',
  },
];

export const CAPABILITY_ID = /^[a-z][a-z0-9-]*$/;

/** Whether a control tag (`nist-800-53:CP-9(1)`) is one of a capability's controls (`nist-800-53:CP-9`). */
export function controlMatches(tag: string, control: string): boolean {
  const written = tag.trim().toLowerCase();
  const pattern = control.toLowerCase();
  if (!written.startsWith(pattern)) return false;
  if (written.length === pattern.length || pattern.endsWith(':')) return true;
  // `CP-9` is not `CP-90`, nor `asvs:V2` `asvs:V21`; `CP-9(1)`, `art-5-1-c` and `V2.1.1` are theirs.
  return !/[a-z0-9]/.test(written[pattern.length]);
}

/** The capabilities a control tag answers. */
export function capabilitiesOfControl(tag: string, capabilities: readonly Capability[]): Capability[] {
  return capabilities.filter((capability) => capability.controls.some((control) => controlMatches(tag, control)));
}

/** A capability as the team's configuration leaves it: with a severity of its own, or turned off with a reason. */
export interface BaselineCapability extends Capability {
  severity?: Severity;
  /** Why the team turned it off (shown in reports); it is then never a gap. */
  turnedOff?: string;
}

/** What `baseline:` of the configuration says. */
export interface BaselineConfig {
  turnedOff: readonly { capability: string; reason: string }[];
  severities: Readonly<Record<string, Severity>>;
  /** The team's own capabilities; one with a built-in's id replaces it. */
  capabilities: readonly BaselineCapability[];
}

export const EMPTY_BASELINE_CONFIG: BaselineConfig = { turnedOff: [], severities: {}, capabilities: [] };

/** The built-in capabilities and the team's, as the configuration sets them. */
export function capabilitiesOf(config: BaselineConfig): BaselineCapability[] {
  const byId = new Map<string, BaselineCapability>(BUILT_IN_CAPABILITIES.map((c) => [c.id, { ...c }]));
  for (const capability of config.capabilities) byId.set(capability.id, { ...capability, origin: 'config' });
  for (const [id, severity] of Object.entries(config.severities)) {
    const capability = byId.get(id);
    if (capability) capability.severity = severity;
  }
  for (const { capability: id, reason } of config.turnedOff) {
    const capability = byId.get(id);
    if (capability) capability.turnedOff = reason;
  }
  return [...byId.values()];
}

/** When a capability applies, in words: "a use case handles personal data, or requires high integrity". */
export function describeApplicability(applies: Applicability): string {
  const conditions: string[] = [];
  if (applies.always) return 'every product';
  if (applies.data?.length) conditions.push(`handles ${applies.data.map((name) => `\`${name}\``).join(' or ')} data`);
  if (applies.specialCategory) conditions.push('handles special-category data');
  if (applies.personal) conditions.push('handles personal data');
  for (const [dimension, level] of Object.entries(applies.atLeast ?? {}))
    conditions.push(`requires ${level === 'high' ? 'high' : `${level} or higher`} ${dimension}`);
  if (applies.vendors) conditions.push('hands data to a vendor');
  if (applies.lawfulBasis?.length)
    conditions.push(`processes personal data on ${applies.lawfulBasis.map((basis) => `\`${basis}\``).join(' or ')}`);
  if (applies.words?.length) conditions.push(`mentions ${applies.words.map((word) => `“${word}”`).join(', ')}`);
  return conditions.length ? `a use case ${conditions.join(', or ')}` : 'never (no condition is given)';
}
