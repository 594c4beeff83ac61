/**
 * read and vread.
 * @see https://hl7.org/fhir/R4/http.html#read
 * @see https://hl7.org/fhir/R4/http.html#vread
 * @module
 */
import { gone, notFound } from '../fhir/outcome.js';
import type { StoredVersion } from '../storage/port.js';
import type { RestContext, RestResult } from './context.js';

/** `GET [base]/[type]/[id]`: 404 if never stored, 410 if deleted. */
export async function readResource(ctx: RestContext, resourceType: string, id: string): Promise<RestResult> {
  const current = await ctx.store.readCurrent(resourceType, id);
  if (!current) throw notFound(`${resourceType}/${id} is not known`);
  return fromVersion(current);
}

/** `GET [base]/[type]/[id]/_history/[vid]`: 404 if no such version, 410 if it is a delete marker. */
export async function vreadResource(
  ctx: RestContext,
  target: { resourceType: string; id: string; versionId: string },
): Promise<RestResult> {
  const version = await ctx.store.readVersion(target.resourceType, target.id, target.versionId);
  if (!version) throw notFound(`${target.resourceType}/${target.id} has no version ${target.versionId}`);
  return fromVersion(version);
}

function fromVersion(version: StoredVersion): RestResult {
  if (version.deleted) throw gone(version.resourceType, version.id);
  // The stored text is the body; the object is parsed only if rendering asks for it (`_pretty`).
  if (version.json !== undefined) {
    return {
      status: 200,
      json: version.json,
      version,
      get resource() {
        return version.resource;
      },
    };
  }
  if (!version.resource) throw gone(version.resourceType, version.id);
  return { status: 200, resource: version.resource, version };
}
