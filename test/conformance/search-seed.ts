/**
 * Writing a corpus into a store the way the REST layer does (server meta, index rows), in
 * units of {@link SEED_UNIT} writes, with a fixed clock. Web-standard only (runs in workerd).
 */
import { withServerMeta } from '../../src/rest/resource-body.js';
import { extractIndexRows } from '../../src/search/extract-index.js';
import type { ResourceStore, ResourceWrite } from '../../src/storage/port.js';

/** The instant the suite's clock reads. */
export const SUITE_NOW = Date.parse('2026-01-01T00:00:00.000Z');
const SEED_UNIT = 25;

/** Builds the create write of `resource` (its own id) at `SUITE_NOW - n minutes`. */
export function createWrite(resource: fhir4.Resource, n: number): ResourceWrite {
  const lastUpdated = new Date(SUITE_NOW - (1000 - n) * 60_000).toISOString();
  const body = withServerMeta(resource, { id: resource.id!, versionId: '1', lastUpdated });
  return {
    resourceType: resource.resourceType,
    id: resource.id!,
    versionId: '1',
    lastUpdated,
    method: 'POST',
    resource: body,
    index: extractIndexRows(body),
    expect: { kind: 'absent' },
  };
}

/** Writes `resources` (each with an id) into `store`. */
export async function seedStore(store: ResourceStore, resources: readonly fhir4.Resource[]): Promise<void> {
  for (let start = 0; start < resources.length; start += SEED_UNIT) {
    const writes = resources.slice(start, start + SEED_UNIT).map((r, i) => createWrite(r, start + i));
    await store.commit({ writes });
  }
}
