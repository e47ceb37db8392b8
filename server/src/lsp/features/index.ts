import { codeActions } from './codeActions';
import { completion } from './completion';
import { coverage } from './coverage';
import { definition } from './definition';
import { documentLinks } from './documentLinks';
import { Feature } from './feature';
import { hover } from './hover';
import { semanticTokens } from './semanticTokens';

export const FEATURES: readonly Feature[] = [
  completion,
  hover,
  definition,
  codeActions,
  coverage,
  documentLinks,
  semanticTokens,
];
export type { FeatureContext } from './feature';
