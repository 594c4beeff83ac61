/**
 * Limits on the shape of a search request, checked before any parameter is parsed or any SQL is
 * rendered, so that a hostile query costs a scan of its text and a 400, never seconds of parsing
 * or a statement SQLite refuses as too complex (issue 17, findings 5 and 6). The spec lets a
 * server refuse a search it considers too costly.
 * @see https://hl7.org/fhir/R4/search.html#errors
 * @see https://hl7.org/fhir/R4/valueset-issue-type.html (too-costly)
 * @module
 */
import { FhirError, error } from '../fhir/outcome.js';
import { splitEscaped } from './parse-search-values.js';

/** The limits of one search request. docs/limits.md lists them. */
export interface SearchLimits {
  /** Parameters in one request, result parameters included (`SEARCH_MAX_PARAMETERS`). */
  maxParameters: number;
  /** Length of the query string or `_search` form, in characters (`SEARCH_MAX_QUERY_LENGTH`). */
  maxQueryLength: number;
  /** Comma-separated (OR) values of one parameter. */
  maxOrValues: number;
  /** `_has` levels nested in one parameter (`_has:A:r:_has:B:r:code` is 2). */
  maxHasDepth: number;
  /** Chain levels in one parameter (`subject:Patient.organization.name` is 2). */
  maxChainDepth: number;
  /** Keys of `_sort`. */
  maxSortKeys: number;
  /** `_include` and `_revinclude` parameters together. */
  maxIncludes: number;
  /**
   * Characters of a `:contains` value: SQLite's LIKE is quadratic in the pattern against a long
   * stored string (a 4 KB pattern against a 200 KB name took 3.5 s), and no real name search
   * needs more.
   */
  maxContainsLength: number;
}

/** The defaults: generous for real clients, far below what makes SQLite refuse or stall. */
export const DEFAULT_SEARCH_LIMITS: SearchLimits = {
  maxParameters: 50,
  maxQueryLength: 8192,
  maxOrValues: 100,
  maxHasDepth: 4,
  maxChainDepth: 4,
  maxSortKeys: 5,
  maxIncludes: 10,
  maxContainsLength: 256,
};

/** A 400 `too-costly` OperationOutcome naming the parameter and the limit. */
export function tooCostly(message: string, expression?: string): FhirError {
  return new FhirError(400, error('too-costly', message, expression));
}

/** Checks the number of parameters before any of them is parsed. */
export function checkParameterCount(params: URLSearchParams, limits: SearchLimits): void {
  let count = 0;
  for (const _entry of params) {
    if (++count > limits.maxParameters) {
      throw tooCostly(`A search takes at most ${limits.maxParameters} parameters`);
    }
  }
}

/** Checks one filter parameter's `_has` and chain depth and its number of OR values. */
export function checkParameter(name: string, value: string, limits: SearchLimits): void {
  const hasDepth = name.split(/(?:^|[.:])_has:/).length - 1;
  if (hasDepth > limits.maxHasDepth) {
    throw tooCostly(`'_has' is nested ${hasDepth} deep; at most ${limits.maxHasDepth} levels are supported`, name);
  }
  const chainDepth = name.split('.').length - 1;
  if (chainDepth > limits.maxChainDepth) {
    throw tooCostly(`'${name}' chains ${chainDepth} levels; at most ${limits.maxChainDepth} are supported`, name);
  }
  if (name.endsWith(':contains') && value.length > limits.maxContainsLength) {
    throw tooCostly(`'${name}' takes at most ${limits.maxContainsLength} characters`, name);
  }
  // The comma count bounds the split's size; the escaped split only runs when it might exceed.
  if (countOf(value, ',') >= limits.maxOrValues && splitEscaped(value, ',').length > limits.maxOrValues) {
    throw tooCostly(`'${name}' has more than ${limits.maxOrValues} comma-separated values`, name);
  }
}

/** Checks the number of `_sort` keys. */
export function checkSortKeys(keys: readonly string[], limits: SearchLimits): void {
  if (keys.length > limits.maxSortKeys) {
    throw tooCostly(`_sort takes at most ${limits.maxSortKeys} keys`, '_sort');
  }
}

/** Checks the number of `_include` and `_revinclude` parameters. */
export function checkIncludeCount(count: number, name: string, limits: SearchLimits): void {
  if (count > limits.maxIncludes) {
    throw tooCostly(`A search takes at most ${limits.maxIncludes} _include and _revinclude parameters`, name);
  }
}

function countOf(text: string, ch: string): number {
  let count = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) count++;
  return count;
}
