/**
 * End-to-end: bad input gets a clear OperationOutcome with the right status and changes nothing.
 * The real Node server, driven with fhir-kit-client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'fhir-kit-client';
import type { RunningServer } from '../runtime/node-server.js';
import { expectOutcome, responseOf, useNodeServer, type ClientBody } from './fhir-client.js';

const MAX_BODY_BYTES = 4096;
// With the audit check: each refused request must leave its one AuditEvent and nothing else.
const served = useNodeServer({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) }, { auditCheck: true });
let server: RunningServer;
let client: Client;

beforeAll(() => {
  ({ server, client } = served);
});

/** Number of stored versions of a type, to prove a failed request stored nothing. */
async function versionCount(resourceType: string): Promise<number> {
  const bundle = (await client.typeHistory({ resourceType })) as unknown as fhir4.Bundle;
  return bundle.total ?? 0;
}

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  client.request(path, { method: 'POST', body, options: { headers } });

describe('bad request bodies', () => {
  it('answers 400 for malformed JSON and stores nothing', async () => {
    const before = await versionCount('Patient');
    const outcome = await expectOutcome(
      post('Patient', '{"resourceType":"Patient",', { 'content-type': 'application/fhir+json' }),
      400,
    );
    expect(outcome.issue[0]!.details?.text).toMatch(/not valid JSON/);
    expect(await versionCount('Patient')).toBe(before);
  });

  it('answers 400 when the body is JSON but not a resource', async () => {
    await expectOutcome(post('Patient', '[1,2]', { 'content-type': 'application/fhir+json' }), 400);
    const outcome = await expectOutcome(
      post('Patient', '{"name":[]}', { 'content-type': 'application/fhir+json' }),
      400,
    );
    expect(outcome.issue[0]!.expression).toEqual(['resourceType']);
  });

  it('answers 415 for a content type other than FHIR JSON', async () => {
    await expectOutcome(post('Patient', '<Patient/>', { 'content-type': 'application/fhir+xml' }), 415);
  });

  it('accepts application/json with a charset', async () => {
    const created = await post('Patient', '{"resourceType":"Patient"}', {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(responseOf(created).status).toBe(201);
  });

  it('answers 413 for a body over the configured limit and stores nothing', async () => {
    const before = await versionCount('Patient');
    const big: ClientBody<fhir4.Patient> = { resourceType: 'Patient', name: [{ text: 'x'.repeat(MAX_BODY_BYTES) }] };
    const outcome = await expectOutcome(client.create({ resourceType: 'Patient', body: big }), 413);
    expect(outcome.issue[0]!.code).toBe('too-long');
    expect(await versionCount('Patient')).toBe(before);
  });

  it('answers 413 for a chunked body over the limit (no Content-Length)', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1024)));
        controller.close();
      },
    });
    const response = await fetch(`${server.baseUrl}/Patient`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
  });
});

describe('routes and methods', () => {
  it('answers 405 for a method the path does not support', async () => {
    await expectOutcome(post('Patient/demo-child', '{}', { 'content-type': 'application/fhir+json' }), 405);
  });

  it('answers 405 for writes to read-only conformance types', async () => {
    await expectOutcome(
      client.create({ resourceType: 'StructureDefinition', body: { resourceType: 'StructureDefinition' } }),
      405,
    );
  });

  it('answers 406 when only XML is acceptable', async () => {
    await expectOutcome(client.request('Patient/demo-child?_format=xml'), 406);
    await expectOutcome(
      client.request('Patient/demo-child', { options: { headers: { accept: 'application/fhir+xml' } } }),
      406,
    );
  });

  it('answers 404 with an OperationOutcome for a path outside the API', async () => {
    const response = await fetch(`${server.baseUrl.replace(/\/fhir$/, '')}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect(((await response.json()) as unknown as fhir4.OperationOutcome).resourceType).toBe('OperationOutcome');
  });

  it('answers 400 for an If-Match that is not an ETag', async () => {
    await expectOutcome(
      client.update({
        resourceType: 'Patient',
        id: 'demo-child',
        body: { resourceType: 'Patient', id: 'demo-child' },
        options: { headers: { 'If-Match': 'W/""' } },
      }),
      400,
    );
  });
});

describe('Prefer and _pretty', () => {
  it('returns no body for return=minimal, but still the version headers', async () => {
    const result = await client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
      options: { headers: { prefer: 'return=minimal' } },
    });
    const response = responseOf(result);
    expect(response.status).toBe(201);
    expect(Object.keys(result as object)).toHaveLength(0);
    expect(response.headers.get('location')).toMatch(/\/Patient\/[^/]+\/_history\/1$/);
  });

  it('returns an OperationOutcome for return=OperationOutcome', async () => {
    const result = (await client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
      options: { headers: { prefer: 'return=OperationOutcome' } },
    })) as unknown as fhir4.OperationOutcome;
    expect(result.resourceType).toBe('OperationOutcome');
  });

  it('indents JSON for _pretty=true', async () => {
    const response = await fetch(`${server.baseUrl}/Patient/demo-child?_pretty=true`);
    expect(await response.text()).toContain('\n  "resourceType": "Patient"');
  });
});

describe('validation on write', () => {
  it('answers 422 with the element location for an unknown element, and stores nothing', async () => {
    const before = await versionCount('Observation');
    const outcome = await expectOutcome(
      client.create({
        resourceType: 'Observation',
        body: { resourceType: 'Observation', status: 'final', code: { text: 'weight' }, colour: 'red' },
      }),
      422,
    );
    expect(outcome.issue.flatMap((i) => i.expression ?? [])).toContain('Observation.colour');
    expect(await versionCount('Observation')).toBe(before);
  });

  it('answers 422 for a wrong JSON type and a bad primitive format', async () => {
    const outcome = await expectOutcome(
      client.create({
        resourceType: 'Patient',
        body: { resourceType: 'Patient', active: 'yes', birthDate: '15.01.2025' },
      }),
      422,
    );
    const expressions = outcome.issue.flatMap((i) => i.expression ?? []);
    expect(expressions).toEqual(expect.arrayContaining(['Patient.active', 'Patient.birthDate']));
  });

  it('answers 422 when a required element is missing', async () => {
    const outcome = await expectOutcome(
      client.create({ resourceType: 'Observation', body: { resourceType: 'Observation', status: 'final' } }),
      422,
    );
    expect(outcome.issue.flatMap((i) => i.expression ?? [])).toContain('Observation.code');
  });
});
