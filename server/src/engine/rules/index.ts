import { Rule } from '../rule';
import { acceptanceExpired } from './acceptanceExpired';
import { baselineGap } from './baselineGap';
import { catalogNotRead } from './catalogNotRead';
import { ciaUncovered } from './ciaUncovered';
import { dataClassSuspected } from './dataClassSuspected';
import { doneWithOpenRisk } from './doneWithOpenRisk';
import { duplicateId } from './duplicateId';
import { fileNotRead } from './fileNotRead';
import { ignoredTag } from './ignoredTag';
import { invalidId } from './invalidId';
import { invalidValue } from './invalidValue';
import { missingField } from './missingField';
import { noAbuseCases } from './noAbuseCases';
import { noUnwittingCase } from './noUnwittingCase';
import { recurringOverdue } from './recurringOverdue';
import { securityCapacity } from './securityCapacity';
import { syntax } from './syntax';
import { unknownBacklogItem } from './unknownBacklogItem';
import { unknownCapability } from './unknownCapability';
import { unknownDataClass } from './unknownDataClass';
import { unknownKey } from './unknownKey';
import { unknownTemplate } from './unknownTemplate';
import { unmitigated } from './unmitigated';
import { unplannedMitigation } from './unplannedMitigation';
import { unratedRisk } from './unratedRisk';
import { verificationOverdue } from './verificationOverdue';
import { wrongType } from './wrongType';
import { unknownVendor } from './unknownVendor';
import { unknownRule } from './unknownRule';
import { unusedSuppression } from './unusedSuppression';
import { unknownFeedback } from './unknownFeedback';
import { vendorUnreviewed } from './vendorUnreviewed';
import { vendorDataUndeclared } from './vendorDataUndeclared';
import { privacyUnstated } from './privacyUnstated';
import { specialCategoryUnstated } from './specialCategoryUnstated';

/** Every rule, in the order of the documentation: structure first, then references, then security. */
export const RULES: readonly Rule[] = [
  fileNotRead,
  catalogNotRead,
  syntax,
  unknownKey,
  missingField,
  wrongType,
  invalidValue,
  invalidId,
  ignoredTag,
  unknownRule,
  unusedSuppression,
  duplicateId,
  unknownBacklogItem,
  unknownDataClass,
  unknownTemplate,
  unknownCapability,
  unknownVendor,
  unknownFeedback,
  noAbuseCases,
  ciaUncovered,
  dataClassSuspected,
  noUnwittingCase,
  unmitigated,
  unplannedMitigation,
  doneWithOpenRisk,
  acceptanceExpired,
  verificationOverdue,
  recurringOverdue,
  vendorUnreviewed,
  vendorDataUndeclared,
  privacyUnstated,
  specialCategoryUnstated,
  securityCapacity,
  baselineGap,
  unratedRisk,
];

export function ruleOf(code: string): Rule | undefined {
  return RULES.find((rule) => rule.code === code);
}
