/**
 * Finding 1 of issue 17: a JSON Patch adding `/__proto__/polluted` wrote onto Object.prototype
 * of the server process, after which every write of every client answered 422 "Unknown element
 * 'polluted' in Meta"; a FHIRPath Patch adding an element named `__proto__` answered 200 and
 * changed nothing. No user-controlled key may reach a prototype: each of these is a 4xx
 * OperationOutcome, nothing is stored, and a plain create still answers 201 afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import {
  expectNothingStored,
  expectOutcomeAnswer,
  isClientError,
  send,
  startHostileServer,
  type RawAnswer,
} from './harness.js';

let server: RunningServer;
let patientId: string;

beforeAll(async () => {
  server = await startHostileServer();
  const created = await send(server, '/Patient', {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Target' }] }),
  });
  expect(created.status).toBe(201);
  patientId = (created.body as fhir4.Patient).id!;
}, 60_000);

afterAll(() => server?.stop());

function jsonPatch(body: string): Promise<RawAnswer> {
  return send(server, `/Patient/${patientId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json-patch+json' },
    body,
  });
}

function fhirPathAdd(name: string): Promise<RawAnswer> {
  const parameters = {
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'operation',
        part: [
          { name: 'type', valueCode: 'add' },
          { name: 'path', valueString: 'Patient' },
          { name: 'name', valueString: name },
          { name: 'value', valueString: 'x' },
        ],
      },
    ],
  };
  return send(server, `/Patient/${patientId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(parameters),
  });
}

describe('finding 1: prototype pollution', () => {
  it('answers the exact JSON Patch of the finding with 400, stores nothing, and later creates still work', async () => {
    const answer = await expectNothingStored(server, () =>
      jsonPatch('[{"op":"add","path":"/__proto__/polluted","value":"x"}]'),
    );
    const outcome = expectOutcomeAnswer(answer, 400);
    expect(outcome.issue[0]!.diagnostics ?? outcome.issue[0]!.details?.text ?? '').toMatch(/__proto__/);
    const read = await send(server, `/Patient/${patientId}`);
    expect(read.body).not.toHaveProperty('polluted');
    expect((read.body as fhir4.Patient).meta?.versionId).toBe('1');
  });

  it.each([
    ['constructor/prototype', '[{"op":"add","path":"/constructor/prototype/polluted","value":"x"}]'],
    ['a nested __proto__', '[{"op":"add","path":"/name/0/__proto__/polluted","value":"x"}]'],
    ['an escaped pointer segment', '[{"op":"add","path":"/prototype","value":"x"}]'],
    ['move from __proto__', '[{"op":"move","from":"/__proto__","path":"/name/0/x"}]'],
    ['copy from constructor', '[{"op":"copy","from":"/constructor","path":"/name/0/x"}]'],
    [
      'a good operation before a bad one',
      '[{"op":"remove","path":"/name"},{"op":"add","path":"/__proto__/a","value":1}]',
    ],
  ])('refuses a JSON Patch with %s (400, nothing stored)', async (_name, body) => {
    expectOutcomeAnswer(await expectNothingStored(server, () => jsonPatch(body)), 400);
  });

  it('refuses a JSON Patch that reads an inherited name (toString) as a missing path', async () => {
    const body = '[{"op":"copy","from":"/toString","path":"/name/0/x"}]';
    expectOutcomeAnswer(await expectNothingStored(server, () => jsonPatch(body)), isClientError);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a FHIRPath Patch adding an element named %s (was a silent 200)',
    async (name) => {
      expectOutcomeAnswer(await expectNothingStored(server, () => fhirPathAdd(name)), 400);
    },
  );

  it('refuses a resource body carrying a __proto__ key on create', async () => {
    const body = '{"resourceType":"Patient","__proto__":{"polluted":"x"},"name":[{"family":"P"}]}';
    const answer = await expectNothingStored(server, () =>
      send(server, '/Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body }),
    );
    expectOutcomeAnswer(answer, 400);
  });

  it('reports elements named constructor or toString as unknown elements (422 with expression)', async () => {
    const body = '{"resourceType":"Patient","toString":"x","name":[{"family":"P","valueOf":1}]}';
    const answer = await expectNothingStored(server, () =>
      send(server, '/Patient', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body }),
    );
    const outcome = expectOutcomeAnswer(answer, 422);
    const expressions = outcome.issue.flatMap((issue) => issue.expression ?? []);
    expect(expressions).toEqual(expect.arrayContaining(['Patient.toString', 'Patient.name[0].valueOf']));
  });

  it('treats _elements=__proto__ and _sort=constructor as names, never as prototype lookups', async () => {
    const elements = await send(server, '/Patient?_elements=__proto__,constructor');
    expect(elements.status).toBe(200);
    const sort = await send(server, '/Patient?_sort=constructor');
    expectOutcomeAnswer(sort, 400);
    await expectNothingStored(server, async () => undefined);
  });
});
