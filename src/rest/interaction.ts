/**
 * A REST request below the FHIR base, read into the interaction it asks for. Transport-free: the
 * Hono routes and every Bundle entry build the same {@link RestRequest}, so an interaction
 * means the same thing over HTTP and inside a batch or transaction.
 * @see https://hl7.org/fhir/R4/http.html
 * @module
 */
import { FhirError, badRequest, error, notFound } from '../fhir/outcome.js';
import { isSupportedResourceType } from '../fhir/resource-types.js';
import { supports, type TypeInteraction } from './interactions.js';
import { toPatchDocument } from './patch.js';
import { parseReturnPreference, prefersStrictHandling, type ReturnPreference } from './prefer.js';
import { writePreconditions, type RequestHeaders } from './request-headers.js';
import { assertIdMatches, assertResourceOfType } from './resource-body.js';
import type { WriteInteraction, WriteKind } from './write/write-plan.js';

/** One request, whatever carried it. */
export interface RestRequest {
  /** `GET`, `HEAD`, `POST`, `PUT`, `PATCH` or `DELETE`. */
  method: string;
  /** Path and query below the FHIR base, e.g. `Patient/123` or `Patient?identifier=…`. */
  url: string;
  headers?: RequestHeaders;
  /** The parsed JSON body (HTTP, read with the strict reader) or the entry's resource. */
  body?: unknown;
}

/** `GET [type]/[id]`, conditional when `ifNoneMatch` names versions. */
export interface ReadInteraction {
  kind: 'read';
  resourceType: string;
  id: string;
  ifNoneMatch?: string;
}

/** `GET [type]/[id]/_history/[vid]`. */
export interface VreadInteraction {
  kind: 'vread';
  resourceType: string;
  id: string;
  versionId: string;
}

/** `GET [type]?[query]`. */
export interface SearchInteraction {
  kind: 'search';
  resourceType: string;
  params: URLSearchParams;
  /** `Prefer: handling=strict`. */
  strict: boolean;
}

/** What a request asks for, and what it wants back. */
export type Interaction = (ReadInteraction | VreadInteraction | SearchInteraction | WriteInteraction) & {
  prefer: ReturnPreference;
};

const INTERACTION_OF: Record<WriteKind | 'read' | 'vread' | 'search', TypeInteraction> = {
  read: 'read',
  vread: 'vread',
  search: 'search-type',
  create: 'create',
  update: 'update',
  patch: 'patch',
  delete: 'delete',
};

/** Reads `request` into its interaction; throws 400, 404 or 405 as the request would be answered. */
export function parseRequest(request: RestRequest): Interaction {
  const { path, query } = splitUrl(request.url);
  const segments = path.split('/').map(decodeSegment);
  const [resourceType = '', id, history, versionId] = segments;
  const instance = segments.length === 2 || (segments.length === 4 && history === '_history');
  if (segments.length > 1 && !instance) throw badRequest(`'${clip(request.url)}' is not a FHIR REST URL`);
  if (!isSupportedResourceType(resourceType))
    throw notFound(`Resource type '${clip(resourceType)}' is not supported by this server`);
  const headers = request.headers ?? {};
  const interaction = {
    ...interactionOf(request, { resourceType, id, versionId, query }),
    prefer: parseReturnPreference(headers.prefer),
  } as Interaction;
  if (!supports(resourceType, INTERACTION_OF[interaction.kind])) {
    throw new FhirError(
      405,
      error(
        'not-supported',
        `${INTERACTION_OF[interaction.kind]} is not supported on ${resourceType} (read-only here)`,
      ),
    );
  }
  return interaction;
}

interface Target {
  resourceType: string;
  id: string | undefined;
  versionId: string | undefined;
  query: string | undefined;
}

type Parsed = ReadInteraction | VreadInteraction | SearchInteraction | WriteInteraction;

function interactionOf(request: RestRequest, target: Target): Parsed {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const { resourceType, id, versionId, query } = target;
  const headers = request.headers ?? {};
  if (method === 'GET') {
    if (id === undefined) {
      const params = new URLSearchParams(query ?? '');
      return { kind: 'search', resourceType, params, strict: prefersStrictHandling(headers.prefer) };
    }
    if (versionId !== undefined) return { kind: 'vread', resourceType, id, versionId };
    return { kind: 'read', resourceType, id, ...(headers.ifNoneMatch ? { ifNoneMatch: headers.ifNoneMatch } : {}) };
  }
  const kind = WRITE_KINDS[method];
  if (!kind || versionId !== undefined || (kind === 'create' && (id !== undefined || query !== undefined))) {
    throw new FhirError(
      405,
      error('not-supported', `${clip(request.method)} is not allowed on '${clip(request.url)}'`),
    );
  }
  const write: WriteInteraction = { kind, resourceType, ...writePreconditions(kind, headers) };
  if (id !== undefined) write.id = id;
  else if (kind !== 'create') write.criteria = query ?? '';
  return withBody(write, request);
}

const WRITE_KINDS: Record<string, WriteKind> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** The body of create, update and patch, checked against the URL before anything is read. */
function withBody(write: WriteInteraction, request: RestRequest): WriteInteraction {
  const { body } = request;
  if (write.kind === 'delete') return write;
  if (body === undefined) throw badRequest(`${write.kind} needs a body`, undefined, 'required');
  if (write.kind === 'patch') {
    const mediaType = request.headers?.contentType?.split(';')[0]?.trim().toLowerCase();
    return { ...write, patch: toPatchDocument(body, mediaType) };
  }
  assertResourceOfType(body, write.resourceType);
  if (write.kind === 'update' && write.id !== undefined) assertIdMatches(body, write.id);
  return { ...write, resource: body };
}

function splitUrl(url: string): { path: string; query: string | undefined } {
  const at = url.indexOf('?');
  const path = (at < 0 ? url : url.slice(0, at)).replace(/^\/+/, '');
  return { path, query: at < 0 ? undefined : url.slice(at + 1) };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`'${clip(segment)}' is not a valid URL path segment`);
  }
}

function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 61)}...` : value;
}
