// The real Workers entry (src/entry/worker.ts) in workerd with D1: the FHIR REST core through
// the Worker's own fetch handler, as deployed (wrangler.toml vars, demo data on).
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const BASE = 'http://gateway.test/fhir';
const FHIR_JSON = 'application/fhir+json';

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${BASE}${path}`, init));
}

function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(path, { method, body: JSON.stringify(body), headers: { 'content-type': FHIR_JSON, ...headers } });
}

async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  expect(response.headers.get('content-type')).toContain(FHIR_JSON);
  return (await response.json()) as T;
}

/** Creates a Patient and returns its server-assigned id. */
async function createPatient(body: Record<string, unknown> = {}): Promise<string> {
  const response = await send('POST', '/Patient', { resourceType: 'Patient', ...body });
  expect(response.status).toBe(201);
  return (await json<fhir4.Patient>(response)).id!;
}

const IIN = 'http://patronage.kz/fhir/sid/iin';

/** A fresh 12-digit identifier, so tests sharing this file's database do not see each other. */
function uniqueIin(): string {
  return String(Math.floor(Math.random() * 1e12)).padStart(12, '0');
}

/** A transaction creating a child and a home visit that refers to it by urn:uuid. */
function visitTransaction(iin: string) {
  const child = `urn:uuid:${crypto.randomUUID()}`;
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: child,
        resource: { resourceType: 'Patient', identifier: [{ system: IIN, value: iin }] },
        request: { method: 'POST', url: 'Patient' },
      },
      {
        resource: {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: 'HH' },
          subject: { reference: child },
        },
        request: { method: 'POST', url: 'Encounter' },
      },
    ],
  };
}

describe('FHIR REST on Workers with D1', () => {
  it('loads the demo data on the first request and serves it', async () => {
    const response = await call('/Patient/demo-child');
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ resourceType: 'Patient', id: 'demo-child', meta: { versionId: '1' } });
  });

  it('serves the implementation guide read-only, searchable by url', async () => {
    const url = 'https://fhir.patronage.kz/StructureDefinition/kz-patronage-encounter';
    const found = await json<fhir4.Bundle>(await call(`/StructureDefinition?url=${encodeURIComponent(url)}`));
    expect(found.entry?.map((e) => (e.resource as fhir4.StructureDefinition).url)).toEqual([url]);
    const put = await send('PUT', '/StructureDefinition/kz-patronage-encounter', found.entry![0]!.resource);
    expect(put.status).toBe(405);
  });

  it('creates with POST: 201, server id, Location, ETag and Last-Modified', async () => {
    const response = await send('POST', '/Patient', { resourceType: 'Patient', id: 'ignored', gender: 'female' });
    expect(response.status).toBe(201);
    const body = await json<fhir4.Patient>(response);
    expect(body.id).not.toBe('ignored');
    expect(body.meta?.versionId).toBe('1');
    expect(response.headers.get('location')).toBe(`${BASE}/Patient/${body.id}/_history/1`);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(new Date(response.headers.get('last-modified')!).toISOString().slice(0, 19)).toBe(
      body.meta?.lastUpdated?.slice(0, 19),
    );
  });

  it('reads what it created: 200 with the same body and ETag', async () => {
    const id = await createPatient({ birthDate: '2025-01-15' });
    const response = await call(`/Patient/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(await json(response)).toMatchObject({ id, birthDate: '2025-01-15' });
  });

  it('updates with a matching If-Match: 200 and version 2; version 1 stays readable', async () => {
    const id = await createPatient({ gender: 'male' });
    const update = { resourceType: 'Patient', id, gender: 'female' };
    const response = await send('PUT', `/Patient/${id}`, update, { 'if-match': 'W/"1"' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('W/"2"');
    expect(await json(await call(`/Patient/${id}`))).toMatchObject({ gender: 'female', meta: { versionId: '2' } });
    expect(await json(await call(`/Patient/${id}/_history/1`))).toMatchObject({ gender: 'male' });
  });

  it('returns 412 OperationOutcome when If-Match is stale, and changes nothing', async () => {
    const id = await createPatient();
    await send('PUT', `/Patient/${id}`, { resourceType: 'Patient', id, active: true });
    const stale = await send(
      'PUT',
      `/Patient/${id}`,
      { resourceType: 'Patient', id, active: false },
      { 'if-match': 'W/"1"' },
    );
    expect(stale.status).toBe(412);
    expect(await json(stale)).toMatchObject({ resourceType: 'OperationOutcome' });
    expect(await json(await call(`/Patient/${id}`))).toMatchObject({ active: true, meta: { versionId: '2' } });
  });

  it('creates with PUT at a client id: 201, then 200 on the next update', async () => {
    const id = `client-${crypto.randomUUID()}`;
    expect((await send('PUT', `/Patient/${id}`, { resourceType: 'Patient', id })).status).toBe(201);
    expect((await send('PUT', `/Patient/${id}`, { resourceType: 'Patient', id, active: true })).status).toBe(200);
  });

  it('deletes: 204, then 410 Gone on read, 404 for an id never stored', async () => {
    const id = await createPatient();
    expect((await call(`/Patient/${id}`, { method: 'DELETE' })).status).toBe(204);
    const read = await call(`/Patient/${id}`);
    expect(read.status).toBe(410);
    expect(await json(read)).toMatchObject({ resourceType: 'OperationOutcome' });
    expect((await call(`/Patient/never-${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('lists instance history newest first, including the delete', async () => {
    const id = await createPatient();
    await send('PUT', `/Patient/${id}`, { resourceType: 'Patient', id, active: true });
    await call(`/Patient/${id}`, { method: 'DELETE' });
    const response = await call(`/Patient/${id}/_history`);
    expect(response.status).toBe(200);
    const bundle = await json<fhir4.Bundle>(response);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'history', total: 3 });
    expect(bundle.entry?.map((e) => e.request?.method)).toEqual(['DELETE', 'PUT', 'POST']);
  });

  it('lets exactly one of ten concurrent updates with the same If-Match succeed; the rest get 412', async () => {
    const id = await createPatient();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send(
          'PUT',
          `/Patient/${id}`,
          { resourceType: 'Patient', id, name: [{ text: `n${i}` }] },
          { 'if-match': 'W/"1"' },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(412)]);
    const history = await json<fhir4.Bundle>(await call(`/Patient/${id}/_history`));
    expect(history.total).toBe(2);
  });

  it('commits a transaction Bundle on D1 whole, with urn:uuid references rewritten and searchable', async () => {
    const iin = uniqueIin();
    const response = await send('POST', '', visitTransaction(iin));
    expect(response.status).toBe(200);
    const bundle = await json<fhir4.Bundle>(response);
    expect(bundle.entry?.map((e) => e.response?.status)).toEqual(['201 Created', '201 Created']);
    const found = await json<fhir4.Bundle>(await call(`/Encounter?subject:Patient.identifier=${IIN}|${iin}`));
    expect(found.total).toBe(1);
  });

  it('leaves nothing behind on D1 when the last entry of a transaction fails', async () => {
    const iin = uniqueIin();
    const transaction = visitTransaction(iin);
    const late = {
      resource: { resourceType: 'Patient', id: 'late' },
      request: { method: 'PUT', url: 'Patient/late', ifMatch: 'W/"3"' },
    };
    const response = await send('POST', '', { ...transaction, entry: [...transaction.entry, late] });
    expect(response.status).toBe(412);
    const patients = await json<fhir4.Bundle>(await call(`/Patient?identifier=${IIN}|${iin}`));
    const encounters = await json<fhir4.Bundle>(await call(`/Encounter?subject:Patient.identifier=${IIN}|${iin}`));
    expect([patients.total, encounters.total]).toEqual([0, 0]);
  });

  it('answers malformed JSON with a 400 OperationOutcome, not a 500', async () => {
    const response = await call('/Patient', {
      method: 'POST',
      body: '{"resourceType":',
      headers: { 'content-type': FHIR_JSON },
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ resourceType: 'OperationOutcome' });
  });
});
