/**
 * The reactions the gateway runs after writes commit (`src/rest/write/reactions.ts`): one line
 * per capability, each built from the configuration it needs.
 * @module
 */
import type { WriteReaction } from '../rest/write/reactions.js';
import { plansReaction } from '../plans/plans-reaction.js';

/** The gateway's write reactions, in the order they run. */
export function gatewayReactions(_env: Record<string, string | undefined>): WriteReaction[] {
  return [plansReaction()];
}
