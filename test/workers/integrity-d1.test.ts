// Referential integrity and unique identifiers on D1 inside workerd, through the real Workers
// entry (wrangler.toml vars, default integrity settings): the guards are rows of the same D1
// batch() as the write, so a create racing the delete of its target, or fifty creates of one
// IIN, cannot both win.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { IIN_SYSTEM } from '../../src/fhir/canonical.js';

const BASE = 'http://gateway.test/fhir';

function send(method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: { 'content-type': 'application/fhir+json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

async function createPatient(): Promise<string> {
  const response = await send('POST', '/Patient', { resourceType: 'Patient' });
  expect(response.status).toBe(201);
  return ((await response.json()) as fhir4.Patient).id!;
}

const observation = (reference: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'body weight' },
  subject: { reference },
});

/** A fresh 12-digit value, so the tests of this file (one database) do not see each other's. */
const freshIin = () => String(Math.floor(Math.random() * 1e12)).padStart(12, '0');

describe('referential integrity on D1', () => {
  it('answers 422 at Observation.subject for a reference to nothing', async () => {
    const response = await send('POST', '/Observation', observation(`Patient/none-${crypto.randomUUID()}`));
    expect(response.status).toBe(422);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]).toMatchObject({ code: 'not-found', expression: ['Observation.subject'] });
  });

  it('refuses a transaction whose urn:uuid reference no entry carries, and stores none of it', async () => {
    const count = async (type: string) =>
      ((await (await send('GET', `/${type}?_summary=count`)).json()) as fhir4.Bundle).total;
    const before = [await count('Patient'), await count('Observation')];
    const response = await send('POST', '', {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: 'Patient' } },
        {
          resource: observation('urn:uuid:0c4f3b8e-5d1a-4e6b-9f70-0123456789ab'),
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    expect(response.status).toBe(400);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]?.expression?.[0]).toBe('Bundle.entry[1].resource.subject.reference');
    expect([await count('Patient'), await count('Observation')]).toEqual(before);
  });

  it('answers 409 naming the referrer when a referenced Patient is deleted', async () => {
    const patient = await createPatient();
    const created = await send('POST', '/Observation', observation(`Patient/${patient}`));
    const referrer = ((await created.json()) as fhir4.Observation).id!;
    const response = await send('DELETE', `/Patient/${patient}`);
    expect(response.status).toBe(409);
    expect(JSON.stringify(await response.json())).toContain(`Observation/${referrer}`);
    expect((await send('GET', `/Patient/${patient}`)).status).toBe(200);
  });

  it('lets exactly one of a create and the delete of its target succeed, in each of 20 concurrent pairs', async () => {
    const patients = await Promise.all(Array.from({ length: 20 }, () => createPatient()));
    const pairs = await Promise.all(
      patients.map(async (id) => {
        const [created, deleted] = await Promise.all([
          send('POST', '/Observation', observation(`Patient/${id}`)),
          send('DELETE', `/Patient/${id}`),
        ]);
        return [created.status, deleted.status];
      }),
    );
    for (const [created, deleted] of pairs) {
      expect([created, deleted]).toEqual(created === 201 ? [201, 409] : [422, 204]);
    }
  });
});

describe('unique identifiers on D1', () => {
  it('stores exactly one of 50 concurrent creates with the same IIN; the others get 409', async () => {
    const iin = freshIin();
    const body = { resourceType: 'Patient', identifier: [{ system: IIN_SYSTEM, value: iin }] };
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => send('POST', '/Patient', body).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const search = await send('GET', `/Patient?identifier=${encodeURIComponent(`${IIN_SYSTEM}|${iin}`)}`);
    expect(((await search.json()) as fhir4.Bundle).total).toBe(1);
  });
});
