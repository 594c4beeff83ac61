/**
 * Reading the entries of a transaction or batch Bundle: method, target URL, headers-as-fields.
 * Each malformed entry is a 400 naming `Bundle.entry[i]…`.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 * @module
 */
import { parseEtag } from '../fhir/bundle.js';
import { FhirError, badRequest, type Issue } from '../fhir/outcome.js';
import { isSupportedResourceType } from '../fhir/resource-types.js';

/** HTTP verbs of Bundle.entry.request.method. @see https://hl7.org/fhir/R4/valueset-http-verb.html */
export type EntryMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One entry, parsed. */
export interface ParsedEntry {
  index: number;
  method: EntryMethod;
  resourceType: string;
  id?: string;
  versionId?: string;
  /** The query string of a search or conditional URL, without `?`. */
  query?: string;
  fullUrl?: string;
  resource?: fhir4.Resource;
  ifMatch?: string;
  ifNoneExist?: string;
  ifNoneMatch?: boolean;
}

const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
const URL_PATTERN = /^([A-Z][A-Za-z]+)(?:\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/([A-Za-z0-9\-.]{1,64}))?)?(?:\?(.*))?$/;

/** Asserts a transaction or batch Bundle and returns its type. */
export function assertProcessableBundle(body: unknown): 'transaction' | 'batch' {
  const bundle = body as Partial<fhir4.Bundle> | null;
  if (bundle?.resourceType !== 'Bundle') throw badRequest('POST [base] takes a Bundle', 'resourceType');
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    throw badRequest(`Bundle.type must be transaction or batch, not '${String(bundle.type)}'`, 'Bundle.type');
  }
  if (bundle.entry !== undefined && !Array.isArray(bundle.entry))
    throw badRequest('Bundle.entry must be an array', 'Bundle.entry');
  return bundle.type;
}

/** Parses entry `index` of a Bundle; `baseUrl` is stripped from absolute request URLs. */
export function parseEntry(entry: fhir4.BundleEntry, index: number, baseUrl: string): ParsedEntry {
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
  const [, resourceType, id, versionId, query] = match;
  const parsed: ParsedEntry = { index, method: request.method as EntryMethod, resourceType: resourceType! };
  if (id) parsed.id = id;
  if (versionId) parsed.versionId = versionId;
  if (query !== undefined) parsed.query = query;
  if (typeof entry.fullUrl === 'string') parsed.fullUrl = entry.fullUrl;
  if (entry.resource) parsed.resource = structuredClone(entry.resource);
  if (request.ifMatch) parsed.ifMatch = parseEtag(request.ifMatch) ?? request.ifMatch;
  if (request.ifNoneExist) parsed.ifNoneExist = request.ifNoneExist;
  if (request.ifNoneMatch?.trim() === '*') parsed.ifNoneMatch = true;
  assertShape(parsed, at);
  return parsed;
}

function assertShape(entry: ParsedEntry, at: string): void {
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

/** Re-throws `thrown` with its issues located at entry `index`. */
export function locateError(thrown: unknown, index: number): unknown {
  if (!(thrown instanceof FhirError)) return thrown;
  const at = `Bundle.entry[${index}]`;
  const issues: Issue[] = thrown.issues.map((issue) => ({
    ...issue,
    message: issue.message.startsWith(at) ? issue.message : `${at}: ${issue.message}`,
    expression: [at, ...(issue.expression ?? []).filter((e) => e !== at)],
  }));
  return new FhirError(thrown.status, issues);
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
};

/** `Bundle.entry.response.status`: code and reason phrase. */
export function statusLine(status: number): string {
  return REASONS[status] ? `${status} ${REASONS[status]}` : String(status);
}
