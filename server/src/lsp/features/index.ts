import { codeActions } from './codeActions';
import { completion } from './completion';
import { coverage } from './coverage';
import { definition } from './definition';
import { documentLinks } from './documentLinks';
import { Feature } from './feature';
import { highlights } from './highlights';
import { hover } from './hover';
import { references } from './references';
import { rename } from './rename';
import { semanticTokens } from './semanticTokens';

export const FEATURES: readonly Feature[] = [
  completion,
  hover,
  definition,
  references,
  highlights,
  rename,
  codeActions,
  coverage,
  documentLinks,
  semanticTokens,
];
export type { FeatureContext } from './feature';
