/**
 * One batch entry run as its own interaction (a transaction plans its entries instead, in
 * `transaction-plan.ts` and `transaction-reads.ts`).
 * @see https://hl7.org/fhir/R4/http.html#brules
 * @module
 */
import type { ParsedEntry } from './bundle-entries.js';
import { conditionalCreate, conditionalDelete, conditionalUpdate } from './conditional.js';
import type { RestContext, RestResult } from './context.js';
import { conditionalPatch, patchResource } from './patch.js';
import { readResource, vreadResource } from './read.js';
import { searchType } from './search.js';
import { planPatchDocument } from './transaction-plan.js';
import { createResource, deleteResource, updateResource } from './write.js';

/** Runs `entry` and returns its result. */
export async function runEntry(
  ctx: RestContext,
  entry: ParsedEntry,
  options: { baseUrl: string },
): Promise<RestResult> {
  const { resourceType, id, query } = entry;
  const ifMatch = entry.ifMatch !== undefined ? { ifMatch: entry.ifMatch } : {};
  switch (entry.method) {
    case 'GET':
    case 'HEAD':
      if (id && entry.versionId) return vreadResource(ctx, { resourceType, id, versionId: entry.versionId });
      if (id) return readResource(ctx, resourceType, id);
      return {
        status: 200,
        resource: await searchType(ctx, {
          resourceType,
          params: new URLSearchParams(query ?? ''),
          baseUrl: options.baseUrl,
          strict: false,
        }),
      };
    case 'POST':
      return entry.ifNoneExist
        ? conditionalCreate(ctx, resourceType, entry.resource, entry.ifNoneExist)
        : createResource(ctx, resourceType, entry.resource);
    case 'PUT':
      if (query !== undefined) return conditionalUpdate(ctx, { resourceType, query }, entry.resource, ifMatch);
      return updateResource(ctx, { resourceType, id: id! }, entry.resource, {
        ...ifMatch,
        ...(entry.ifNoneMatch ? { ifNoneMatch: true } : {}),
      });
    case 'PATCH': {
      const patch = planPatchDocument(entry.resource!);
      return query !== undefined
        ? conditionalPatch(ctx, { resourceType, query }, patch)
        : patchResource(ctx, { resourceType, id: id! }, patch, ifMatch);
    }
    case 'DELETE':
      return query !== undefined
        ? conditionalDelete(ctx, { resourceType, query })
        : deleteResource(ctx, { resourceType, id: id! }, ifMatch);
  }
}
