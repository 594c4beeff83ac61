// Filtered history pages among the visible versions only: offsets count visible versions, a
// page says whether more follow rather than how many there are, and a long scan is refused.
import { describe, expect, it } from 'vitest';
import { createMemoryResourceStore } from '../storage/memory/memory-resource-store.js';
import type { ResourceStore, StoredVersion } from '../storage/port.js';
import { MAX_SCANNED_VERSIONS, filteredHistory } from './filtered-history.js';

/** A store holding `n` Organizations `o0…o(n-1)`, created in that order. */
async function storeWith(n: number): Promise<ResourceStore> {
  const store = createMemoryResourceStore();
  for (let i = 0; i < n; i++) {
    const resource = { resourceType: 'Organization', id: `o${i}` } as fhir4.Organization;
    await store.commit({
      writes: [
        {
          resourceType: 'Organization',
          id: `o${i}`,
          versionId: '1',
          lastUpdated: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
          method: 'PUT',
          resource,
          expect: { kind: 'absent' },
        },
      ],
    });
  }
  return store;
}

const even = (version: StoredVersion) => Promise.resolve(Number(version.id.slice(1)) % 2 === 0);
const query = (offset: number, count: number) => ({ resourceType: 'Organization', offset, count });

describe('filteredHistory', () => {
  it('pages through the visible versions only, newest first, without gaps or repeats', async () => {
    const store = await storeWith(450); // more than two of the store chunks it reads
    const seen: string[] = [];
    for (let offset = 0; ; offset += 40) {
      const page = await filteredHistory(store, query(offset, 40), even);
      seen.push(...page.versions.map((v) => v.id));
      if (!page.hasMore) break;
    }
    const expected = Array.from({ length: 225 }, (_, i) => `o${448 - 2 * i}`);
    expect(seen).toEqual(expected);
  });

  it('says whether more follow, and its total never counts a hidden version', async () => {
    const store = await storeWith(10);
    const first = await filteredHistory(store, query(0, 3), even);
    expect(first.versions.map((v) => v.id)).toEqual(['o8', 'o6', 'o4']);
    expect(first.hasMore).toBe(true);
    expect(first.total).toBeLessThanOrEqual(5);
    const last = await filteredHistory(store, { ...query(3, 3), upTo: first.upTo }, even);
    expect(last.versions.map((v) => v.id)).toEqual(['o2', 'o0']);
    expect(last.hasMore).toBe(false);
  });

  it('refuses, as too costly, a page it cannot fill within the scan limit', async () => {
    const store = await storeWith(MAX_SCANNED_VERSIONS + 1);
    const nothing = () => Promise.resolve(false);
    await expect(filteredHistory(store, query(0, 10), nothing)).rejects.toMatchObject({ status: 400 });
  });
});
