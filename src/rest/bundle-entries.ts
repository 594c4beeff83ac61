/**
 * Reading the entries of a transaction or batch Bundle: method, target URL, headers-as-fields.
 * Each malformed entry is a 400 naming `Bundle.entry[i]…`.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import { toKnownFhirError } from './known-errors.js';
import { weakEtag } from '../fhir/bundle.js';
import { FhirError, badRequest, error, toOperationOutcome, type Issue } from '../fhir/outcome.js';
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { withStoredText } from '../fhir/bundle-text.js';
import type { RestResult } from './context.js';
import { storedTextOf } from './result-text.js';
import { parseRequest, type Interaction } from './interaction.js';

/** HTTP verbs of Bundle.entry.request.method. @see https://hl7.org/fhir/R4/valueset-http-verb.html */
export type EntryMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One entry, parsed into the interaction it asks for. */
export interface ParsedEntry {
  index: number;
  method: EntryMethod;
  fullUrl?: string;
  interaction: Interaction;
}

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const URL_PATTERN = /^([A-Z][A-Za-z]+)(?:\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?)?(?:\?(.*))?$/;

/**
 * Parses entry `index` of a Bundle: its shape here (400 located at the entry), its meaning by
 * the router's {@link parseRequest}, exactly as the same request over HTTP. `baseUrl` is
 * stripped from absolute request URLs; `prefer` is the Bundle request's `Prefer` header, which
 * applies to every entry.
 */
export function parseEntry(entry: fhir4.BundleEntry, index: number, baseUrl: string, prefer?: string): ParsedEntry {
  const at = `Bundle.entry[${index}]`;
  const request = entry?.request;
  if (!request || typeof request.url !== 'string' || !METHODS.has(String(request.method))) {
    throw badRequest(`${at} needs request.method (GET, POST, PUT, PATCH, DELETE) and request.url`, `${at}.request`);
  }
  const url = request.url.startsWith(`${baseUrl}/`) ? request.url.slice(baseUrl.length + 1) : request.url;
  const match = URL_PATTERN.exec(url);
  if (!match || !isSupportedResourceType(match[1]!)) {
    throw badRequest(
      `${at}.request.url '${request.url}' is not [type], [type]/[id] or [type]?[query] of a supported type`,
      `${at}.request.url`,
    );
  }
  const method = request.method as EntryMethod;
  assertShape({ method, id: match[2], query: match[4], resource: entry.resource }, at);
  const interaction = parseRequest({
    method,
    url,
    headers: {
      ifMatch: request.ifMatch,
      ifNoneMatch: request.ifNoneMatch,
      ifNoneExist: request.ifNoneExist,
      prefer,
    },
    ...(entry.resource ? { body: entry.resource } : {}),
  });
  return { index, method, interaction, ...(typeof entry.fullUrl === 'string' ? { fullUrl: entry.fullUrl } : {}) };
}

interface EntryShape {
  method: EntryMethod;
  id: string | undefined;
  query: string | undefined;
  resource: fhir4.Resource | undefined;
}

function assertShape(entry: EntryShape, at: string): void {
  const needsBody = entry.method === 'POST' || entry.method === 'PUT' || entry.method === 'PATCH';
  if (needsBody && !entry.resource) throw badRequest(`${at} (${entry.method}) needs a resource`, `${at}.resource`);
  if (
    (entry.method === 'PUT' || entry.method === 'DELETE' || entry.method === 'PATCH') &&
    !entry.id &&
    entry.query === undefined
  ) {
    throw badRequest(`${at} (${entry.method}) needs [type]/[id] or [type]?[criteria]`, `${at}.request.url`);
  }
  if (entry.method === 'POST' && (entry.id || entry.query !== undefined)) {
    throw badRequest(`${at} (POST) takes the type only, e.g. 'Patient'`, `${at}.request.url`);
  }
}

/**
 * `thrown` as a {@link FhirError} located at entry `index`, or `undefined` for a genuine internal
 * error. A stack overflow is input that nests too deep for this code path: the client's 400,
 * not our 500.
 */
export function locateError(thrown: unknown, index: number): FhirError | undefined {
  const known = toKnownFhirError(thrown);
  if (!known) return undefined;
  const at = `Bundle.entry[${index}]`;
  const issues: Issue[] = known.issues.map((issue) => ({
    ...issue,
    message: issue.message.startsWith(at) ? issue.message : `${at}: ${issue.message}`,
    expression: [entryExpression(at, issue.expression?.[0])],
  }));
  return new FhirError(known.status, issues);
}

/** A resource's own path (`Observation.valueQuantity.value`), as FHIRPath from the Bundle. */
const RESOURCE_PATH = /^[A-Z][A-Za-z]*(?=\.|$)/;

/**
 * One full path from the Bundle: `Observation.subject` of entry 2 becomes
 * `Bundle.entry[2].resource.subject`; a path already in the Bundle stays; anything else (a header,
 * a request parameter) is the entry itself.
 */
function entryExpression(at: string, expression: string | undefined): string {
  if (expression === undefined) return at;
  if (expression.startsWith('Bundle.entry[')) return expression;
  const type = RESOURCE_PATH.exec(expression);
  return type ? `${at}.resource${expression.slice(type[0].length)}` : at;
}

const REASONS: Record<number, string> = {
  503: 'Service Unavailable',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  304: 'Not Modified',
  413: 'Payload Too Large',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** `Bundle.entry.response.status`: code and reason phrase. */
export function statusLine(status: number): string {
  return REASONS[status] ? `${status} ${REASONS[status]}` : String(status);
}

/** A response entry from an interaction result, shaped by the result's `Prefer: return`. */
export function resultEntry(result: RestResult, baseUrl: string): fhir4.BundleEntry {
  const response: fhir4.BundleEntryResponse = { status: statusLine(result.status) };
  const version = result.version;
  if (version) {
    response.location = `${version.resourceType}/${version.id}/_history/${version.versionId}`;
    response.etag = weakEtag(version.versionId);
    response.lastModified = version.lastUpdated;
  }
  response.outcome = toOperationOutcome(result.issues ?? []);
  const entry: fhir4.BundleEntry = { response };
  // Prefer: return=minimal or OperationOutcome leaves the resource out, as over HTTP.
  const wantsResource = result.prefer === undefined || result.prefer === 'representation';
  if (wantsResource && result.resource) {
    entry.resource = result.resource;
    const stored = storedTextOf(result);
    if (stored !== undefined) withStoredText(entry, stored);
    if (result.resource.id && result.resource.resourceType !== 'Bundle') {
      entry.fullUrl = `${baseUrl}/${result.resource.resourceType}/${result.resource.id}`;
    }
  }
  return entry;
}

/**
 * Drops `fullUrl` from an entry that repeats an earlier entry's fullUrl at the same version (a GET
 * of a resource the same Bundle wrote, or read twice), so the response keeps bdl-7; the
 * entry's `response.location` still names the resource.
 * @see https://hl7.org/fhir/R4/bundle.html#invs
 */
export function withDistinctFullUrls(entries: fhir4.BundleEntry[]): fhir4.BundleEntry[] | undefined {
  // FHIR JSON has no empty arrays: a Bundle without entries has no `entry`.
  if (entries.length === 0) return undefined;
  const seen = new Set<string>();
  return entries.map((entry) => {
    if (!entry.fullUrl) return entry;
    const key = `${entry.fullUrl}|${entry.resource?.meta?.versionId ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      return entry;
    }
    const { fullUrl: _repeated, ...rest } = entry;
    return rest;
  });
}

/**
 * The response entry of an entry that failed: its own status and OperationOutcome. A genuine
 * internal error is a 500 of this entry alone, logged without the client's data.
 */
export function failedEntry(thrown: unknown, index: number, note = ''): fhir4.BundleEntry {
  const located = locateError(thrown, index);
  if (located) return { response: { status: statusLine(located.status), outcome: located.outcome } };
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  console.error(`Bundle.entry[${index}] failed with an internal error (${name})`);
  const at = `Bundle.entry[${index}]`;
  const internal = error('exception', `${at}: internal error while processing this entry${note}`, at);
  return { response: { status: statusLine(500), outcome: toOperationOutcome([internal]) } };
}
