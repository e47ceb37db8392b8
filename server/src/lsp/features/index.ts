import { codeActions } from './codeActions';
import { codeLens } from './codeLens';
import { completion } from './completion';
import { coverage } from './coverage';
import { definition } from './definition';
import { Feature } from './feature';
import { highlights } from './highlights';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { references } from './references';
import { rename } from './rename';

export const FEATURES: readonly Feature[] = [
  completion,
  hover,
  definition,
  references,
  highlights,
  rename,
  codeActions,
  codeLens,
  inlayHints,
  coverage,
];
export type { FeatureContext } from './feature';
