import { BaselineCapability, describeApplicability } from '../baseline';
import { CapabilityState } from '../baselineState';
import { capecUrl, cweUrl, Template } from '../catalog';
import { BASELINE_LEGEND } from '../coverageStates';
import { DataClass } from '../dataClasses';
import { escapeMarkdown } from '../markdown';
import { Workspace } from '../workspace';
import { Dimension, Level, STRIDE } from '../format';

/** The CIA triad as NIST defines it (44 U.S.C. § 3542, quoted in NIST SP 800-53), with an example in product terms. */
export const DIMENSION_EXPLANATIONS: Record<Dimension, { definition: string; example: string }> = {
  confidentiality: {
    definition:
      'Preserving authorized restrictions on information access and disclosure, including means for protecting personal privacy and proprietary information.',
    example: 'A private roadmap link forwarded to a competitor breaks confidentiality.',
  },
  integrity: {
    definition:
      'Guarding against improper information modification or destruction, and includes ensuring information non-repudiation and authenticity.',
    example:
      'An attacker who changes the amount of a payment, or an admin who edits a record without a trace, breaks integrity.',
  },
  availability: {
    definition: 'Ensuring timely and reliable access to and use of information.',
    example:
      'A flood of sign-in requests that locks customers out, or a backup that cannot be restored, breaks availability.',
  },
};

/** What a requirement level means, after FIPS 199's potential-impact levels. */
export const LEVEL_EXPLANATIONS: Record<Level, string> = {
  none: 'No requirement: a loss would not matter.',
  low: 'A loss would have a limited adverse effect. No abuse case is required.',
  medium:
    'A loss would have a serious adverse effect. Some abuse case must threaten this dimension (information otherwise).',
  high: 'A loss would have a severe or catastrophic adverse effect. Some abuse case must threaten this dimension (warning otherwise).',
};

export const STRIDE_NAMES: Record<(typeof STRIDE)[number], string> = {
  spoofing: 'Spoofing (pretending to be someone else)',
  tampering: 'Tampering (changing data or code)',
  repudiation: 'Repudiation (denying having done something)',
  'information-disclosure': 'Information disclosure (exposing data)',
  'denial-of-service': 'Denial of service (making the product unavailable)',
  'elevation-of-privilege': 'Elevation of privilege (gaining rights one should not have)',
};

const capitalized = (text: string) => text[0].toUpperCase() + text.slice(1);

export function explainDimension(dimension: Dimension): string {
  const { definition, example } = DIMENSION_EXPLANATIONS[dimension];
  return `**${capitalized(dimension)}** — ${definition} *(NIST)*\n\nFor example: ${example}`;
}

export function explainLevel(dimension: Dimension | undefined, level: Level): string {
  return `**${level}**${dimension ? ` ${dimension}` : ''} — ${LEVEL_EXPLANATIONS[level]}`;
}

export function explainDataClass(dataClass: DataClass): string {
  const { confidentiality: c, integrity: i, availability: a } = dataClass.requires;
  return [
    `**${dataClass.name}** — ${dataClass.description}`,
    '',
    '| Confidentiality | Integrity | Availability |',
    '| --- | --- | --- |',
    `| ${c} | ${i} | ${a} |`,
    '',
    ...(dataClass.specialCategory
      ? ['Special-category personal data (GDPR art. 9).', '']
      : dataClass.personal
        ? ['Personal data (GDPR).', '']
        : []),
    'A use case touching this data requires at least these levels; medium and high ones need an abuse case.',
  ].join('\n');
}

export function explainTemplate(template: Template): string {
  const references = [
    ...template.capec.map((id) => `[${id}](${capecUrl(id)})`),
    ...template.cwe.map((id) => `[${id}](${cweUrl(id)})`),
  ];
  return [
    `**${template.title}** \`${template.id}\`${template.origin ? ' *(team catalog)*' : ''}`,
    '',
    template.description,
    '',
    `- Threatens: ${template.threatens.join(', ')}`,
    ...(template.stride ? [`- STRIDE: ${STRIDE_NAMES[template.stride]}`] : []),
    `- Actor: ${template.actor} (${template.intent})`,
    ...(template.likelihood || template.impact
      ? [`- Typical rating: ${template.likelihood ?? '?'} likelihood, ${template.impact ?? '?'} impact`]
      : []),
    ...(references.length ? [`- References: ${references.join(', ')}`] : []),
    ...(template.scopeNote ? [`- Beyond CAPEC's consequences: ${template.scopeNote}`] : []),
    '',
    'Suggested mitigations:',
    ...template.mitigations.map(
      (m) => `- ${m.title}${m.controls.length ? ` (${m.controls.map((c) => `\`${c}\``).join(', ')})` : ''}`,
    ),
  ].join('\n');
}

/** A capability of the baseline: its question, when it applies, what answers it, and where each product stands. */
export function explainCapability(
  capability: BaselineCapability,
  products: readonly { name: string; state: CapabilityState }[],
  family: readonly string[],
): string {
  const controls = capability.controls.map((control) => `\`${control}\``).join(', ');
  // The team's own words are text, not Markdown; the built-in ones are written as Markdown.
  const own = (text: string) => (capability.origin === 'config' ? escapeMarkdown(text) : text);
  const lines = [
    `**${capability.name}** (\`${capability.id}\`) — security baseline${capability.origin === 'config' ? ", the team's own" : ''}`,
    '',
    `*${own(capitalized(capability.question))}*`,
    '',
    `Applies when ${describeApplicability(capability.applies)}.`,
    '',
    `Answered by \`answers: [${capability.id}]\` on a backlog item or a mitigation${controls ? `, a mitigation's control tag (${controls})` : ''}${family.length ? `, or an abuse case following a template of its family (${family.map((id) => `\`${id}\``).join(', ')})` : ''}.${capability.howTo ? ` ${own(capability.howTo)}` : ''}`,
  ];
  for (const { name, state } of products) {
    const progress = state.status === 'answered' && state.progress ? ` (${state.progress})` : '';
    const why =
      state.status === 'turned-off'
        ? `: ${escapeMarkdown(state.capability.turnedOff ?? '')}`
        : state.why
          ? `: ${escapeMarkdown(state.why.text)}`
          : '';
    lines.push('', `${name}: ${BASELINE_LEGEND[state.status].word}${progress}${why}.`);
  }
  return lines.join('\n');
}

/** A capability, with where each product of the workspace stands on it. */
export function explainCapabilityIn(workspace: Workspace, id: string): string | undefined {
  const capability = workspace.capabilities.find((candidate) => candidate.id === id);
  if (!capability) return undefined;
  const products = workspace.baseline({ answers: false }).flatMap((product) => {
    const state = product.capabilities.find((candidate) => candidate.capability.id === id);
    return state ? [{ name: escapeMarkdown(product.name), state }] : [];
  });
  const family = workspace
    .catalog()
    .filter((template) => template.family === id)
    .map((template) => template.id);
  return explainCapability(capability, products, family);
}
