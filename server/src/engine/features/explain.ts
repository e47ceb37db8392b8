import { capecUrl, cweUrl, Template } from '../catalog';
import { DataClass } from '../dataClasses';
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
