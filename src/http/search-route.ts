/**
 * HTTP side of search: `GET [base]/[type]?…` and `POST [base]/[type]/_search` with a form body.
 * @see https://hl7.org/fhir/R4/http.html#search
 * @module
 */
import type { Context } from 'hono';
import { FhirError, error } from '../fhir/outcome.js';
import { searchType } from '../rest/search.js';
import { DEFAULT_SEARCH_LIMITS } from '../search/search-limits.js';
import type { AppDependencies, AppEnv } from './app.js';
import { fhirJsonResponse } from './fhir-response.js';
import { wantsPretty } from './format.js';
import { prefersStrictHandling } from '../rest/prefer.js';

/** Runs a search and renders its Bundle. */
export async function searchResponse(
  c: Context<AppEnv>,
  deps: AppDependencies,
  resourceType: string,
  params: URLSearchParams,
): Promise<Response> {
  const url = new URL(c.req.url);
  const bundle = await searchType(deps, {
    resourceType,
    params,
    baseUrl: deps.config.baseUrl ?? `${url.origin}/fhir`,
    strict: prefersStrictHandling(c.req.header('prefer')),
  });
  return fhirJsonResponse(bundle, { status: 200, pretty: wantsPretty(url) });
}

/** The limit on a search's query string or form (`SEARCH_MAX_QUERY_LENGTH`). */
export function maxQueryLength(deps: AppDependencies): number {
  return deps.limits?.search.maxQueryLength ?? DEFAULT_SEARCH_LIMITS.maxQueryLength;
}

/** The query parameters of a search URL; 414 when the query string is longer than `maxLength`. */
export function readSearchQuery(url: string, maxLength: number): URLSearchParams {
  const parsed = new URL(url);
  if (parsed.search.length - 1 > maxLength) {
    throw new FhirError(414, error('too-long', `The search query exceeds the limit of ${maxLength} characters`));
  }
  return parsed.searchParams;
}

/**
 * Reads an `application/x-www-form-urlencoded` body (empty body allowed); 415 for other types,
 * 413 above `maxBytes` or above `maxLength` characters (a form is a query string, and parsing
 * and rendering a huge one is what held the server for seconds).
 */
export async function readSearchForm(request: Request, maxBytes: number, maxLength: number): Promise<URLSearchParams> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const text = await request.text();
  if (text.length > maxBytes) throw tooLarge(maxBytes);
  if (text.length > maxLength) {
    throw new FhirError(413, error('too-long', `The search form exceeds the limit of ${maxLength} characters`));
  }
  if (text.trim() === '') return new URLSearchParams();
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new FhirError(415, error('not-supported', 'POST _search takes an application/x-www-form-urlencoded body'));
  }
  return new URLSearchParams(text);
}

function tooLarge(maxBytes: number): FhirError {
  return new FhirError(413, error('too-long', `The search form exceeds the limit of ${maxBytes} bytes`));
}
