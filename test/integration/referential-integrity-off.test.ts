/**
 * End-to-end: `FHIR_REFERENTIAL_INTEGRITY=off`, for bulk loads whose records arrive out of
 * order: a reference to a resource not (yet) stored is accepted, and so is deleting a resource
 * others reference.
 */
import { describe, expect, it } from 'vitest';
import { useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false', FHIR_REFERENTIAL_INTEGRITY: 'off' }, { auditCheck: true });

describe('FHIR_REFERENTIAL_INTEGRITY=off', () => {
  it('stores a reference to a resource not stored, and deletes a referenced resource', async () => {
    const body = { resourceType: 'Observation', status: 'final', code: { text: 'weight' } };
    const dangling = (await gateway.client.create({
      resourceType: 'Observation',
      body: { ...body, subject: { reference: 'Patient/arrives-later' } },
    })) as unknown as fhir4.Observation;
    expect(dangling.id).toBeDefined();
    const patient = (await gateway.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
    })) as fhir4.Patient;
    await gateway.client.create({
      resourceType: 'Observation',
      body: { ...body, subject: { reference: `Patient/${patient.id}` } },
    });
    await gateway.client.delete({ resourceType: 'Patient', id: patient.id! });
    const read = await gateway.client.read({ resourceType: 'Patient', id: patient.id! }).then(
      () => 200,
      (error: { response: { status: number } }) => error.response.status,
    );
    expect(read).toBe(410);
  });
});
