import { codeActions } from './codeActions';
import { completion } from './completion';
import { coverage } from './coverage';
import { definition } from './definition';
import { Feature } from './feature';
import { hover } from './hover';

export const FEATURES: readonly Feature[] = [completion, hover, definition, codeActions, coverage];
export type { FeatureContext } from './feature';
