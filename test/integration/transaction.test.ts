/**
 * Transaction and batch Bundles through the HTTP app over each store.
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
import { describe, expect, it } from 'vitest';
import type { ResourceStore } from '../../src/storage/port.js';
import { STORE_KINDS, appOver, send } from './app-over-store.js';

const IIN = 'http://patronage.kz/fhir/sid/iin';
const INDEX_TABLES = ['token', 'string', 'date', 'reference', 'quantity', 'number', 'uri'];

const post = (url: string, resource: object, fullUrl?: string, request: object = {}) => ({
  ...(fullUrl ? { fullUrl } : {}),
  resource,
  request: { method: 'POST', url, ...request },
});

function homeVisitBundle(type: 'transaction' | 'batch' = 'transaction') {
  return {
    resourceType: 'Bundle',
    type,
    entry: [
      post('Observation', {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
        subject: { reference: 'urn:uuid:0a0a0a0a-0000-4000-8000-000000000001' },
        encounter: { reference: 'urn:uuid:0a0a0a0a-0000-4000-8000-000000000002' },
        valueQuantity: { value: 3.4, system: 'http://unitsofmeasure.org', code: 'kg' },
      }),
      post(
        'Encounter',
        {
          resourceType: 'Encounter',
          status: 'finished',
          class: { code: 'HH' },
          subject: { reference: 'urn:uuid:0a0a0a0a-0000-4000-8000-000000000001' },
        },
        'urn:uuid:0a0a0a0a-0000-4000-8000-000000000002',
      ),
      post(
        'Patient',
        { resourceType: 'Patient', identifier: [{ system: IIN, value: '250101600001' }] },
        'urn:uuid:0a0a0a0a-0000-4000-8000-000000000001',
      ),
    ],
  };
}

for (const kind of STORE_KINDS) {
  describe(`transaction and batch (${kind.name})`, () => {
    it('creates all entries, rewrites urn:uuid references, and answers with status, location and etag', async () => {
      const app = appOver(kind.create().store);
      const res = await send(app, 'POST', '', homeVisitBundle());
      expect(res.status).toBe(200);
      const bundle = (await res.json()) as fhir4.Bundle;
      expect(bundle.type).toBe('transaction-response');
      const responses = bundle.entry!.map((e) => e.response!);
      expect(responses.map((r) => r.status)).toEqual(['201 Created', '201 Created', '201 Created']);
      expect(responses.map((r) => r.etag)).toEqual(['W/"1"', 'W/"1"', 'W/"1"']);
      expect(responses.map((r) => r.outcome?.resourceType)).toEqual([
        'OperationOutcome',
        'OperationOutcome',
        'OperationOutcome',
      ]);
      const [observationLoc, encounterLoc, patientLoc] = responses.map((r) => r.location!.split('/_history')[0]);
      const observation = (await (await app.request(`/fhir/${observationLoc}`)).json()) as fhir4.Observation;
      expect([observation.subject?.reference, observation.encounter?.reference]).toEqual([patientLoc, encounterLoc]);
      const chained = (await (
        await app.request(`/fhir/Observation?subject:Patient.identifier=${IIN}|250101600001`)
      ).json()) as fhir4.Bundle;
      expect(chained.total).toBe(1);
    });

    it('resolves conditional references and runs GET entries after the writes', async () => {
      const app = appOver(kind.create().store);
      await send(app, 'POST', 'Patient', { resourceType: 'Patient', identifier: [{ system: IIN, value: '777' }] });
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            request: { method: 'GET', url: 'Encounter?subject:Patient.identifier=' + encodeURIComponent(`${IIN}|777`) },
          },
          post('Encounter', {
            resourceType: 'Encounter',
            status: 'planned',
            class: { code: 'HH' },
            subject: { reference: `Patient?identifier=${IIN}|777` },
          }),
        ],
      };
      const result = (await (await send(app, 'POST', '', bundle)).json()) as fhir4.Bundle;
      expect((result.entry![0]!.resource as fhir4.Bundle).total).toBe(1);
      expect((result.entry![1]!.resource as fhir4.Encounter).subject?.reference).toMatch(/^Patient\/[0-9a-f-]+$/);
      const referringTo = (reference: string) => ({
        ...bundle,
        entry: [
          post('Encounter', {
            resourceType: 'Encounter',
            status: 'planned',
            class: { code: 'HH' },
            subject: { reference },
          }),
        ],
      });
      // Matching nothing is a 404 (decision 011); matching several is the spec's 412.
      expect((await send(app, 'POST', '', referringTo('Patient?identifier=nothing'))).status).toBe(404);
      await send(app, 'POST', 'Patient', { resourceType: 'Patient', identifier: [{ system: IIN, value: '777' }] });
      expect((await send(app, 'POST', '', referringTo(`Patient?identifier=${IIN}|777`))).status).toBe(412);
    });

    it('conditional create inside a transaction reuses the match (200) and maps its fullUrl', async () => {
      const app = appOver(kind.create().store);
      await send(app, 'POST', '', homeVisitBundle());
      const again = homeVisitBundle();
      again.entry[2]!.request = {
        method: 'POST',
        url: 'Patient',
        ifNoneExist: `identifier=${IIN}|250101600001`,
      } as never;
      const result = (await (await send(app, 'POST', '', again)).json()) as fhir4.Bundle;
      expect(result.entry!.map((e) => e.response!.status)).toEqual(['201 Created', '201 Created', '200 OK']);
      const patients = (await (
        await app.request(`/fhir/Patient?identifier=${IIN}|250101600001&_revinclude=Encounter:subject`)
      ).json()) as fhir4.Bundle;
      expect(patients.total).toBe(1);
      expect(patients.entry!.filter((e) => e.search?.mode === 'include')).toHaveLength(2);
    });

    it('a transaction failing in its last entry leaves nothing behind (API and database)', async () => {
      const { store, driver } = kind.create();
      const app = appOver(store);
      const bundle = homeVisitBundle();
      bundle.entry.push({
        resource: { resourceType: 'Patient', id: 'late' } as never,
        request: { method: 'PUT', url: 'Patient/late', ifMatch: 'W/"3"' } as never,
      });
      const res = await send(app, 'POST', '', bundle);
      expect(res.status).toBe(412);
      const outcome = (await res.json()) as fhir4.OperationOutcome;
      expect(outcome.issue[0]?.expression?.[0]).toBe('Bundle.entry[3]');
      for (const type of ['Patient', 'Encounter', 'Observation']) {
        expect(((await (await app.request(`/fhir/${type}`)).json()) as fhir4.Bundle).total).toBe(0);
      }
      if (driver) expect(await countRows(driver)).toEqual([0, 0, ...INDEX_TABLES.map(() => 0)]);
    });

    it('a conflict detected inside the atomic commit rolls back every entry', async () => {
      const { store, driver } = kind.create();
      const seedApp = appOver(store);
      await send(seedApp, 'PUT', 'Patient/mum', { resourceType: 'Patient', id: 'mum' });
      const app = appOver(
        racingStore(store, () =>
          send(seedApp, 'PUT', 'Patient/mum', { resourceType: 'Patient', id: 'mum', gender: 'female' }),
        ),
      );
      const bundle = homeVisitBundle();
      bundle.entry.push({
        resource: { resourceType: 'Patient', id: 'mum', active: true } as never,
        request: { method: 'PUT', url: 'Patient/mum', ifMatch: 'W/"1"' } as never,
      });
      expect((await send(app, 'POST', '', bundle)).status).toBe(409);
      expect(((await (await app.request('/fhir/Observation')).json()) as fhir4.Bundle).total).toBe(0);
      const mum = (await (await app.request('/fhir/Patient/mum')).json()) as fhir4.Patient;
      expect([mum.meta?.versionId, mum.active]).toEqual(['2', undefined]);
      if (driver) expect((await countRows(driver))[0]).toBe(1);
    });

    it('a conditional create does not match a resource that an earlier DELETE entry removes', async () => {
      const app = appOver(kind.create().store);
      await send(app, 'POST', 'Patient', { resourceType: 'Patient', identifier: [{ system: IIN, value: 'dup' }] });
      const bundle = {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { request: { method: 'DELETE', url: `Patient?identifier=${IIN}|dup` } },
          post('Patient', { resourceType: 'Patient', identifier: [{ system: IIN, value: 'dup' }] }, undefined, {
            ifNoneExist: `identifier=${IIN}|dup`,
          }),
        ],
      };
      const result = (await (await send(app, 'POST', '', bundle)).json()) as fhir4.Bundle;
      expect(result.entry?.map((e) => e.response?.status)).toEqual(['204 No Content', '201 Created']);
    });

    it('a batch runs entries independently and reports each outcome', async () => {
      const app = appOver(kind.create().store);
      const bundle = {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [
          post('Patient', { resourceType: 'Patient', gender: 'female' }),
          {
            resource: { resourceType: 'Patient', id: 'x' },
            request: { method: 'PUT', url: 'Patient/x', ifMatch: 'W/"9"' },
          },
          { request: { method: 'GET', url: 'Patient/does-not-exist' } },
          { request: { method: 'GET', url: 'Patient?gender=female' } },
        ],
      };
      const result = (await (await send(app, 'POST', '', bundle)).json()) as fhir4.Bundle;
      expect(result.type).toBe('batch-response');
      expect(result.entry!.map((e) => e.response!.status)).toEqual([
        '201 Created',
        '412 Precondition Failed',
        '404 Not Found',
        '200 OK',
      ]);
      expect((result.entry![1]!.response!.outcome as fhir4.OperationOutcome).issue[0]?.expression?.[0]).toBe(
        'Bundle.entry[1]',
      );
      expect((result.entry![3]!.resource as fhir4.Bundle).total).toBe(1);
    });

    it('refuses a Bundle that is not a transaction or batch, and a malformed entry, with 400', async () => {
      const app = appOver(kind.create().store);
      expect((await send(app, 'POST', '', { resourceType: 'Bundle', type: 'collection' })).status).toBe(400);
      const bad = await send(app, 'POST', '', {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [post('Patient', { resourceType: 'Patient' }), { resource: { resourceType: 'Patient' } }],
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as fhir4.OperationOutcome).issue[0]?.expression?.[0]).toBe('Bundle.entry[1]');
      expect(((await (await app.request('/fhir/Patient')).json()) as fhir4.Bundle).total).toBe(0);
    });
  });
}

/** Rows in resource_current, resource_history and each index table. */
async function countRows(driver: {
  all<R extends object>(s: { sql: string; params: [] }): Promise<R[]>;
}): Promise<number[]> {
  const tables = ['resource_current', 'resource_history', ...INDEX_TABLES.map((t) => `search_${t}`)];
  const counts = await Promise.all(
    tables.map((t) => driver.all<{ n: number }>({ sql: `SELECT COUNT(*) AS n FROM ${t}`, params: [] })),
  );
  return counts.map((rows) => Number(rows[0]?.n));
}

/** A store whose first multi-write commit is preceded by `race()` (another request winning). */
function racingStore(inner: ResourceStore, race: () => Promise<unknown>): ResourceStore {
  let raced = false;
  return {
    ...inner,
    async commit(unit) {
      if (!raced && unit.writes.length > 1) {
        raced = true;
        await race();
      }
      return inner.commit(unit);
    },
  };
}
