/**
 * Finding 4 of issue 17 (and the "bounded input" part of issue 8): deeply nested bodies
 * overflowed the stack of recursive code (the validator's walk, Bundle entry handling) and
 * answered 500; one array of about 120,000 items overflowed `push(...items)` in index
 * extraction. Now the JSON reader refuses nesting beyond its limit (100) with a 400 before any
 * recursive code runs, and long arrays are handled item by item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import {
  expectNothingStored,
  expectOutcomeAnswer,
  expectServerStillWorks,
  isClientError,
  send,
  startHostileServer,
  type RawAnswer,
} from './harness.js';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const EXT = '[{"url":"https://partner.kz/fhir/StructureDefinition/nested","extension":';

let server: RunningServer;
let patientId: string;

beforeAll(async () => {
  // Room for the 150,000-item array below (about 2.3 MB).
  server = await startHostileServer({ MAX_BODY_BYTES: String(8 * 1024 * 1024) });
  const created = await send(server, '/Patient', {
    method: 'POST',
    headers: FHIR_JSON,
    body: JSON.stringify({ resourceType: 'Patient', id: 'x', gender: 'male' }),
  });
  expect(created.status).toBe(201);
  patientId = (created.body as fhir4.Patient).id!;
}, 60_000);

afterAll(() => server?.stop());

/** An `extension` array nested `levels` extensions deep (JSON depth 2 × levels), built as text. */
function nestedExtensions(levels: number): string {
  const leaf = '[{"url":"https://partner.kz/fhir/StructureDefinition/leaf","valueString":"v"}]';
  return EXT.repeat(levels - 1) + leaf + '}]'.repeat(levels - 1);
}

/** A Patient whose JSON nests about `depth` levels of objects and arrays. */
function deepPatient(depth: number, id?: string): string {
  const levels = Math.max(1, Math.floor((depth - 1) / 2));
  return `{"resourceType":"Patient",${id ? `"id":"${id}",` : ''}"extension":${nestedExtensions(levels)}}`;
}

function post(path: string, body: string, headers: Record<string, string> = FHIR_JSON): Promise<RawAnswer> {
  return send(server, path, { method: 'POST', headers, body });
}

/** The write endpoints and $validate, each sent a body nested about `depth` levels. */
const ENDPOINTS: [string, (depth: number) => Promise<RawAnswer>, number][] = [
  ['POST /Patient', (d) => post('/Patient', deepPatient(d)), 201],
  ['PUT /Patient/[id]', (d) => send(server, '/Patient/deep-put', put(deepPatient(d, 'deep-put'))), 201],
  [
    'PATCH (JSON Patch)',
    (d) =>
      send(server, `/Patient/${patientId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json-patch+json' },
        body: `[{"op":"add","path":"/extension","value":${nestedExtensions(Math.max(1, Math.floor((d - 3) / 2)))}}]`,
      }),
    200,
  ],
  ['PATCH (FHIRPath Patch)', (d) => send(server, `/Patient/${patientId}`, fhirPathPatch(d)), 200],
  ['POST /fhir (transaction)', (d) => post('', transaction(deepPatient(d - 4))), 200],
  ['POST /Patient/$validate', (d) => post('/Patient/$validate', deepPatient(d)), 200],
];

function put(body: string): RequestInit {
  return { method: 'PUT', headers: FHIR_JSON, body };
}

function transaction(resource: string): string {
  return `{"resourceType":"Bundle","type":"transaction","entry":[{"resource":${resource},"request":{"method":"POST","url":"Patient"}}]}`;
}

/** A FHIRPath Patch whose value is an extension nested to reach about `depth`. */
function fhirPathPatch(depth: number): RequestInit {
  const levels = Math.max(1, Math.floor((depth - 7) / 2));
  const value = `{"name":"value","valueExtension":${nestedExtensions(levels).slice(1, -1)}}`;
  const body =
    '{"resourceType":"Parameters","parameter":[{"name":"operation","part":[' +
    '{"name":"type","valueCode":"add"},{"name":"path","valueString":"Patient"},' +
    `{"name":"name","valueString":"extension"},${value}]}]}`;
  return { method: 'PATCH', headers: FHIR_JSON, body };
}

describe('finding 4: deep nesting', () => {
  it.each(ENDPOINTS)('%s accepts a body nested 10 levels', async (_name, sendDeep, status) => {
    const answer = await sendDeep(10);
    expect(answer.status, answer.text.slice(0, 500)).toBe(status);
  });

  for (const depth of [1_000, 100_000]) {
    it.each(ENDPOINTS)(`%s refuses a body nested ${depth} levels with 400 and stores nothing`, async (_n, sendDeep) => {
      const outcome = expectOutcomeAnswer(await expectNothingStored(server, () => sendDeep(depth)), 400);
      expect(JSON.stringify(outcome)).toMatch(/limit is 100/);
    });
  }

  it.each([2_000, 5_000])('refuses extensions nested %i deep on POST /Patient', async (levels) => {
    const body = `{"resourceType":"Patient","extension":${nestedExtensions(levels)}}`;
    expectOutcomeAnswer(await expectNothingStored(server, () => post('/Patient', body)), 400);
  });

  it('refuses contained inside contained 1,500 deep', async () => {
    const open = '{"resourceType":"Patient","id":"c","contained":[';
    const body = open.repeat(1_500) + '{"resourceType":"Patient","id":"leaf"}' + ']}'.repeat(1_500);
    expectOutcomeAnswer(await expectNothingStored(server, () => post('/Patient', body)), 400);
  });

  it('refuses arrays nested 4,000 deep inside a Bundle entry posted to /fhir', async () => {
    const resource = `{"resourceType":"Patient","extension":${'['.repeat(4_000)}${']'.repeat(4_000)}}`;
    expectOutcomeAnswer(await expectNothingStored(server, () => post('', transaction(resource))), 400);
  });

  const many = (make: (i: number) => unknown) => Array.from({ length: 150_000 }, (_, i) => make(i));
  it.each([
    ['150,000 names', { name: many(() => ({ family: 'N' })) }],
    ['one name with 150,000 given names', { name: [{ given: many((i) => `G${i}`) }] }],
    ['150,000 identifiers', { identifier: many((i) => ({ system: 'urn:x', value: `v${i}` })) }],
  ])(
    'takes a Patient with %s without a 500',
    async (_name, content) => {
      const body = JSON.stringify({ resourceType: 'Patient', ...content });
      const answer = await post('/Patient', body);
      expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
      if (isClientError(answer.status)) expectOutcomeAnswer(answer, isClientError);
      else expect(answer.status).toBe(201);
      await expectServerStillWorks(server);
    },
    120_000,
  );

  it('reports 150,000 faulty items as a 422, not a 500', async () => {
    const body = JSON.stringify({
      resourceType: 'Patient',
      name: Array.from({ length: 150_000 }, () => ({ family: '' })),
    });
    expectOutcomeAnswer(await expectNothingStored(server, () => post('/Patient', body)), 422);
  }, 120_000);
});
