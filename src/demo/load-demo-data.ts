/**
 * Loads {@link DEMO_RESOURCES} through the normal write path (validated, versioned), skipping
 * those already stored so that restarts do not create new versions.
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { putResource } from '../rest/router.js';
import { DEMO_RESOURCES } from './demo-resources.js';

/** Stores the demo resources that are missing; returns how many were written. */
export async function loadDemoData(ctx: RestContext): Promise<number> {
  let written = 0;
  for (const resource of DEMO_RESOURCES) {
    const id = resource.id!;
    if (await ctx.store.readCurrent(resource.resourceType, id)) continue;
    await putResource(ctx, { ...resource, id });
    written++;
  }
  return written;
}
