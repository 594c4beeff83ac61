/**
 * Test helper: a memory store that already holds `resources` (each version 1, indexed), for unit
 * tests of code that reads through the store port.
 * @module
 */
import { extractIndexRows } from '../../search/extract-index.js';
import type { ResourceStore } from '../port.js';
import { createMemoryResourceStore } from './memory-resource-store.js';

/** A new memory store holding `resources` as created on 2026-01-01, with their index rows. */
export async function memoryStoreHolding(resources: readonly fhir4.Resource[]): Promise<ResourceStore> {
  const store = createMemoryResourceStore();
  await store.commit({
    writes: resources.map((resource) => ({
      resourceType: resource.resourceType,
      id: resource.id!,
      versionId: '1',
      lastUpdated: '2026-01-01T00:00:00.000Z',
      method: 'POST' as const,
      resource,
      expect: { kind: 'absent' as const },
      index: extractIndexRows(resource),
    })),
  });
  return store;
}
