/**
 * End-to-end: the real Node server (child process, real SQLite file, code generation from
 * strings disallowed) driven over HTTP with fhir-kit-client.
 */
import { describe, expect, it } from 'vitest';
import type { Client } from 'fhir-kit-client';
import { expectOutcome, responseOf, type ClientBody, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({}, { auditCheck: true });

const newPatient = (family: string): ClientBody<fhir4.Patient> => ({
  resourceType: 'Patient',
  name: [{ family, given: ['Test'] }],
  gender: 'female',
  birthDate: '2025-01-15',
});

describe('metadata', () => {
  it('serves a CapabilityStatement listing every supported type and its interactions', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    expect(statement.resourceType).toBe('CapabilityStatement');
    expect(statement.fhirVersion).toBe('4.0.1');
    const resources = statement.rest![0]!.resource!;
    const patient = resources.find((r) => r.type === 'Patient')!;
    expect(patient.interaction!.map((i) => i.code)).toEqual(
      expect.arrayContaining(['read', 'vread', 'update', 'delete', 'create', 'history-instance', 'history-type']),
    );
    const structureDefinition = resources.find((r) => r.type === 'StructureDefinition')!;
    expect(structureDefinition.interaction!.map((i) => i.code)).not.toContain('create');
    expect(resources.map((r) => r.type)).toEqual(
      expect.arrayContaining(['Encounter', 'Observation', 'CarePlan', 'RiskAssessment', 'ConceptMap']),
    );
  });

  it('lists $validate on every R4 type, stored or not, and the profiles each type is validated against', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const resources = statement.rest![0]!.resource!;
    const validate = 'http://hl7.org/fhir/OperationDefinition/Resource-validate';
    expect(resources.length).toBeGreaterThan(140);
    for (const entry of resources) {
      expect(entry.operation, entry.type).toContainEqual({ name: 'validate', definition: validate });
    }
    // A type validated but not stored (Communication is stored since issue 10).
    const notStored = resources.find((r) => r.type === 'CommunicationRequest')!;
    expect(notStored.interaction).toBeUndefined();
    const byType = (type: string) => resources.find((r) => r.type === type)?.supportedProfile ?? [];
    expect(byType('Patient')).toContain('https://fhir.patronage.kz/StructureDefinition/kz-patient');
    expect(byType('Observation')).toEqual(
      expect.arrayContaining([
        'http://hl7.org/fhir/StructureDefinition/vitalsigns',
        'http://hl7.org/fhir/StructureDefinition/bp',
      ]),
    );
  });
});

describe('demo data', () => {
  it('is loaded on first start', async () => {
    const child = (await gateway.client.read({
      resourceType: 'Patient',
      id: 'demo-child',
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(child.birthDate).toBe('2024-03-15');
    expect(child.meta?.versionId).toBe('1');
  });
});

describe('create, read, vread', () => {
  it('creates with a server-assigned id, Location, ETag and Last-Modified', async () => {
    const created = (await gateway.client.create({
      resourceType: 'Patient',
      body: { ...newPatient('Create'), id: 'client-chosen' },
    })) as unknown as ClientBody<fhir4.Patient>;
    const response = responseOf(created);
    expect(response.status).toBe(201);
    expect(created.id).toBeDefined();
    expect(created.id).not.toBe('client-chosen');
    expect(created.meta?.versionId).toBe('1');
    expect(response.headers.get('etag')).toBe('W/"1"');
    expect(response.headers.get('location')).toBe(`${gateway.server.baseUrl}/Patient/${created.id}/_history/1`);
    expect(new Date(response.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);

    const read = (await gateway.client.read({
      resourceType: 'Patient',
      id: created.id!,
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(read).toEqual(created);
    const vread = await gateway.client.vread({ resourceType: 'Patient', id: created.id!, version: '1' });
    expect(vread).toEqual(created);
  });

  it('answers 404 for an unknown id and for an unknown version', async () => {
    await expectOutcome(gateway.client.read({ resourceType: 'Patient', id: 'no-such-patient' }), 404);
    await expectOutcome(gateway.client.vread({ resourceType: 'Patient', id: 'demo-child', version: '99' }), 404);
  });

  it('answers 404 for a resource type the server does not support', async () => {
    const outcome = await expectOutcome(gateway.client.request('Medication/1'), 404);
    expect(outcome.issue[0]!.details?.text).toContain('Medication');
  });
});

describe('update', () => {
  it('creates a new version with a new ETag, and update-as-create answers 201', async () => {
    const first = (await gateway.client.update({
      resourceType: 'Patient',
      id: 'update-target',
      body: { ...newPatient('Before'), id: 'update-target' },
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(responseOf(first).status).toBe(201);
    const second = (await gateway.client.update({
      resourceType: 'Patient',
      id: 'update-target',
      body: { ...newPatient('After'), id: 'update-target' },
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(responseOf(second).status).toBe(200);
    expect(second.meta?.versionId).toBe('2');
    expect(responseOf(second).headers.get('etag')).toBe('W/"2"');
    const v1 = (await gateway.client.vread({
      resourceType: 'Patient',
      id: 'update-target',
      version: '1',
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(v1.name![0]!.family).toBe('Before');
  });

  it('returns 412 OperationOutcome when If-Match is stale, and stores nothing', async () => {
    const created = (await gateway.client.create({
      resourceType: 'Patient',
      body: newPatient('Stale'),
    })) as unknown as ClientBody<fhir4.Patient>;
    await gateway.client.update({ resourceType: 'Patient', id: created.id!, body: { ...created, gender: 'male' } });
    await expectOutcome(
      gateway.client.update({
        resourceType: 'Patient',
        id: created.id!,
        body: { ...created, gender: 'other' },
        options: { headers: { 'If-Match': 'W/"1"' } },
      }),
      412,
    );
    const current = (await gateway.client.read({
      resourceType: 'Patient',
      id: created.id!,
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(current.meta?.versionId).toBe('2');
    expect(current.gender).toBe('male');
  });

  it('accepts an update whose If-Match names the current version', async () => {
    const created = (await gateway.client.create({
      resourceType: 'Patient',
      body: newPatient('Match'),
    })) as unknown as ClientBody<fhir4.Patient>;
    const updated = (await gateway.client.update({
      resourceType: 'Patient',
      id: created.id!,
      body: { ...created, gender: 'male' },
      options: { headers: { 'If-Match': 'W/"1"' } },
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(updated.meta?.versionId).toBe('2');
  });

  it('answers 400 when the body id disagrees with the URL', async () => {
    await expectOutcome(
      gateway.client.update({ resourceType: 'Patient', id: 'url-id', body: { ...newPatient('X'), id: 'body-id' } }),
      400,
    );
    await expectOutcome(gateway.client.read({ resourceType: 'Patient', id: 'url-id' }), 404);
  });

  it('answers 400 when the body resourceType disagrees with the URL', async () => {
    const outcome = await expectOutcome(
      gateway.client.update({
        resourceType: 'Patient',
        id: 'mismatch',
        body: { resourceType: 'Practitioner', id: 'mismatch' },
      }),
      400,
    );
    expect(outcome.issue[0]!.expression).toEqual(['resourceType']);
  });
});

describe('delete and history', () => {
  it('deletes: later read gives 410, old versions stay readable, history shows the delete', async () => {
    const created = (await gateway.client.create({
      resourceType: 'Patient',
      body: newPatient('Delete'),
    })) as unknown as ClientBody<fhir4.Patient>;
    const id = created.id!;
    await gateway.client.delete({ resourceType: 'Patient', id });
    await expectOutcome(gateway.client.read({ resourceType: 'Patient', id }), 410);
    expect(await gateway.client.vread({ resourceType: 'Patient', id, version: '1' })).toEqual(created);
    await expectOutcome(gateway.client.vread({ resourceType: 'Patient', id, version: '2' }), 410);

    const history = (await gateway.client.history({ resourceType: 'Patient', id })) as unknown as fhir4.Bundle;
    expect(history.type).toBe('history');
    expect(history.total).toBe(2);
    expect(history.entry!.map((e) => e.request?.method)).toEqual(['DELETE', 'POST']);
    expect(history.entry![0]!.resource).toBeUndefined();
  });

  it('re-creates a deleted resource with PUT as a new version', async () => {
    await gateway.client.update({
      resourceType: 'Patient',
      id: 'phoenix',
      body: { ...newPatient('P'), id: 'phoenix' },
    });
    await gateway.client.delete({ resourceType: 'Patient', id: 'phoenix' });
    const back = (await gateway.client.update({
      resourceType: 'Patient',
      id: 'phoenix',
      body: { ...newPatient('P'), id: 'phoenix' },
    })) as unknown as ClientBody<fhir4.Patient>;
    expect(responseOf(back).status).toBe(201);
    expect(back.meta?.versionId).toBe('3');
  });

  it('pages type history newest first with next links that a concurrent write does not shift', async () => {
    const ids: string[] = [];
    for (const family of ['H1', 'H2', 'H3']) {
      const created = (await gateway.client.create({
        resourceType: 'Flag',
        body: flag(family),
      })) as unknown as fhir4.Flag;
      ids.push(created.id!);
    }
    const page1 = (await gateway.client.typeHistory({
      resourceType: 'Flag',
      options: { headers: {} },
    })) as unknown as fhir4.Bundle;
    expect(page1.entry!.slice(0, 3).map((e) => e.resource?.id)).toEqual([...ids].reverse());
    const small = (await gateway.client.request('Flag/_history?_count=2')) as unknown as fhir4.Bundle;
    expect(small.entry).toHaveLength(2);
    const next = small.link!.find((l) => l.relation === 'next');
    expect(next).toBeDefined();
    // A write between the two page requests must not shift the next page.
    await gateway.client.create({ resourceType: 'Flag', body: flag('H4') });
    const nextInput = small as unknown as Parameters<Client['nextPage']>[0]['bundle'];
    const page2 = (await gateway.client.nextPage({ bundle: nextInput })) as unknown as fhir4.Bundle;
    expect(page2.entry![0]!.resource?.id).toBe(ids[0]);
  });

  it('serves system history across types', async () => {
    // The audit check is on: the newest entries are this file's AuditEvents, so ask for one large page.
    const history = (await gateway.client.request('_history?_count=1000')) as unknown as fhir4.Bundle;
    const types = new Set(history.entry!.map((e) => e.resource?.resourceType ?? e.request?.url.split('/')[0]));
    expect(types.has('Patient')).toBe(true);
    expect(types.has('Organization')).toBe(true);
  });
});

function flag(text: string): ClientBody<fhir4.Flag> {
  return {
    resourceType: 'Flag',
    status: 'active',
    code: { text },
    subject: { reference: 'Patient/demo-child' },
  };
}
