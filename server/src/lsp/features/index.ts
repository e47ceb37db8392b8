import { codeActions } from './codeActions';
import { completion } from './completion';
import { coverage } from './coverage';
import { definition } from './definition';
import { documentSymbols } from './documentSymbols';
import { Feature } from './feature';
import { foldingRanges } from './foldingRanges';
import { hover } from './hover';
import { selectionRanges } from './selectionRanges';
import { workspaceSymbols } from './workspaceSymbols';

export const FEATURES: readonly Feature[] = [
  completion,
  hover,
  definition,
  documentSymbols,
  workspaceSymbols,
  foldingRanges,
  selectionRanges,
  codeActions,
  coverage,
];
export type { FeatureContext } from './feature';
