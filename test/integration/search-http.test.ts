/**
 * Search over HTTP: GET and POST _search, lenient and strict handling, paging links, and the
 * CapabilityStatement generated from the same parameter registry.
 * @see https://hl7.org/fhir/R4/http.html#search
 */
import { describe, expect, it } from 'vitest';
import { searchParametersOf } from '../../src/search/search-parameter-registry.js';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

async function seeded() {
  const app = appOver(STORE_KINDS[1]!.create().store);
  for (const [family, birthDate] of [
    ['Asanova', '2025-01-01'],
    ['Bekova', '2024-06-01'],
    ['Asanov', '2023-02-02'],
  ]) {
    await send(app, 'POST', 'Patient', { resourceType: 'Patient', name: [{ family }], birthDate });
  }
  return app;
}

const families = (b: fhir4.Bundle) =>
  (b.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => (e.resource as fhir4.Patient).name![0]!.family);

describe('search over HTTP', () => {
  it('GET and POST _search give the same result', async () => {
    const app = await seeded();
    const get = (await (await app.request('/fhir/Patient?family=asan&_sort=birthdate')).json()) as fhir4.Bundle;
    const post = await app.request('/fhir/Patient/_search', {
      method: 'POST',
      body: 'family=asan&_sort=birthdate',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.status).toBe(200);
    expect(families(get)).toEqual(['Asanov', 'Asanova']);
    expect(families((await post.json()) as fhir4.Bundle)).toEqual(families(get));
  });

  it('follows next links to the end, every resource once', async () => {
    const app = await seeded();
    let url: string | undefined = '/fhir/Patient?_count=1&_sort=-birthdate';
    const seen: (string | undefined)[] = [];
    while (url) {
      const bundle = (await (await app.request(url)).json()) as fhir4.Bundle;
      seen.push(...families(bundle));
      url = bundle.link?.find((l) => l.relation === 'next')?.url.replace('http://test', '');
    }
    expect(seen).toEqual(['Asanova', 'Bekova', 'Asanov']);
  });

  it('reports an unknown parameter as a warning, and answers 400 with Prefer: handling=strict', async () => {
    const app = await seeded();
    const lenient = (await (await app.request('/fhir/Patient?colour=blue')).json()) as fhir4.Bundle;
    expect(lenient.total).toBe(3);
    const outcome = lenient.entry!.at(-1)!.resource as fhir4.OperationOutcome;
    expect(outcome.issue[0]?.expression).toEqual(['colour']);
    const strict = await app.request('/fhir/Patient?colour=blue', { headers: { prefer: 'handling=strict' } });
    expect(strict.status).toBe(400);
    expect(strict.headers.get('content-type')).toContain('application/fhir+json');
    expect(((await strict.json()) as fhir4.OperationOutcome).issue[0]?.expression).toEqual(['colour']);
  });

  it('reports an ignored parameter on a search that matches nothing (found by the fuzz suite: it was a 500)', async () => {
    const app = await seeded();
    const res = await app.request('/fhir/Patient?family=nobody&_at=gt');
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as fhir4.Bundle;
    expect(bundle.entry?.map((e) => e.search?.mode)).toEqual(['outcome']);
  });

  it('answers a malformed value with a 400 OperationOutcome naming the parameter', async () => {
    const app = await seeded();
    const res = await app.request('/fhir/Patient?birthdate=yesterday');
    expect(res.status).toBe(400);
    expect(((await res.json()) as fhir4.OperationOutcome).issue[0]?.expression).toEqual(['birthdate']);
  });

  it('refuses a search needing more than 100 bound values with 400 (D1 limit, applied on every SQL store)', async () => {
    const app = await seeded();
    // 95 OR values stay within the limit of 100 per parameter; with three names they need 107 bound values.
    const ids = Array.from({ length: 95 }, (_, i) => `id-${i}`).join(',');
    const res = await app.request(`/fhir/Patient?_id=${ids}&family=a,b,c`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as fhir4.OperationOutcome).issue[0]?.code).toBe('too-long');
  });

  it('lists exactly the registry parameters in the CapabilityStatement', async () => {
    const app = await seeded();
    const statement = (await (await app.request('/fhir/metadata')).json()) as fhir4.CapabilityStatement;
    const patient = statement.rest![0]!.resource!.find((r) => r.type === 'Patient')!;
    expect(patient.interaction?.map((i) => i.code)).toContain('search-type');
    expect(patient.conditionalCreate).toBe(true);
    const names = patient.searchParam!.map((p) => p.name).sort();
    expect(names).toEqual([...searchParametersOf('Patient').keys()].sort());
    expect(patient.searchParam!.find((p) => p.name === 'birthdate')?.type).toBe('date');
    expect(patient.searchRevInclude).toContain('Observation:subject');
    const encounter = statement.rest![0]!.resource!.find((r) => r.type === 'Encounter')!;
    expect(encounter.searchInclude).toContain('Encounter:subject');
  });
});
