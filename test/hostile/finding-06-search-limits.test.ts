// Issue 17, finding 6: no search holds the server. Every limit of docs/limits.md exceeded is a
// 4xx OperationOutcome naming the parameter and the limit; a 1 MB `_search` form is refused
// without being parsed; and `_sort` on every sortable Patient parameter returns the oracle's
// order (the SQL now joins the index tables instead of a correlated subquery per row; its
// speed is measured by `npm run bench -- hostile`, its plan asserted in search-sort-plan.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchPatient } from '../../bench/hostile-data.js';
import { parseSearch } from '../../src/search/parse-search.js';
import { extractIndexRows } from '../../src/search/extract-index.js';
import { searchParametersOf } from '../../src/search/search-parameter-registry.js';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import type { ResourceStore } from '../../src/storage/port.js';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer } from './harness.js';

const PATIENTS = 300;
let server: RunningServer;
let oracle: ResourceStore;

beforeAll(async () => {
  // The seeded Patients point at nurses and clinics never stored: a bulk load with the write check off.
  server = await startHostileServer({ FHIR_REFERENTIAL_INTEGRITY: 'delete-only' });
  const entry = Array.from({ length: PATIENTS }, (_, i) => ({
    resource: { ...benchPatient(i), id: `p-${i}` },
    request: { method: 'PUT', url: `Patient/p-${i}` },
  }));
  const seeded = await send(server, '', {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry }),
  });
  expect(seeded.status, seeded.text.slice(0, 500)).toBe(200);
  oracle = await oracleOf(await allPatients());
}, 120_000);
afterAll(() => server?.stop());

/** The stored Patients, exactly as the server keeps them (meta included). */
async function allPatients(): Promise<fhir4.Patient[]> {
  const answer = await send(server, '/Patient?_count=1000');
  return ((answer.body as fhir4.Bundle).entry ?? []).map((e) => e.resource as fhir4.Patient);
}

/** The memory store (the oracle) holding the same versions with the same index rows. */
async function oracleOf(patients: fhir4.Patient[]): Promise<ResourceStore> {
  const store = createMemoryResourceStore();
  const writes = patients.map((resource) => ({
    resourceType: 'Patient',
    id: resource.id!,
    versionId: resource.meta!.versionId!,
    lastUpdated: resource.meta!.lastUpdated!,
    method: 'PUT' as const,
    resource,
    expect: { kind: 'absent' as const },
    index: extractIndexRows(resource),
  }));
  await store.commit({ writes });
  return store;
}

/** Ids of every page of `query`, following next links. */
async function walkIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let path: string | undefined = `/Patient?${query}`;
  while (path) {
    const answer = await send(server, path);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    const bundle = answer.body as fhir4.Bundle;
    ids.push(...(bundle.entry ?? []).map((e) => e.resource!.id!));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    path = next ? next.slice(next.indexOf('/Patient?')) : undefined;
  }
  return ids;
}

async function oracleIds(sort: string): Promise<string[]> {
  const parsed = parseSearch('Patient', new URLSearchParams({ _sort: sort }), { strict: true, now: Date.now() });
  const page = await oracle.search({
    resourceType: 'Patient',
    conditions: [],
    sort: parsed.sort,
    count: 1000,
    total: false,
  });
  return page.resources.map((v) => v.id);
}

describe('finding 6: _sort on every sortable Patient parameter', () => {
  const keys = [...searchParametersOf('Patient').keys()].flatMap((code) => [code, `-${code}`]);

  it.each(keys)('_sort=%s pages through all Patients in the oracle order', async (key) => {
    const ids = await walkIds(`_sort=${encodeURIComponent(key)}&_count=100`);
    expect(ids).toHaveLength(PATIENTS);
    expect(ids).toEqual(await oracleIds(key));
  });

  it('sorts by several keys in the oracle order', async () => {
    const sort = 'address-city,-birthdate,given';
    expect(await walkIds(`_sort=${sort}&_count=70`)).toEqual(await oracleIds(sort));
  });
});

const many = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join('&');

describe('finding 6: each search limit exceeded is a 4xx OperationOutcome', () => {
  it.each([
    [
      '51 parameters',
      `/Patient?${many(51, (i) => `gender=${i % 2 ? 'male' : 'female'}`)}`,
      400,
      /at most 50 parameters/,
    ],
    ['101 OR values', `/Patient?_id=${Array.from({ length: 101 }, (_, i) => `x${i}`).join(',')}`, 400, /100 comma/],
    ['6 _sort keys', '/Patient?_sort=family,given,birthdate,gender,address,phone', 400, /_sort takes at most 5/],
    ['11 includes', `/Patient?${many(11, () => '_include=Patient:organization')}`, 400, /at most 10 _include/],
    ['_has 5 deep', `/Patient?${'_has:Patient:link:'.repeat(5)}gender=male`, 400, /at most 4 levels/],
    ['a chain 5 deep', `/Patient?${'link:Patient.'.repeat(5)}gender=male`, 400, /at most 4 are supported/],
    ['a query over 8,192 characters', `/Patient?name=${'a'.repeat(8200)}`, 414, /8192 characters/],
    ['a :contains value over 256 characters', `/Patient?name:contains=${'a'.repeat(257)}`, 400, /at most 256/],
  ])('%s', async (_label, path, status, message) => {
    const answer = await expectNothingStored(server, () => send(server, path));
    const outcome = expectOutcomeAnswer(answer, status);
    expect(outcome.issue[0]!.details?.text).toMatch(message);
  });

  it.each([
    ['thousands of parameters', many(90_000, () => 'gender=male').slice(0, 1024 * 1024)],
    ['one 1 MB value', `name=${'a'.repeat(1024 * 1024)}`],
  ])('refuses a 1 MB _search form of %s with 413 before parsing it', async (_label, form) => {
    const answer = await expectNothingStored(server, () =>
      send(server, '/Patient/_search', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
    );
    const outcome = expectOutcomeAnswer(answer, 413);
    expect(outcome.issue[0]!.details?.text).toMatch(/8192 characters/);
  });

  // Not with 100 OR values as well: the SQL store's 100 bound values (D1's limit) come first.
  it('still answers a search at the sort, include and depth limits', async () => {
    const path =
      `/Patient?_sort=family,given,birthdate,gender,address&${many(10, () => '_include=Patient:organization')}` +
      `&_id=${Array.from({ length: 60 }, (_, i) => `p-${i}`).join(',')}&${'_has:Patient:link:'.repeat(4)}gender=male`;
    const answer = await send(server, path);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
  });
});
