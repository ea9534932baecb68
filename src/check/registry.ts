/** Every rule of the checker, in the order they run (output is sorted by position anyway). */
import type { Rule } from './rule.js';
import { datesRule } from './rules/dates.js';
import { lanjutWithBranchesRule, lastDecisionRule, sameBranchesRule, selfBranchRule } from './rules/decisions.js';
import { durationRule } from './rules/durations.js';
import { endlessLoopRule } from './rules/endless-loop.js';
import { duplicateLaneRule, unknownLaneRule, unusedLaneRule } from './rules/lanes.js';
import { unproducedMaterialRule, unusedOutputRule } from './rules/materials.js';
import { sizeLimitsRule } from './rules/limits.js';
import { hiddenCharactersRule } from './rules/hidden-characters.js';
import { nipRule } from './rules/nip.js';
import { unreachableStepRule } from './rules/reachability.js';
import { noStepsRule, requiredSectionsRule } from './rules/required.js';
import { duplicateStepLabelRule } from './rules/step-labels.js';
import { flowTargetRule } from './rules/targets.js';

export const RULES: readonly Rule[] = [
  sizeLimitsRule,
  hiddenCharactersRule,
  requiredSectionsRule,
  noStepsRule,
  datesRule,
  nipRule,
  durationRule,
  duplicateLaneRule,
  unknownLaneRule,
  unusedLaneRule,
  duplicateStepLabelRule,
  flowTargetRule,
  selfBranchRule,
  sameBranchesRule,
  lanjutWithBranchesRule,
  lastDecisionRule,
  unreachableStepRule,
  endlessLoopRule,
  unproducedMaterialRule,
  unusedOutputRule,
];
