/**
 * The few storage moves the plans code makes, all through the REST pipeline (validation, index
 * rows, reactions): search, conditional create, and update guarded by the version read.
 * @module
 */
import type { RestContext, RestResult } from '../rest/context.js';
import { searchType } from '../rest/search.js';
import { runWrite } from '../rest/write/run-write.js';

/**
 * Resources of `resourceType` matching `query` (a FHIR search query string), first page of up to
 * `count`. No total: nobody here reads it, and counting cost a second statement per search (a
 * child's plan made three).
 */
export async function findResources<T extends fhir4.Resource>(
  ctx: RestContext,
  resourceType: T['resourceType'],
  query: Record<string, string>,
  count = 100,
): Promise<T[]> {
  const params = new URLSearchParams({ ...query, _count: String(count), _total: 'none' });
  const bundle = await searchType(ctx, { resourceType, params, baseUrl: '', strict: false });
  return (bundle.entry ?? []).map((entry) => entry.resource).filter((r): r is T => r?.resourceType === resourceType);
}

/** Creates `resource` unless one matches `criteria` (`If-None-Exist`). */
export function createUnlessExists(ctx: RestContext, resource: fhir4.Resource, criteria: string): Promise<RestResult> {
  return runWrite(ctx, { kind: 'create', resourceType: resource.resourceType, resource, criteria });
}

/** Updates `resource` only if its current version is still `versionId` (412 otherwise). */
export function updateIfUnchanged(ctx: RestContext, resource: fhir4.Resource & { id: string }, versionId: string) {
  return runWrite(ctx, {
    kind: 'update',
    resourceType: resource.resourceType,
    id: resource.id,
    resource,
    ifMatch: versionId,
  });
}

/** `Type/id` of a resource. */
export function referenceTo(resource: fhir4.Resource): string {
  return `${resource.resourceType}/${resource.id ?? ''}`;
}

/** Every match of `query` with what it includes, page after page (`_count` pages of up to 1,000). */
export async function findAllWithIncludes(
  ctx: RestContext,
  resourceType: string,
  query: Record<string, string>,
): Promise<fhir4.FhirResource[]> {
  const found: fhir4.FhirResource[] = [];
  let params: URLSearchParams | undefined = new URLSearchParams({ ...query, _count: '1000', _total: 'none' });
  while (params) {
    const bundle = await searchType(ctx, { resourceType, params, baseUrl: 'urn:plans', strict: false });
    for (const entry of bundle.entry ?? []) if (entry.resource) found.push(entry.resource as fhir4.FhirResource);
    const next = bundle.link?.find((link) => link.relation === 'next')?.url;
    params = next ? new URL(next).searchParams : undefined;
  }
  return found;
}
