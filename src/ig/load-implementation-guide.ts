/**
 * Stores the implementation guide's definitional resources (see {@link igResources}) with their
 * fixed ids through the normal write path, skipping those whose stored content is unchanged, so
 * restarts create no new versions and a new guide build replaces what changed.
 * @see https://hl7.org/fhir/R4/http.html#update
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { putResource } from '../rest/router.js';
import { igResources } from './ig-resources.js';

/** JSON with object keys sorted, so that key order does not count as a change. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The resource without server metadata, `resourceType` and `id` first as the store writes it. */
function withoutMeta(resource: fhir4.Resource): string {
  const { resourceType, id, meta: _meta, ...rest } = resource;
  return JSON.stringify({ resourceType, id, ...rest });
}

/** Same content? Fast path on the store's key order, then a key-order-independent comparison. */
function sameContent(stored: fhir4.Resource, guide: fhir4.Resource): boolean {
  if (withoutMeta(stored) === withoutMeta(guide)) return true;
  const { meta: _a, ...a } = stored;
  const { meta: _b, ...b } = guide;
  return canonicalJson(a) === canonicalJson(b);
}

/** Counts of what {@link loadImplementationGuide} did. */
export interface IgLoadResult {
  written: number;
  unchanged: number;
}

/** Puts every guide resource that is missing or changed; returns counts. */
export async function loadImplementationGuide(ctx: RestContext): Promise<IgLoadResult> {
  const result: IgLoadResult = { written: 0, unchanged: 0 };
  for (const resource of igResources()) {
    const stored = await ctx.store.readCurrent(resource.resourceType, resource.id);
    if (stored && !stored.deleted && stored.resource && sameContent(stored.resource, resource)) {
      result.unchanged++;
      continue;
    }
    await putResource(ctx, resource);
    result.written++;
  }
  return result;
}
