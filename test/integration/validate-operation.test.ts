/**
 * `$validate` through `app.request()`: 200 with an OperationOutcome for valid and invalid
 * resources, Parameters bodies, modes, and nothing stored.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import { appOver, send } from './app-over-store.js';

const PATIENT = {
  resourceType: 'Patient',
  text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">A</div>' },
};

async function outcomeOf(response: Response): Promise<fhir4.OperationOutcome> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/fhir+json');
  return (await response.json()) as fhir4.OperationOutcome;
}

describe('$validate', () => {
  it('answers All OK for a valid resource and stores nothing', async () => {
    const store = createMemoryResourceStore();
    const app = appOver(store);
    const outcome = await outcomeOf(await send(app, 'POST', 'Patient/$validate', { ...PATIENT, gender: 'female' }));
    expect(outcome.issue.map((i) => i.severity)).toEqual(['information']);
    const search = await send(app, 'GET', 'Patient');
    expect(((await search.json()) as fhir4.Bundle).total ?? 0).toBe(0);
  });

  it('lists every problem with its expression, still with status 200', async () => {
    const app = appOver(createMemoryResourceStore());
    const body = { ...PATIENT, gender: 'x', birthDate: '2024-02-30', colour: 'red' };
    const outcome = await outcomeOf(await send(app, 'POST', 'Patient/$validate', body));
    expect(outcome.issue.map((i) => [i.severity, i.code, i.expression?.[0]])).toEqual([
      ['error', 'code-invalid', 'Patient.gender'],
      ['error', 'value', 'Patient.birthDate'],
      ['error', 'structure', 'Patient.colour'],
    ]);
  });

  it('takes the resource, profile and mode from a Parameters body', async () => {
    const app = appOver(createMemoryResourceStore());
    const parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'resource', resource: { ...PATIENT, id: 'p1' } },
        { name: 'mode', valueCode: 'update' },
        { name: 'profile', valueUri: 'http://example.org/StructureDefinition/unknown' },
      ],
    };
    const outcome = await outcomeOf(await send(app, 'POST', 'Patient/p2/$validate', parameters));
    expect(outcome.issue.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ['invalid', 'Patient.id'],
      ['not-supported', 'Patient'],
    ]);
  });

  it('reports a resource of another type than the path', async () => {
    const app = appOver(createMemoryResourceStore());
    const outcome = await outcomeOf(
      await send(app, 'POST', 'Patient/$validate', { resourceType: 'Organization', name: 'X' }),
    );
    expect(outcome.issue.some((i) => i.code === 'invalid' && i.severity === 'error')).toBe(true);
  });

  it('rejects an unknown mode with 400 and an unknown type with 404', async () => {
    const app = appOver(createMemoryResourceStore());
    expect((await send(app, 'POST', 'Patient/$validate?mode=merge', PATIENT)).status).toBe(400);
    expect((await send(app, 'POST', 'Gadget/$validate', PATIENT)).status).toBe(404);
  });

  it('validates every R4 type at the type level, stored here or not', async () => {
    const app = appOver(createMemoryResourceStore());
    const bodies: Record<string, unknown> = {
      Bundle: { resourceType: 'Bundle', type: 'collection' },
      Parameters: { resourceType: 'Parameters', parameter: [{ name: 'x', valueString: 'y' }] },
      DocumentReference: {
        resourceType: 'DocumentReference',
        status: 'current',
        content: [{ attachment: { contentType: 'text/plain', data: 'aGk=' } }],
      },
      CommunicationRequest: { resourceType: 'CommunicationRequest', status: 'completed' },
    };
    for (const [type, body] of Object.entries(bodies)) {
      const outcome = await outcomeOf(await send(app, 'POST', `${type}/$validate`, body));
      expect(
        outcome.issue.filter((i) => i.severity === 'error'),
        type,
      ).toEqual([]);
    }
    const bad = await outcomeOf(
      await send(app, 'POST', 'CommunicationRequest/$validate', {
        resourceType: 'CommunicationRequest',
        status: 'done',
      }),
    );
    const errors = bad.issue.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.code, i.expression?.[0]])).toEqual([['code-invalid', 'CommunicationRequest.status']]);
  });

  it('still answers 404 for the other interactions on a type it does not store, and 405 for GET $validate', async () => {
    const app = appOver(createMemoryResourceStore());
    const communication = { resourceType: 'CommunicationRequest', status: 'completed' };
    expect((await send(app, 'GET', 'CommunicationRequest/c1')).status).toBe(404);
    expect((await send(app, 'GET', 'CommunicationRequest')).status).toBe(404);
    expect((await send(app, 'POST', 'CommunicationRequest', communication)).status).toBe(404);
    expect((await send(app, 'POST', 'CommunicationRequest/c1/$validate', communication)).status).toBe(404);
    const get = await send(app, 'GET', 'CommunicationRequest/$validate');
    expect(get.status).toBe(405);
    expect(get.headers.get('content-type')).toContain('application/fhir+json');
  });

  it('answers 404 with an OperationOutcome for $validate on the base (a type-level operation)', async () => {
    const app = appOver(createMemoryResourceStore());
    const response = await send(app, 'POST', '$validate', PATIENT);
    expect(response.status).toBe(404);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]?.code).toBe('not-supported');
  });
});
