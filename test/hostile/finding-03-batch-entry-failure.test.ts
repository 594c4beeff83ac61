/**
 * Finding 3 of issue 17: a batch of [valid Patient, Patient with extensions nested 5,000 deep]
 * answered 500 after storing the first Patient. A batch entry's failure is now that entry's own
 * outcome in the batch-response, and the other entries are exactly what they would be alone.
 * @see https://hl7.org/fhir/R4/http.html#brules
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/outcome.js';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import type { ResourceStore } from '../../src/storage/port.js';
import { appOver, send as sendApp } from '../integration/app-over-store.js';
import type { RunningServer } from '../runtime/node-server.js';
import {
  countAllRows,
  expectNothingStored,
  expectOutcomeAnswer,
  expectServerStillWorks,
  isClientError,
  send,
  startHostileServer,
  type RawAnswer,
  type RowCounts,
} from './harness.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server?.stop());

const patient = { resourceType: 'Patient', gender: 'female', birthDate: '2025-01-02' };
const createPatient = { resource: patient, request: { method: 'POST', url: 'Patient' } };

function deepExtensions(depth: number): object {
  let extension: object = { url: 'https://partner.kz/fhir/leaf', valueString: 'x' };
  for (let i = 0; i < depth; i++) extension = { url: 'https://partner.kz/fhir/nest', extension: [extension] };
  return { resourceType: 'Patient', extension: [extension] };
}

/** The JSON text of {@link deepExtensions}, built without recursion (too deep for JSON.stringify here). */
function deepExtensionsJson(depth: number): string {
  const open = '{"url":"https://partner.kz/fhir/nest","extension":['.repeat(depth);
  const close = ']}'.repeat(depth);
  return `{"resourceType":"Patient","extension":[${open}{"url":"https://partner.kz/fhir/leaf","valueString":"x"}${close}]}`;
}

function postBatch(entry: unknown[]): Promise<RawAnswer> {
  return postBatchText(JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry }));
}

function postBatchText(body: string): Promise<RawAnswer> {
  return send(server, '', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
}

/** Rows each table gained while `run` ran. */
async function rowsAddedBy(run: () => Promise<unknown>): Promise<RowCounts> {
  const before = countAllRows(server);
  await run();
  const after = countAllRows(server);
  return Object.fromEntries(Object.entries(after).map(([table, n]) => [table, n - (before[table] ?? 0)]));
}

/** What one plain create of `patient` adds to each table: a batch's good entry adds exactly this. */
function rowsOfOnePatient(): Promise<RowCounts> {
  return rowsAddedBy(() =>
    send(server, '/Patient', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(patient),
    }),
  );
}

function entryOutcome(bundle: fhir4.Bundle, index: number): fhir4.OperationOutcome {
  const outcome = bundle.entry?.[index]?.response?.outcome as fhir4.OperationOutcome | undefined;
  expect(outcome?.resourceType).toBe('OperationOutcome');
  expect(outcome!.issue.some((i) => i.severity === 'error')).toBe(true);
  return outcome!;
}

describe('finding 3: a batch entry failure is that entry’s outcome', () => {
  it('the exact request: [valid Patient, extensions nested 5,000 deep] never answers 5xx nor stores the deep one', async () => {
    const onePatient = await rowsOfOnePatient();
    let answer: RawAnswer | undefined;
    const added = await rowsAddedBy(async () => {
      const deep = `{"resource":${deepExtensionsJson(5000)},"request":{"method":"POST","url":"Patient"}}`;
      answer = await postBatchText(
        `{"resourceType":"Bundle","type":"batch","entry":[${JSON.stringify(createPatient)},${deep}]}`,
      );
    });
    if (answer!.status === 200) {
      // The deep entry fails alone; the valid Patient is stored as if it had been sent alone.
      const bundle = answer!.body as fhir4.Bundle;
      expect(bundle.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(['201', '400']);
      expect(entryOutcome(bundle, 1).issue[0]?.expression?.[0]).toBe('Bundle.entry[1]');
      expect(added).toEqual(onePatient);
    } else {
      // A body depth limit at parse time refuses the whole request before any entry runs.
      expectOutcomeAnswer(answer!, 400);
      expect(Object.values(added).every((n) => n === 0)).toBe(true);
    }
    await expectServerStillWorks(server);
  });

  it('an invalid resource, a bad search and an unknown read fail alone; the valid entries are stored as if alone', async () => {
    const onePatient = await rowsOfOnePatient();
    let answer: RawAnswer | undefined;
    const added = await rowsAddedBy(async () => {
      answer = await postBatch([
        { resource: { resourceType: 'Patient', gender: 'robot' }, request: { method: 'POST', url: 'Patient' } },
        { request: { method: 'GET', url: 'Patient?birthdate=ge2020-13-45' } },
        createPatient,
        { request: { method: 'GET', url: 'Patient/nobody-here' } },
      ]);
    });
    expect(answer!.status).toBe(200);
    const bundle = answer!.body as fhir4.Bundle;
    expect(bundle.type).toBe('batch-response');
    expect(bundle.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(['422', '400', '201', '404']);
    // One full path from the Bundle: the invalid element, else the entry.
    const where = [0, 1, 3].map((index) => entryOutcome(bundle, index).issue[0]?.expression);
    expect(where).toEqual([['Bundle.entry[0].resource.gender'], ['Bundle.entry[1]'], ['Bundle.entry[3]']]);
    expect(added).toEqual(onePatient);
    await expectServerStillWorks(server);
  });

  it('a batch whose every entry fails answers 200 with their outcomes and stores nothing', async () => {
    const answer = await expectNothingStored(server, () =>
      postBatch([
        { resource: deepExtensions(3), request: { method: 'POST', url: 'Patient', ifNoneExist: 'unknown-param=1' } },
        { request: { method: 'DELETE', url: 'Patient?' } },
      ]),
    );
    expect(answer.status).toBe(200);
    const statuses = (answer.body as fhir4.Bundle).entry!.map((e) => Number(e.response!.status.slice(0, 3)));
    expect(statuses.every(isClientError)).toBe(true);
  });
});

/** A store whose commit of a Patient with `gender: 'other'` throws `error` (a fault of that entry only). */
function faultyStore(inner: ResourceStore, error: () => Error): ResourceStore {
  return {
    ...inner,
    async commit(unit) {
      if (unit.writes.some((w) => (w.resource as fhir4.Patient | undefined)?.gender === 'other')) throw error();
      return inner.commit(unit);
    },
  };
}

describe('finding 3: whatever one batch entry throws stays in that entry (test-only faulty store)', () => {
  it.each([
    ['a TypeError (a genuine internal error) is that entry’s 500', () => new TypeError('boom'), '500'],
    ['a stack overflow is that entry’s 400', () => new RangeError('Maximum call stack size exceeded'), '400'],
    [
      'a FhirError keeps its own status',
      () => new FhirError(409, { severity: 'error', code: 'conflict', message: 'x' }),
      '409',
    ],
  ])('%s, and the entries around it are stored', async (_, error, status) => {
    const store = faultyStore(createMemoryResourceStore(), error);
    const app = appOver(store);
    const faulty = { resource: { ...patient, gender: 'other' }, request: { method: 'POST', url: 'Patient' } };
    const res = await sendApp(app, 'POST', '', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [createPatient, faulty, createPatient],
    });
    expect(res.status).toBe(200);
    const bundle = (await res.json()) as fhir4.Bundle;
    expect(bundle.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(['201', status, '201']);
    const outcome = entryOutcome(bundle, 1);
    expect(JSON.stringify(outcome)).not.toContain('boom');
    expect(outcome.issue[0]?.expression?.[0]).toBe('Bundle.entry[1]');
    const stored = (await (await app.request('/fhir/Patient?_summary=count')).json()) as fhir4.Bundle;
    expect(stored.total).toBe(2);
  });
});
