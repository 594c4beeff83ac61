/**
 * Search, transaction and FHIRPath Patch on the real Node entry under
 * `--disallow-code-generation-from-strings`: compiled search expressions (including `where()`)
 * and request-time FHIRPath Patch paths must run without code generation, as on Workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, type RunningServer } from '../runtime/node-server.js';

let server: RunningServer;
const JSON_HEADERS = { 'content-type': 'application/fhir+json' };

beforeAll(async () => {
  server = await startNodeServer({ LOAD_DEMO_DATA: 'false' });
});

afterAll(async () => {
  await server?.stop();
});

describe('search on the Node entry without code generation', () => {
  it('indexes through compiled FHIRPath, searches, and patches with FHIRPath Patch', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:22222222-0000-4000-8000-000000000001',
          resource: { resourceType: 'Patient', gender: 'female' },
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: {
            resourceType: 'Observation',
            status: 'final',
            code: { text: 'weight' },
            subject: { reference: 'urn:uuid:22222222-0000-4000-8000-000000000001' },
          },
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    };
    const tx = await fetch(server.baseUrl, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(bundle) });
    expect(tx.status, server.output()).toBe(200);
    const patientRef = ((await tx.json()) as fhir4.Bundle).entry![0]!.response!.location!.split('/_history')[0]!;
    // `patient` is `Observation.subject.where(...)`: evaluated by the compiled FHIRPath interpreter.
    const found = (await (
      await fetch(`${server.baseUrl}/Observation?patient=${patientRef}&_include=Observation:patient`)
    ).json()) as fhir4.Bundle;
    expect(found.total).toBe(1);
    expect(found.entry!.map((e) => e.search?.mode)).toEqual(['match', 'include']);
    const patch = {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'operation',
          part: [
            { name: 'type', valueCode: 'replace' },
            { name: 'path', valueString: 'Patient.gender' },
            { name: 'value', valueCode: 'male' },
          ],
        },
      ],
    };
    const patched = await fetch(`${server.baseUrl}/${patientRef}`, {
      method: 'PATCH',
      headers: JSON_HEADERS,
      body: JSON.stringify(patch),
    });
    expect(patched.status, server.output()).toBe(200);
    expect(((await patched.json()) as fhir4.Patient).gender).toBe('male');
  });
});
