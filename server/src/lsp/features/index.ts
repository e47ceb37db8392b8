import { codeActions } from './codeActions';
import { codeLens } from './codeLens';
import { completion } from './completion';
import { coverage } from './coverage';
import { definition } from './definition';
import { documentLinks } from './documentLinks';
import { documentSymbols } from './documentSymbols';
import { Feature } from './feature';
import { foldingRanges } from './foldingRanges';
import { highlights } from './highlights';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import { references } from './references';
import { rename } from './rename';
import { selectionRanges } from './selectionRanges';
import { semanticTokens } from './semanticTokens';
import { workspaceSymbols } from './workspaceSymbols';

export const FEATURES: readonly Feature[] = [
  completion,
  hover,
  definition,
  references,
  highlights,
  rename,
  documentSymbols,
  workspaceSymbols,
  foldingRanges,
  selectionRanges,
  codeActions,
  codeLens,
  inlayHints,
  coverage,
  documentLinks,
  semanticTokens,
];
export type { FeatureContext } from './feature';
