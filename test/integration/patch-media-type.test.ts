// A JSON Patch sent with the wrong media type is told which one to use (issue 16).
import { describe, expect, it } from 'vitest';
import { useNodeServer } from './fhir-client.js';

const served = useNodeServer({}, { auditCheck: true });

describe('PATCH with JSON Patch under the wrong media type', () => {
  it.each(['application/json', 'application/fhir+json'])(
    'answers 415 naming application/json-patch+json when sent as %s',
    async (mediaType) => {
      const created = await served.client.create({
        resourceType: 'Patient',
        body: { resourceType: 'Patient', gender: 'female', birthDate: '2026-02-03' },
      });
      const res = await fetch(`${served.server.baseUrl}/Patient/${String(created.id)}`, {
        method: 'PATCH',
        headers: { 'content-type': mediaType },
        body: JSON.stringify([{ op: 'replace', path: '/gender', value: 'male' }]),
      });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/fhir+json');
      const outcome = (await res.json()) as fhir4.OperationOutcome;
      expect(outcome.issue[0]?.diagnostics ?? outcome.issue[0]?.details?.text).toContain('application/json-patch+json');
      const unchanged = (await served.client.read({ resourceType: 'Patient', id: String(created.id) })) as fhir4.Patient;
      expect(unchanged.gender).toBe('female');
    },
  );
});
