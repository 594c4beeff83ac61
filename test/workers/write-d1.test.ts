// Transactions and conditional creates on D1 inside workerd: all or nothing through one
// batch(), and the search guard that makes fifty concurrent conditional creates store one.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';
import { validateResource } from '../../src/validation/validate-resource.js';
import { createFreshD1Driver } from './d1-harness.js';

const IIN = 'http://patronage.kz/fhir/sid/iin';

async function freshApp(): Promise<{ app: ReturnType<typeof createApp>; driver: SqlDriver }> {
  const driver = await createFreshD1Driver();
  const app = createApp({
    store: createSqlResourceStore(driver),
    clock: () => new Date(),
    validate: validateResource,
    newId: () => crypto.randomUUID(),
    config: { maxBodyBytes: 5_000_000, softwareVersion: 'test', baseUrl: 'http://test/fhir' },
  });
  return { app, driver };
}

const send = (
  app: ReturnType<typeof createApp>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  Promise.resolve(
    app.request(path, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      headers: { 'content-type': 'application/fhir+json', ...headers },
    }),
  );

describe('writes on D1', () => {
  it('a transaction failing in its last entry leaves no resource and no index row', async () => {
    const { app, driver } = await freshApp();
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:11111111-0000-4000-8000-000000000001',
          resource: { resourceType: 'Patient', identifier: [{ system: IIN, value: '1' }] },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Encounter',
            status: 'finished',
            class: { code: 'HH' },
            subject: { reference: 'urn:uuid:11111111-0000-4000-8000-000000000001' },
          },
          request: { method: 'POST', url: 'Encounter' },
        },
        {
          resource: { resourceType: 'Patient', id: 'late' },
          request: { method: 'PUT', url: 'Patient/late', ifMatch: 'W/"2"' },
        },
      ],
    };
    expect((await send(app, 'POST', '/fhir', bundle)).status).toBe(412);
    const tables = [
      'resource_current',
      'resource_history',
      'search_token',
      'search_reference',
      'search_string',
      'search_date',
    ];
    for (const table of tables) {
      const rows = await driver.all<{ n: number }>({ sql: `SELECT COUNT(*) AS n FROM ${table}`, params: [] });
      expect([table, Number(rows[0]?.n)]).toEqual([table, 0]);
    }
    bundle.entry.pop();
    const ok = await send(app, 'POST', '/fhir', bundle);
    expect(ok.status).toBe(200);
    const encounters = (await (
      await app.request(`/fhir/Encounter?subject:Patient.identifier=${IIN}|1`)
    ).json()) as fhir4.Bundle;
    expect(encounters.total).toBe(1);
  });

  it('commits a 100-entry transaction in one batch', async () => {
    const { app } = await freshApp();
    const patient = 'urn:uuid:33333333-0000-4000-8000-000000000001';
    const entry: unknown[] = [
      {
        fullUrl: patient,
        resource: { resourceType: 'Patient', gender: 'female' },
        request: { method: 'POST', url: 'Patient' },
      },
    ];
    for (let i = 1; i < 100; i++) {
      entry.push({
        resource: {
          resourceType: 'Observation',
          status: 'final',
          code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
          subject: { reference: patient },
          effectiveDateTime: `2025-01-${String((i % 28) + 1).padStart(2, '0')}`,
          valueQuantity: { value: 3 + i / 100, system: 'http://unitsofmeasure.org', code: 'kg' },
        },
        request: { method: 'POST', url: 'Observation' },
      });
    }
    const res = await send(app, 'POST', '/fhir', { resourceType: 'Bundle', type: 'transaction', entry });
    expect(res.status).toBe(200);
    const found = (await (
      await app.request(
        '/fhir/Observation?subject:Patient.gender=female&value-quantity=ge3500|http://unitsofmeasure.org|g',
      )
    ).json()) as fhir4.Bundle;
    expect(found.total).toBe(50);
  });

  it('fifty concurrent conditional creates of one identifier store exactly one resource', async () => {
    const { app } = await freshApp();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        send(
          app,
          'POST',
          '/fhir/Patient',
          { resourceType: 'Patient', identifier: [{ system: IIN, value: '50' }] },
          { 'if-none-exist': `identifier=${IIN}|50` },
        ).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const found = (await (await app.request(`/fhir/Patient?identifier=${IIN}|50`)).json()) as fhir4.Bundle;
    expect(found.total).toBe(1);
  });

  it('fifty concurrent updates with the same If-Match: exactly one succeeds', async () => {
    const { app } = await freshApp();
    const created = (await (
      await send(app, 'POST', '/fhir/Patient', { resourceType: 'Patient' })
    ).json()) as fhir4.Patient;
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        send(
          app,
          'PUT',
          `/fhir/Patient/${created.id}`,
          { ...created, gender: i % 2 ? 'male' : 'female' },
          { 'if-match': 'W/"1"' },
        ).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
  });
});
