/**
 * `$validate` over HTTP with fhir-kit-client against the real Node server: a resource type the
 * server does not store, a document Bundle and a message Bundle, valid and broken.
 * @see https://hl7.org/fhir/R4/resource-operation-validate.html
 */
import { describe, expect, it } from 'vitest';
import { expectOutcome, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({}, { auditCheck: true });

const PATIENT_URL = 'urn:uuid:6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const NARRATIVE = { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Visit</div>' };

function documentBundle(subject: string): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'document',
    identifier: { system: 'urn:ietf:rfc:3986', value: 'urn:uuid:7b2e1d3f-4c5a-4b6d-9e8f-1a2b3c4d5e6f' },
    timestamp: '2024-03-01T09:00:00+05:00',
    entry: [
      {
        fullUrl: 'urn:uuid:8c3f2e4a-5d6b-4c7e-8f9a-2b3c4d5e6f7a',
        resource: {
          resourceType: 'Composition',
          text: NARRATIVE,
          status: 'final',
          type: { text: 'Patronage visit summary' },
          subject: { reference: subject },
          date: '2024-03-01',
          author: [{ reference: PATIENT_URL }],
          title: 'Visit summary',
        },
      },
      { fullUrl: PATIENT_URL, resource: { resourceType: 'Patient', text: NARRATIVE, birthDate: '2024-01-10' } },
    ],
  };
}

function messageBundle(first: Record<string, unknown>): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'message',
    timestamp: '2024-03-01T09:00:00+05:00',
    entry: [
      { fullUrl: 'urn:uuid:9d4a3f5b-6e7c-4d8f-9a0b-3c4d5e6f7a8b', resource: first },
      { fullUrl: PATIENT_URL, resource: { resourceType: 'Patient', text: NARRATIVE, birthDate: '2024-01-10' } },
    ],
  };
}

const HEADER = {
  resourceType: 'MessageHeader',
  text: NARRATIVE,
  eventCoding: { system: 'http://example.org/fhir/message-events', code: 'birth-notification' },
  source: { endpoint: 'https://maternity.example.kz/fhir' },
  focus: [{ reference: PATIENT_URL }],
};

async function validate(resourceType: string, input: Record<string, unknown>): Promise<fhir4.OperationOutcome> {
  const result = await gateway.client.operation({ name: '$validate', resourceType, input: input as never });
  return result as unknown as fhir4.OperationOutcome;
}

const errorsOf = (outcome: fhir4.OperationOutcome) =>
  outcome.issue.filter((i) => i.severity === 'error').map((i) => [i.code, i.expression?.[0]]);

describe('$validate over HTTP', () => {
  it('validates a type the server does not store, and still refuses to read it', async () => {
    // CommunicationRequest: not stored here (Communication is, since issue 10).
    const request = { resourceType: 'CommunicationRequest', text: NARRATIVE, status: 'completed' };
    expect(errorsOf(await validate('CommunicationRequest', request))).toEqual([]);
    const broken = { ...request, authoredOn: '2024-02-30T10:00:00Z', colour: 'red' };
    expect(errorsOf(await validate('CommunicationRequest', broken))).toEqual([
      ['value', 'CommunicationRequest.authoredOn'],
      ['structure', 'CommunicationRequest.colour'],
    ]);
    const outcome = await expectOutcome(gateway.client.read({ resourceType: 'CommunicationRequest', id: 'c1' }), 404);
    expect(outcome.issue[0]?.diagnostics ?? outcome.issue[0]?.details?.text).toContain('not supported');
  });

  it('validates a document Bundle and names an unresolved reference by its one full path', async () => {
    expect(errorsOf(await validate('Bundle', documentBundle(PATIENT_URL)))).toEqual([]);
    const dangling = documentBundle('urn:uuid:00000000-0000-4000-8000-000000000000');
    expect(errorsOf(await validate('Bundle', dangling))).toEqual([
      ['not-found', 'Bundle.entry[0].resource.subject.reference'],
    ]);
  });

  it('validates a message Bundle and needs its MessageHeader first (bdl-12)', async () => {
    expect(errorsOf(await validate('Bundle', messageBundle(HEADER)))).toEqual([]);
    const patientFirst = messageBundle({ resourceType: 'Patient', text: NARRATIVE });
    const outcome = await validate('Bundle', patientFirst);
    expect(errorsOf(outcome)).toEqual([['invariant', 'Bundle']]);
    expect(outcome.issue[0]?.details?.text).toMatch(/^bdl-12/);
  });
});
