/**
 * Parses a FHIR search query string into a {@link ParsedSearch}: conditions, result
 * parameters, and the parameters that were ignored (reported in an OperationOutcome, or a 400
 * with `Prefer: handling=strict`).
 * @see https://hl7.org/fhir/R4/search.html
 * @see https://hl7.org/fhir/R4/search.html#errors
 * @module
 */
import { FhirError, badRequest, warning, type Issue } from '../fhir/outcome.js';
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { decodeCursor } from './page-cursor.js';
import { UnsupportedParameter, parseCondition } from './parse-conditions.js';
import { getSearchParameter } from './search-parameter-registry.js';
import type { Condition, PageCursor, SortKey } from './search-request.js';
import {
  DEFAULT_SEARCH_LIMITS,
  checkIncludeCount,
  checkParameter,
  checkParameterCount,
  checkSortKeys,
  type SearchLimits,
} from './search-limits.js';

/** `_include` / `_revinclude`: `[sourceType]:[reference param](:[targetType])`. */
export interface IncludeSpec {
  sourceType: string;
  code: string;
  targetType?: string;
  iterate: boolean;
}

/** @see https://hl7.org/fhir/R4/search.html#summary */
export type SummaryMode = 'true' | 'count' | 'data' | 'text' | 'false';

/** A parsed search request. */
export interface ParsedSearch {
  resourceType: string;
  conditions: Condition[];
  sort: SortKey[];
  count: number;
  cursor?: PageCursor;
  /** `_total` as given; absent when the request did not say (the server chooses). */
  total?: 'accurate' | 'none' | 'estimate';
  summary?: SummaryMode;
  elements?: string[];
  include: IncludeSpec[];
  revinclude: IncludeSpec[];
  /** Warnings for ignored parameters. */
  issues: Issue[];
}

/** Options of {@link parseSearch}. */
export interface ParseOptions {
  /** `Prefer: handling=strict`: unknown parameters are a 400 instead of a warning. */
  strict: boolean;
  now: number;
  defaultCount?: number;
  maxCount?: number;
  /** Limits on the request's shape; {@link DEFAULT_SEARCH_LIMITS} when absent. */
  limits?: SearchLimits;
}

/** Parameters that shape the result rather than filter it, or that the HTTP layer handles. */
const IGNORED = new Set(['_format', '_pretty', '_cursor']);

/** Parses `params` for a search on `resourceType`. */
export function parseSearch(resourceType: string, params: URLSearchParams, options: ParseOptions): ParsedSearch {
  const out: ParsedSearch = {
    resourceType,
    conditions: [],
    sort: [],
    count: options.defaultCount ?? 20,
    include: [],
    revinclude: [],
    issues: [],
  };
  const limits = options.limits ?? DEFAULT_SEARCH_LIMITS;
  checkParameterCount(params, limits);
  for (const [name, value] of params) {
    if (IGNORED.has(name)) continue;
    if (applyResultParameter(out, name, value, { ...options, limits })) continue;
    checkParameter(name, value, limits);
    try {
      out.conditions.push(parseCondition(resourceType, name, value, options.now));
    } catch (thrown) {
      if (!(thrown instanceof UnsupportedParameter)) throw thrown;
      if (options.strict) throw badRequest(`${thrown.message} (Prefer: handling=strict)`, name, 'not-supported');
      out.issues.push(warning('not-supported', `${thrown.message}; the parameter was ignored`, name));
    }
  }
  out.conditions = mergeDateRanges(out.conditions);
  const cursor = params.get('_cursor');
  if (cursor !== null) out.cursor = decodeCursor(cursor, out.sort.length + 1);
  return out;
}

function applyResultParameter(
  out: ParsedSearch,
  name: string,
  value: string,
  options: ParseOptions & { limits: SearchLimits },
): boolean {
  switch (name) {
    case '_count':
      out.count = Math.min(parseCount(value), options.maxCount ?? 1000);
      return true;
    case '_sort': {
      const keys = value.split(',', options.limits.maxSortKeys + 1);
      checkSortKeys(keys, options.limits);
      out.sort = keys.map((key) => parseSortKey(out.resourceType, key.trim()));
      return true;
    }
    case '_total':
      if (value !== 'accurate' && value !== 'none' && value !== 'estimate') {
        throw badRequest('_total must be none, estimate or accurate', '_total');
      }
      out.total = value;
      return true;
    case '_summary':
      if (!['true', 'count', 'data', 'text', 'false'].includes(value)) {
        throw badRequest('_summary must be true, count, data, text or false', '_summary');
      }
      out.summary = value as SummaryMode;
      return true;
    case '_elements':
      out.elements = value
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      return true;
  }
  const [base, modifier] = name.split(':', 2);
  if (base !== '_include' && base !== '_revinclude') return false;
  if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') {
    throw badRequest(`${name}: unknown modifier`, name);
  }
  checkIncludeCount(out.include.length + out.revinclude.length + 1, name, options.limits);
  const spec = parseInclude(value, name, modifier !== undefined);
  (base === '_include' ? out.include : out.revinclude).push(spec);
  return true;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count))
    throw badRequest('_count must be a non-negative integer', '_count');
  return count;
}

function parseSortKey(resourceType: string, key: string): SortKey {
  const descending = key.startsWith('-');
  const code = descending ? key.slice(1) : key;
  const param = getSearchParameter(resourceType, code);
  if (!param)
    throw new FhirError(400, {
      severity: 'error',
      code: 'not-supported',
      message: `Cannot sort ${resourceType} by '${code}'`,
      expression: ['_sort'],
    });
  return { code, table: param.type, descending };
}

function parseInclude(value: string, name: string, iterate: boolean): IncludeSpec {
  const [sourceType = '', code = '', targetType] = value.split(':');
  const param = isSupportedResourceType(sourceType) ? getSearchParameter(sourceType, code) : undefined;
  if (!param || param.type !== 'reference') {
    throw badRequest(`${name}=${value}: expected [type]:[reference parameter], e.g. Encounter:subject`, name);
  }
  if (targetType !== undefined && !isSupportedResourceType(targetType)) {
    throw badRequest(`${name}=${value}: '${targetType}' is not a supported type`, name);
  }
  return { sourceType, code, iterate, ...(targetType ? { targetType } : {}) };
}

const LOWER = new Set(['gt', 'ge', 'sa']);
const UPPER = new Set(['lt', 'le', 'eb']);

/**
 * `date=ge2025-03-01&date=lt2025-03-08` on one parameter is a range: both bounds must hold for
 * the same value (as HAPI reads it), which an index range scan answers. Other repeats stay AND.
 * @see https://hl7.org/fhir/R4/search.html#date
 */
function mergeDateRanges(conditions: Condition[]): Condition[] {
  const bound = (c: Condition, set: Set<string>) =>
    c.kind === 'param' &&
    c.table === 'date' &&
    !c.negate &&
    c.values.length === 1 &&
    c.values[0]!.kind === 'date' &&
    set.has(c.values[0]!.prefix);
  const out = [...conditions];
  for (let i = 0; i < out.length; i++) {
    const lower = out[i]!;
    if (!bound(lower, LOWER)) continue;
    const j = out.findIndex(
      (c, k) => k !== i && bound(c, UPPER) && c.kind === 'param' && lower.kind === 'param' && c.code === lower.code,
    );
    if (j < 0 || lower.kind !== 'param') continue;
    const upper = out[j] as Extract<Condition, { kind: 'param' }>;
    out[i] = { ...lower, values: [{ kind: 'all', values: [lower.values[0]!, upper.values[0]!] }] };
    out.splice(j, 1);
  }
  return out;
}
