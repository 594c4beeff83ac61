/**
 * The search interaction: parse the query, ask the store for one keyset page, add includes, and
 * build a `searchset` Bundle with self/first/next/previous links.
 * @see https://hl7.org/fhir/R4/http.html#search
 * @see https://hl7.org/fhir/R4/search.html
 * @module
 */
import { bundleLinks } from '../fhir/bundle.js';
import { toOperationOutcome } from '../fhir/outcome.js';
import { encodeCursor } from '../search/page-cursor.js';
import { parseSearch, type ParsedSearch } from '../search/parse-search.js';
import type { PageCursor } from '../search/search-request.js';
import type { RestContext } from './context.js';
import { findIncludes } from './search-include.js';
import { subsetResource } from './search-summary.js';

/** A search as the HTTP layer hands it over. */
export interface SearchInput {
  resourceType: string;
  /** Query parameters (for POST `_search`, the form body merged with the URL's). */
  params: URLSearchParams;
  baseUrl: string;
  /** `Prefer: handling=strict`. */
  strict: boolean;
}

const DEFAULT_COUNT = 20;
const MAX_COUNT = 1000;
/** Without `_total`, Bundle.total is given when at most this many resources match (decision 010). */
export const DEFAULT_TOTAL_LIMIT = 1000;

/** Runs a type-level search and returns the `searchset` Bundle. */
export async function searchType(ctx: RestContext, input: SearchInput): Promise<fhir4.Bundle> {
  const parsed = parseSearch(input.resourceType, input.params, {
    strict: input.strict,
    now: ctx.clock().getTime(),
    defaultCount: DEFAULT_COUNT,
    maxCount: MAX_COUNT,
  });
  const countOnly = parsed.summary === 'count';
  const page = await ctx.store.search({
    resourceType: parsed.resourceType,
    conditions: parsed.conditions,
    sort: parsed.sort,
    count: countOnly ? 0 : parsed.count,
    total: countOnly || parsed.total !== 'none',
    ...(!countOnly && parsed.total === undefined ? { totalLimit: DEFAULT_TOTAL_LIMIT } : {}),
    ...(parsed.cursor ? { cursor: parsed.cursor } : {}),
  });
  const matches = page.resources.flatMap((v) => (v.resource ? [v.resource] : []));
  const included = countOnly ? [] : await findIncludes(ctx.store, matches, parsed);
  const bundle: fhir4.Bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    ...(page.total !== undefined ? { total: page.total } : {}),
    link: searchLinks(input, parsed, page),
  };
  const entries = [
    ...matches.map((r) => entry(input.baseUrl, subsetResource(r, parsed), 'match')),
    ...included.map((r) => entry(input.baseUrl, subsetResource(r, parsed), 'include')),
  ];
  // FHIR JSON has no empty arrays: an empty page has no `entry` at all.
  if (entries.length > 0) bundle.entry = entries;
  if (parsed.issues.length) {
    bundle.entry!.push({ resource: toOperationOutcome(parsed.issues), search: { mode: 'outcome' } });
  }
  return bundle;
}

function entry(baseUrl: string, resource: fhir4.Resource, mode: 'match' | 'include'): fhir4.BundleEntry {
  return { fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id}`, resource, search: { mode } };
}

function searchLinks(
  input: SearchInput,
  parsed: ParsedSearch,
  page: { next?: PageCursor; previous?: PageCursor },
): fhir4.BundleLink[] {
  const base = new URLSearchParams(input.params);
  base.delete('_cursor');
  const url = (cursor?: PageCursor) => {
    const params = new URLSearchParams(base);
    if (cursor) params.set('_cursor', encodeCursor(cursor));
    const query = params.toString();
    return `${input.baseUrl}/${parsed.resourceType}${query ? `?${query}` : ''}`;
  };
  return bundleLinks({
    self: url(parsed.cursor),
    first: url(),
    previous: page.previous ? url(page.previous) : undefined,
    next: page.next ? url(page.next) : undefined,
  });
}
