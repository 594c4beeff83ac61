/**
 * Instance, type and system history.
 * @see https://hl7.org/fhir/R4/http.html#history
 * @module
 */
import { bundleLinks, weakEtag } from '../fhir/bundle.js';
import { badRequest, notFound } from '../fhir/outcome.js';
import { dateRange } from '../search/normalize.js';
import type { StoredVersion } from '../storage/port.js';
import type { RestContext } from './context.js';

/** Parameters of a history request as the HTTP layer parsed them. */
export interface HistoryRequest {
  resourceType?: string;
  id?: string;
  /** Base URL of the FHIR endpoint, e.g. `http://127.0.0.1:8080/fhir`. */
  baseUrl: string;
  /** The request's own URL, for the `self` link. */
  selfUrl: string;
  params: URLSearchParams;
}

const DEFAULT_COUNT = 50;
const MAX_COUNT = 1000;

/** Builds a `history` Bundle, newest first, with `self`/`next`/`previous` links. */
export async function readHistory(ctx: RestContext, request: HistoryRequest): Promise<fhir4.Bundle> {
  const count = parseNonNegative(request.params.get('_count'), '_count', DEFAULT_COUNT);
  const offset = parseNonNegative(request.params.get('_offset'), '_offset', 0);
  const since = parseInstant(request.params.get('_since'), '_since');
  const before = parseAt(request.params.get('_at'));
  const snapshot = request.params.get('_snapshot');
  const page = await ctx.store.history({
    ...(request.resourceType ? { resourceType: request.resourceType } : {}),
    ...(request.id ? { id: request.id } : {}),
    ...(since ? { since } : {}),
    ...(before ? { before } : {}),
    ...(snapshot !== null ? { upTo: parseNonNegative(snapshot, '_snapshot', 0) } : {}),
    count: Math.min(count, MAX_COUNT),
    offset,
  });
  if (request.id && page.total === 0 && !since && !before) {
    throw notFound(`${request.resourceType}/${request.id} is not known`);
  }
  // A page filtered for the caller has no total it may see, only whether more follow.
  const more = page.hasMore ?? offset + count < page.total;
  return {
    resourceType: 'Bundle',
    type: 'history',
    ...(page.hasMore === undefined ? { total: page.total } : {}),
    link: bundleLinks({
      self: request.selfUrl,
      next: more ? pageUrl(request.selfUrl, offset + count, page.upTo) : undefined,
      previous: offset > 0 ? pageUrl(request.selfUrl, Math.max(0, offset - count), page.upTo) : undefined,
    }),
    // FHIR JSON has no empty arrays: an empty page has no `entry` at all.
    ...(page.versions.length > 0 ? { entry: page.versions.map((v) => historyEntry(v, request.baseUrl)) } : {}),
  };
}

function historyEntry(version: StoredVersion, baseUrl: string): fhir4.BundleEntry {
  const url = `${version.resourceType}/${version.id}`;
  const entry: fhir4.BundleEntry = {
    fullUrl: `${baseUrl}/${url}`,
    request: { method: version.method, url: version.method === 'POST' ? version.resourceType : url },
    response: {
      status: version.deleted ? '204' : version.versionId === '1' ? '201' : '200',
      etag: weakEtag(version.versionId),
      lastModified: version.lastUpdated,
    },
  };
  if (version.resource) entry.resource = version.resource;
  return entry;
}

/** A page link: the offset within the page set pinned at history position `upTo`. */
function pageUrl(selfUrl: string, offset: number, upTo: number): string {
  const url = new URL(selfUrl);
  url.searchParams.set('_offset', String(offset));
  url.searchParams.set('_snapshot', String(upTo));
  return url.toString();
}

function parseNonNegative(value: string | null, name: string, fallback: number): number {
  if (value === null) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw badRequest(`${name} must be a non-negative integer`, name);
  return parsed;
}

function parseInstant(value: string | null, name: string): string | undefined {
  if (value === null) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw badRequest(`${name} must be a FHIR instant, e.g. 2026-01-01T00:00:00Z`, name);
  }
  return new Date(time).toISOString();
}

/**
 * `_at`: a FHIR date, dateTime or instant (a real calendar date), read as the upper bound of the
 * versions listed: those updated up to the end of the period it names. Prefixes are not
 * supported; anything else is a 400 rather than a silently ignored parameter.
 * @see https://hl7.org/fhir/R4/http.html#history
 */
function parseAt(value: string | null): string | undefined {
  if (value === null) return undefined;
  const range = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.test(value)
    ? dateRange(value)
    : undefined;
  if (!range) throw badRequest(`_at must be a FHIR date or dateTime such as 2026-01-31, got '${clip(value)}'`, '_at');
  return new Date(range.high).toISOString();
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}
