/**
 * The reactions the gateway runs after writes commit (`src/rest/write/reactions.ts`): one line
 * per capability, each built from the configuration it needs.
 * @module
 */
import { createGrowthReaction } from '../plans/growth/growth-reaction.js';
import type { GrowthSetup } from '../plans/growth/growth-setup.js';
import type { WriteReaction } from '../rest/write/reactions.js';
import { plansReaction } from '../plans/plans-reaction.js';

/** The gateway's write reactions, in the order they run. */
export function gatewayReactions(growth: GrowthSetup): WriteReaction[] {
  // Growth first: the plans' escalation rules read the z-scores it stores.
  return [...('tables' in growth ? [createGrowthReaction(growth.tables)] : []), plansReaction()];
}
