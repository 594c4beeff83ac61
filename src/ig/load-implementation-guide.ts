/**
 * Stores the implementation guide's definitional resources (see {@link igResources}) with their
 * fixed ids through the normal write path, skipping those whose stored content is unchanged, so
 * restarts create no new versions and a new guide build replaces what changed.
 *
 * The guide is part of the build: `guide-validates.test.ts` validates every one of its resources
 * with the server's validator, so the write path here skips validation. Validating 47
 * StructureDefinitions with their element invariants cost about half a second of every start
 * over a new database (1.7 s before the code is warm), and the test suite alone starts a hundred.
 * @see https://hl7.org/fhir/R4/http.html#update
 * @module
 */
import type { ResourceValidator, RestContext } from '../rest/context.js';
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

/** The guide was validated when it was built and tested (see the module comment). */
const validatedAtBuild: ResourceValidator = () => [];

/**
 * Puts every guide resource that is missing or changed; returns counts. Throws when the store
 * refuses one: a server without its own guide must not start.
 */
export async function loadImplementationGuide(ctx: RestContext): Promise<IgLoadResult> {
  const result: IgLoadResult = { written: 0, unchanged: 0 };
  const writer: RestContext = { ...ctx, validate: validatedAtBuild };
  for (const resource of igResources()) {
    const stored = await ctx.store.readCurrent(resource.resourceType, resource.id);
    if (stored && !stored.deleted && stored.resource && sameContent(stored.resource, resource)) {
      result.unchanged++;
      continue;
    }
    const written = await putResource(writer, resource);
    if (written.status >= 300) {
      const refused = `${resource.resourceType}/${resource.id}`;
      throw new Error(`the implementation guide's ${refused} could not be stored (${written.status})`);
    }
    result.written++;
  }
  return result;
}
