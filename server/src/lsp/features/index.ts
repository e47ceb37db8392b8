import { codeActions } from './codeActions';
import { completion } from './completion';
import { Feature } from './feature';
import { hover } from './hover';

export const FEATURES: readonly Feature[] = [completion, hover, codeActions];
export type { FeatureContext } from './feature';
