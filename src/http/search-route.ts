/**
 * HTTP side of search: the query length limit, and the form body of `POST [base]/[type]/_search`
 * (the search itself runs through the router).
 * @see https://hl7.org/fhir/R4/http.html#search
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import { DEFAULT_SEARCH_LIMITS } from '../search/search-limits.js';
import type { AppDependencies } from './app.js';
import { readTextWithLimit } from './fhir-body.js';

/** The limit on a search's query string or form (`SEARCH_MAX_QUERY_LENGTH`). */
export function maxQueryLength(deps: AppDependencies): number {
  return deps.limits?.search.maxQueryLength ?? DEFAULT_SEARCH_LIMITS.maxQueryLength;
}

/** The query parameters of a search URL; 414 when the query string is longer than `maxLength`. */
export function readSearchQuery(parsed: URL, maxLength: number): URLSearchParams {
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
  // Streamed with the byte limit: a chunked body has no Content-Length to refuse up front.
  const text = await readTextWithLimit(request, maxBytes);
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
