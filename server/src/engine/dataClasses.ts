import { Dimension, Level } from './format';

export type CiaLevels = Record<Dimension, Level>;

export interface DataClass {
  name: string;
  description: string;
  requires: CiaLevels;
  /** Personal data in the GDPR's sense: about a person who is, or can be, identified. */
  personal: boolean;
  /** A special category of personal data (GDPR art. 9: health, beliefs, biometrics, ...); always personal too. */
  specialCategory: boolean;
}

/** What the GDPR makes of a class of data. */
type Personal = 'personal' | 'special-category' | undefined;

function dataClass(name: string, c: Level, i: Level, a: Level, description: string, personal?: Personal): DataClass {
  return {
    name,
    description,
    requires: { confidentiality: c, integrity: i, availability: a },
    personal: personal !== undefined,
    specialCategory: personal === 'special-category',
  };
}

/** The built-in data classes and the CIA level each one requires. */
export const BUILT_IN_DATA_CLASSES: readonly DataClass[] = [
  dataClass('public', 'none', 'medium', 'low', 'Information meant for anyone, such as marketing pages.'),
  dataClass('internal', 'medium', 'medium', 'low', 'Information for the company and its staff only.'),
  dataClass(
    'pii',
    'high',
    'medium',
    'low',
    'Personal data that identifies a person: names, e-mail addresses.',
    'personal',
  ),
  dataClass(
    'sensitive-pii',
    'high',
    'high',
    'low',
    'Special-category personal data: identity documents, beliefs, biometrics.',
    'special-category',
  ),
  dataClass('credentials', 'high', 'high', 'medium', 'Passwords, tokens, keys and recovery codes.', 'personal'),
  dataClass('payment', 'high', 'high', 'medium', 'Card numbers, bank details and payment instructions.', 'personal'),
  dataClass('financial', 'high', 'high', 'medium', 'Invoices, balances, revenue and other financial records.'),
  dataClass('health', 'high', 'high', 'medium', 'Health and medical information.', 'special-category'),
  dataClass('customer-content', 'high', 'medium', 'medium', 'What customers create or upload in the product.'),
  dataClass('audit-log', 'medium', 'high', 'medium', 'Records of who did what and when.'),
  dataClass('telemetry', 'low', 'low', 'low', 'Usage and performance measurements.'),
];

export const LEVEL_RANK: Record<Level, number> = { none: 0, low: 1, medium: 2, high: 3 };
