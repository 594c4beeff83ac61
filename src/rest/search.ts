/**
 * The search interaction: parse the query, ask the store for one keyset page, add includes, and
 * build a `searchset` Bundle with self/first/next/previous links.
 * @see https://hl7.org/fhir/R4/http.html#search
 * @see https://hl7.org/fhir/R4/search.html
 * @module
 */
import { bundleLinks } from '../fhir/bundle.js';
import { FhirError, error, toOperationOutcome } from '../fhir/outcome.js';
import { createDeadline, type Deadline } from '../lib/deadline.js';
import { encodeCursor } from '../search/page-cursor.js';
import { parseSearch, type ParsedSearch } from '../search/parse-search.js';
import { DEFAULT_SEARCH_LIMITS } from '../search/search-limits.js';
import type { PageCursor, StoreSearchQuery } from '../search/search-request.js';
import { QueryTooComplexError, type SearchPage } from '../storage/port.js';
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
  /** The request's time budget when the caller started one (a Bundle); else one starts here. */
  deadline?: Deadline;
}

const DEFAULT_COUNT = 20;
const MAX_COUNT = 1000;
/** Without `_total`, Bundle.total is given when at most this many resources match (decision 010). */
export const DEFAULT_TOTAL_LIMIT = 1000;
/** The time budget of a search when the configuration sets none (`REQUEST_TIME_BUDGET_MS`). */
export const DEFAULT_TIME_BUDGET_MS = 10_000;

/** Runs a type-level search and returns the `searchset` Bundle. */
export async function searchType(ctx: RestContext, input: SearchInput): Promise<fhir4.Bundle> {
  const deadline = input.deadline ?? createDeadline(ctx.limits?.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const parsed = parseSearch(input.resourceType, input.params, {
    strict: input.strict,
    now: ctx.clock().getTime(),
    defaultCount: DEFAULT_COUNT,
    maxCount: MAX_COUNT,
    limits: ctx.limits?.search ?? DEFAULT_SEARCH_LIMITS,
  });
  const countOnly = parsed.summary === 'count';
  const page = await searchStore(ctx, {
    resourceType: parsed.resourceType,
    conditions: parsed.conditions,
    sort: parsed.sort,
    count: countOnly ? 0 : parsed.count,
    total: countOnly || parsed.total !== 'none',
    ...(!countOnly && parsed.total === undefined ? { totalLimit: DEFAULT_TOTAL_LIMIT } : {}),
    ...(parsed.cursor ? { cursor: parsed.cursor } : {}),
    deadline,
  });
  const matches = page.resources.flatMap((v) => (v.resource ? [v.resource] : []));
  if (!countOnly && parsed.include.length + parsed.revinclude.length > 0) deadline.check('the includes');
  const included = countOnly ? [] : await findIncludes(ctx.store, matches, { ...parsed, deadline });
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
  if (parsed.issues.length) {
    entries.push({ resource: toOperationOutcome(parsed.issues), search: { mode: 'outcome' } });
  }
  // FHIR JSON has no empty arrays: an empty page has no `entry` at all.
  if (entries.length > 0) bundle.entry = entries;
  return bundle;
}

/** The store's search; a query the database refuses as too complex is the client's 400. */
async function searchStore(ctx: RestContext, query: StoreSearchQuery): Promise<SearchPage> {
  try {
    return await ctx.store.search(query);
  } catch (thrown) {
    if (thrown instanceof QueryTooComplexError) throw new FhirError(400, error('too-costly', thrown.message));
    throw thrown;
  }
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
