/**
 * Search criteria of the conditional interactions (If-None-Exist, conditional update, patch and
 * delete, conditional references): parsed strictly and matched against current resources.
 * @see https://hl7.org/fhir/R4/http.html#ccreate
 * @see https://hl7.org/fhir/R4/http.html#cond-update
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import { parseSearch } from '../search/parse-search.js';
import type { Condition } from '../search/search-request.js';
import type { StoredVersion } from '../storage/port.js';
import type { RestContext } from './context.js';

/** Parses conditional criteria strictly: an unknown parameter would widen the match, so it is a 400. */
export function parseCriteria(ctx: RestContext, resourceType: string, query: string, location: string): Condition[] {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const parsed = parseSearch(resourceType, params, { strict: true, now: ctx.clock().getTime() });
  if (parsed.conditions.length === 0) throw badRequest(`${location} has no search criteria`, location);
  return parsed.conditions;
}

/** Up to two current matches (enough to tell none, one and several apart). */
export async function findMatches(
  ctx: RestContext,
  resourceType: string,
  conditions: Condition[],
): Promise<StoredVersion[]> {
  const page = await ctx.store.search({ resourceType, conditions, sort: [], count: 2, total: false });
  return page.resources;
}
