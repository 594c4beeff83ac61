// Search through the real Workers entry (src/entry/worker.ts) with D1, as deployed.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const BASE = 'http://gateway.test/fhir';
const IIN = 'http://patronage.kz/fhir/sid/iin';

describe('search on the Workers entry', () => {
  it('finds a resource it has just created, by identifier and by chain', async () => {
    const value = crypto.randomUUID();
    const created = await exports.default.fetch(
      new Request(`${BASE}/Patient`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', 'if-none-exist': `identifier=${IIN}|${value}` },
        body: JSON.stringify({ resourceType: 'Patient', identifier: [{ system: IIN, value }] }),
      }),
    );
    expect(created.status).toBe(201);
    const id = ((await created.json()) as fhir4.Patient).id;
    const encounter = await exports.default.fetch(
      new Request(`${BASE}/Encounter`, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify({
          resourceType: 'Encounter',
          status: 'planned',
          class: { code: 'HH' },
          subject: { reference: `Patient/${id}` },
        }),
      }),
    );
    expect(encounter.status).toBe(201);
    const search = await exports.default.fetch(
      new Request(`${BASE}/Encounter?subject:Patient.identifier=${IIN}|${value}&_include=Encounter:subject`),
    );
    expect(search.status).toBe(200);
    const bundle = (await search.json()) as fhir4.Bundle;
    expect(bundle.total).toBe(1);
    expect(bundle.entry?.map((e) => e.search?.mode)).toEqual(['match', 'include']);
  });
});
