import { describe, expect, it } from 'vitest';
import type { RestContext } from '../rest/context.js';
import { findMatches, parseCriteria } from '../rest/criteria.js';
import { extractIndexRows } from '../search/extract-index.js';
import { memoryStoreHolding } from '../storage/memory/memory-store-holding.js';
import type { ResourceStore } from '../storage/port.js';
import { identityQuery } from './engine.js';
import { withPrefetchedIdentities, type IdentityLookup } from './identity-prefetch.js';

const IIN = 'http://fhir.patronage.kz/sid/iin';
const OBS = 'https://fhir.patronage.kz/sid/observation';

function patient(id: string, iin: string): fhir4.Patient {
  return { resourceType: 'Patient', id, identifier: [{ system: IIN, value: iin }] };
}

async function contextHolding(resources: fhir4.Resource[]) {
  const memory = await memoryStoreHolding(resources);
  const searched: string[] = [];
  const store: ResourceStore = {
    ...memory,
    search: (query) => {
      searched.push(query.resourceType);
      return memory.search(query);
    },
    commit: (unit) => memory.commit(unit),
  };
  let next = 0;
  const ctx = {
    store,
    clock: () => new Date('2026-06-01T00:00:00Z'),
    validate: () => [],
    newId: () => `new-${next++}`,
  } satisfies RestContext;
  return { ctx, searched };
}

/** What a conditional form finds for the identity through `ctx`. */
async function find(ctx: RestContext, lookup: IdentityLookup): Promise<string[]> {
  const conditions = parseCriteria(ctx, lookup.resourceType, identityQuery(lookup.identity), 'criteria');
  return (await findMatches(ctx, lookup.resourceType, conditions)).map((m) => m.id);
}

const lookup = (resourceType: string, system: string, value: string): IdentityLookup => ({
  resourceType,
  identity: { system, value },
});

describe('withPrefetchedIdentities', () => {
  const held = [
    patient('child', '240101500017'),
    patient('mother', '950505400123'),
    patient('twin-a', '111111111111'),
    patient('twin-b', '111111111111'),
    { resourceType: 'Observation', id: 'w', status: 'final', code: { text: 'w' }, identifier: [{ system: OBS, value: 'r1-w' }] } as fhir4.Observation,
  ];
  const lookups = [
    lookup('Patient', IIN, '240101500017'),
    lookup('Patient', IIN, '950505400123'),
    lookup('Patient', IIN, '111111111111'),
    lookup('Patient', IIN, '000000000000'),
    lookup('Observation', OBS, 'r1-w'),
    lookup('Observation', OBS, 'r1-h'),
  ];

  it('answers each identity as the store would, with one search per type and system', async () => {
    const plain = await contextHolding(held);
    const expected = [];
    for (const l of lookups) expected.push(await find(plain.ctx, l));

    const { ctx, searched } = await contextHolding(held);
    const prefetched = await withPrefetchedIdentities(ctx, lookups);
    expect(searched).toEqual(['Patient', 'Observation']);
    const answers = [];
    for (const l of lookups) answers.push(await find(prefetched, l));
    expect(answers.map((ids) => ids.sort())).toEqual(expected.map((ids) => ids.sort()));
    expect(answers).toEqual([['child'], ['mother'], ['twin-a', 'twin-b'], [], ['w'], []]);
    // Every answer came from the two prefetching searches.
    expect(searched).toHaveLength(2);
  });

  it('answers an identity once, and nothing after a commit', async () => {
    const { ctx, searched } = await contextHolding(held);
    const prefetched = await withPrefetchedIdentities(ctx, lookups);
    await find(prefetched, lookups[0]!);
    await find(prefetched, lookups[0]!);
    expect(searched).toHaveLength(3);
    await prefetched.store.commit({
      writes: [
        {
          resourceType: 'Patient',
          id: 'mother-2',
          versionId: '1',
          lastUpdated: '2026-01-02T00:00:00.000Z',
          method: 'POST',
          resource: patient('mother-2', '950505400123'),
          expect: { kind: 'absent' },
          index: extractIndexRows(patient('mother-2', '950505400123')),
        },
      ],
    });
    // Searched again after the write: the new resource is found.
    expect((await find(prefetched, lookups[1]!)).sort()).toEqual(['mother', 'mother-2']);
    expect(searched).toHaveLength(4);
  });
});
