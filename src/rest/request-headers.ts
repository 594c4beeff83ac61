/**
 * The request headers that change what an interaction means, read the same way from an HTTP
 * request and from a Bundle entry's `request` (whose fields carry the same names): `If-Match`,
 * `If-None-Match`, `If-None-Exist`, `Prefer`, and the media type of a PATCH body. A header
 * that does not apply to the interaction is a 400, never silently ignored, except on reads,
 * where caches send validators freely.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @see https://hl7.org/fhir/R4/bundle-definitions.html#Bundle.entry.request
 * @module
 */
import { badRequest } from '../fhir/outcome.js';
import type { WriteInteraction, WriteKind } from './write/write-plan.js';

/** The headers the router reads; over HTTP from the request, in a Bundle from `entry.request`. */
export interface RequestHeaders {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
  ifNoneExist?: string | undefined;
  prefer?: string | undefined;
  /** The media type of the body (PATCH tells JSON Patch from FHIRPath Patch by it). */
  contentType?: string | undefined;
}

/** A version id as this server writes them, in an ETag (`W/"3"`, `"3"`) or bare (`3`). */
const ETAG = /^\s*(?:W\/)?"([A-Za-z0-9\-.]{1,64})"\s*$|^\s*([A-Za-z0-9\-.]{1,64})\s*$/;

/**
 * The version id of an ETag, or `*`; `undefined` when `value` is not one.
 * @see https://hl7.org/fhir/R4/http.html#versioning
 */
export function parseVersionTag(value: string): string | undefined {
  if (value.trim() === '*') return '*';
  const match = ETAG.exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The preconditions of a write of `kind`, from its headers; 400 for a malformed or misplaced one. */
export function writePreconditions(
  kind: WriteKind,
  headers: RequestHeaders,
): Pick<WriteInteraction, 'ifMatch' | 'ifNoneMatch' | 'criteria'> {
  const found: Pick<WriteInteraction, 'ifMatch' | 'ifNoneMatch' | 'criteria'> = {};
  if (headers.ifMatch !== undefined) {
    if (kind === 'create') throw badRequest('If-Match applies to update, patch and delete, not to create');
    const version = parseVersionTag(headers.ifMatch);
    if (version === undefined) throw badRequest(`If-Match '${clip(headers.ifMatch)}' is not an ETag such as W/"1"`);
    found.ifMatch = version;
  }
  if (headers.ifNoneMatch !== undefined) {
    if (kind !== 'update') throw badRequest(`If-None-Match applies to read and update, not to ${kind}`);
    if (headers.ifNoneMatch.trim() !== '*')
      throw badRequest(`If-None-Match '${clip(headers.ifNoneMatch)}' is not supported on update; use *`);
    found.ifNoneMatch = true;
  }
  if (headers.ifNoneExist !== undefined) {
    if (kind !== 'create') throw badRequest(`If-None-Exist applies to create, not to ${kind}`);
    found.criteria = headers.ifNoneExist;
  }
  return found;
}

/**
 * The versions an `If-None-Match` on a read names (a list of ETags, or `*` for any); malformed
 * members name nothing, so the read is answered in full.
 * @see https://hl7.org/fhir/R4/http.html#cread
 */
export function notModifiedVersions(header: string): Set<string> {
  const versions = new Set<string>();
  for (const member of header.split(',')) {
    const version = parseVersionTag(member);
    if (version !== undefined) versions.add(version);
  }
  return versions;
}

function clip(value: string): string {
  return value.length > 64 ? `${value.slice(0, 61)}...` : value;
}
