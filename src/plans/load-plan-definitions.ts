/**
 * Stores the schedule's definitions ({@link scheduleDefinitions}) at start-up through the write
 * pipeline, skipping those already stored with the same version and content, so restarts create
 * no new versions and a new parameters version replaces them.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { putResource } from '../rest/router.js';
import { contentKey } from './content-key.js';
import { scheduleDefinitions } from './plan-definitions.js';

/** Puts each definition that is missing or changed; returns how many were written. */
export async function loadPlanDefinitions(ctx: RestContext): Promise<number> {
  let written = 0;
  for (const definition of scheduleDefinitions()) {
    const id = definition.id!;
    const stored = await ctx.store.readCurrent(definition.resourceType, id);
    if (stored?.resource && !stored.deleted && contentKey(stored.resource) === contentKey(definition)) continue;
    await putResource(ctx, { ...definition, id });
    written++;
  }
  return written;
}
