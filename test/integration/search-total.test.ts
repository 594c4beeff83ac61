/**
 * Bundle.total when `_total` is absent (decision 010): given while at most DEFAULT_TOTAL_LIMIT
 * resources match, left out above it; `_total=accurate` and `_summary=count` always count.
 * @see https://hl7.org/fhir/R4/search.html#total
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TOTAL_LIMIT } from '../../src/rest/search.js';
import { buildWrite } from '../../src/rest/write/build-write.js';
import type { ResourceStore, ResourceWrite } from '../../src/storage/port.js';
import { STORE_KINDS, appOver } from './app-over-store.js';

/** DEFAULT_TOTAL_LIMIT Observations with code `at-limit`, and one with code `extra`. */
async function seedAboveLimit(store: ResourceStore): Promise<void> {
  const clock = () => new Date('2025-01-01T00:00:00.000Z');
  const writes: ResourceWrite[] = [];
  for (let i = 0; i <= DEFAULT_TOTAL_LIMIT; i++) {
    const id = `obs-${i}`;
    const code = i < DEFAULT_TOTAL_LIMIT ? 'at-limit' : 'extra';
    const observation: fhir4.Observation = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://example.org/codes', code }] },
    };
    const target = { resourceType: 'Observation', id };
    writes.push(buildWrite({ clock }, target, { resource: observation, previous: undefined, method: 'POST' }));
  }
  // Units of 100, as a client's transactions would write them.
  for (let start = 0; start < writes.length; start += 100)
    await store.commit({ writes: writes.slice(start, start + 100) });
}

for (const kind of STORE_KINDS) {
  describe(`Bundle.total without _total (${kind.name})`, () => {
    let app: ReturnType<typeof appOver>;
    const search = async (query: string) => (await (await app.request(`/fhir/${query}`)).json()) as fhir4.Bundle;
    beforeAll(async () => {
      const { store } = kind.create();
      await seedAboveLimit(store);
      app = appOver(store);
    });

    it('gives the exact total when at most the limit match', async () => {
      const bundle = await search('Observation?code=at-limit');
      expect(bundle.total).toBe(DEFAULT_TOTAL_LIMIT);
      expect(bundle.entry).toHaveLength(20);
    });

    it('leaves the total out when more than the limit match, and still pages', async () => {
      const bundle = await search('Observation');
      expect(bundle).not.toHaveProperty('total');
      expect(bundle.entry).toHaveLength(20);
      expect(bundle.link?.some((l) => l.relation === 'next')).toBe(true);
    });

    it('counts every match with _total=accurate or _summary=count', async () => {
      expect((await search('Observation?_total=accurate')).total).toBe(DEFAULT_TOTAL_LIMIT + 1);
      expect((await search('Observation?_summary=count')).total).toBe(DEFAULT_TOTAL_LIMIT + 1);
    });

    it('gives no total with _total=none', async () => {
      expect(await search('Observation?code=extra&_total=none')).not.toHaveProperty('total');
    });
  });
}
