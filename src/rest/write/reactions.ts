/**
 * Reactions: work the gateway does because a write committed (a child's visit plan, growth
 * z-scores, escalations), run after the commit by the one write pipeline and by transactions.
 *
 * A reaction writes through the same pipeline (`routeInteraction`/`runWrite`), so what it writes
 * is validated, indexed and committed like any client write, and may itself cause reactions.
 * Reactions must be idempotent (the same committed write seen twice changes nothing the second
 * time), because a retried client request or a repeated trigger reaches them again; they must
 * ignore the writes they make themselves, and nesting is bounded by {@link MAX_REACTION_DEPTH}.
 *
 * A reaction runs after its trigger committed: the trigger stays written when a reaction fails,
 * and the failure reaches the client as a warning (never a 5xx for a write that succeeded).
 * @module
 */
import { warning, type Issue } from '../../fhir/outcome.js';
import type { ResourceWrite } from '../../storage/port.js';
import type { RestContext } from '../context.js';

/** Work done after writes committed; gets the committed writes (a delete has no `resource`). */
export interface WriteReaction {
  /** Short name, used in the warning when the reaction fails. */
  name: string;
  /** Does the work; may return warnings about the committed write (a visit outside every window). */
  react(ctx: RestContext, committed: readonly ResourceWrite[]): Promise<void | Issue[]>;
}

/** How deep reactions may cause further reactions before the chain stops. */
export const MAX_REACTION_DEPTH = 3;

/**
 * Runs every configured reaction on `committed`, one after another; returns a warning per
 * reaction that failed (its trigger stays committed).
 */
export async function runReactions(ctx: RestContext, committed: readonly ResourceWrite[]): Promise<Issue[]> {
  const reactions = ctx.reactions ?? [];
  const depth = ctx.reactionDepth ?? 0;
  if (reactions.length === 0 || committed.length === 0 || depth >= MAX_REACTION_DEPTH) return [];
  const inner: RestContext = { ...ctx, reactionDepth: depth + 1 };
  const issues: Issue[] = [];
  for (const reaction of reactions) {
    try {
      const found = await reaction.react(inner, committed);
      if (found) issues.push(...found);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      issues.push(warning('exception', `The write was stored, but ${reaction.name} did not run: ${reason}`));
    }
  }
  return issues;
}
