/**
 * End-to-end: `FHIR_REFERENTIAL_INTEGRITY=off`, for bulk loads whose records arrive out of
 * order: a reference to a resource not (yet) stored is accepted, and so is deleting a resource
 * others reference.
 */
import type { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../runtime/node-server.js';
import { createClient } from './fhir-client.js';

let server: RunningServer;
let client: Client;

beforeAll(async () => {
  server = await startNodeServer({ LOAD_DEMO_DATA: 'false', FHIR_REFERENTIAL_INTEGRITY: 'off' });
  client = createClient(server.baseUrl);
});

afterAll(async () => {
  await server?.stop();
});

describe('FHIR_REFERENTIAL_INTEGRITY=off', () => {
  it('stores a reference to a resource not stored, and deletes a referenced resource', async () => {
    const body = { resourceType: 'Observation', status: 'final', code: { text: 'weight' } };
    const dangling = (await client.create({
      resourceType: 'Observation',
      body: { ...body, subject: { reference: 'Patient/arrives-later' } },
    })) as unknown as fhir4.Observation;
    expect(dangling.id).toBeDefined();
    const patient = (await client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
    })) as fhir4.Patient;
    await client.create({
      resourceType: 'Observation',
      body: { ...body, subject: { reference: `Patient/${patient.id}` } },
    });
    await client.delete({ resourceType: 'Patient', id: patient.id! });
    const read = await client.read({ resourceType: 'Patient', id: patient.id! }).then(
      () => 200,
      (error: { response: { status: number } }) => error.response.status,
    );
    expect(read).toBe(410);
  });
});
