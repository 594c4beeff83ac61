/**
 * Finding 10 of issue 17, the Bundle cases: malformed transaction and batch Bundles were
 * accepted with 2xx and stored verbatim. The Bundle's shape is now checked whole before any
 * entry runs, and references that cannot be resolved fail their entry (a transaction: whole).
 * @see https://hl7.org/fhir/R4/bundle.html#invs
 * @see https://hl7.org/fhir/R4/http.html#transaction
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer, type RawAnswer } from './harness.js';

let server: RunningServer;
const IIN = 'http://patronage.kz/fhir/sid/iin';

beforeAll(async () => {
  server = await startHostileServer();
  const mother = await post('/Patient', {
    resourceType: 'Patient',
    identifier: [{ system: IIN, value: '900101400001' }],
  });
  expect(mother.status).toBe(201);
});
afterAll(() => server?.stop());

function post(path: string, body: unknown): Promise<RawAnswer> {
  return send(server, path, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const patientEntry = (fullUrl?: string, resource: object = { resourceType: 'Patient', gender: 'female' }) => ({
  ...(fullUrl ? { fullUrl } : {}),
  resource,
  request: { method: 'POST', url: 'Patient' },
});
const encounterEntry = (reference: string) => ({
  resource: { resourceType: 'Encounter', status: 'planned', class: { code: 'HH' }, subject: { reference } },
  request: { method: 'POST', url: 'Encounter' },
});
const UUID = 'urn:uuid:0a0a0a0a-0000-4000-8000-000000000001';

/** Posts `bundle`, asserts `status` with an OperationOutcome, nothing stored, and returns the expressions. */
async function expectRefused(bundle: unknown, status: number): Promise<string[]> {
  const answer = await expectNothingStored(server, () => post('', bundle));
  const outcome = expectOutcomeAnswer(answer, status);
  return outcome.issue.flatMap((issue) => issue.expression ?? []);
}

/** Posts a batch of one failing entry; asserts a 200 batch-response whose entry has `status` and nothing stored. */
async function expectBatchEntryRefused(entry: unknown, status: number): Promise<string[]> {
  const answer = await expectNothingStored(server, () =>
    post('', { resourceType: 'Bundle', type: 'batch', entry: [entry] }),
  );
  expect(answer.status).toBe(200);
  const response = (answer.body as fhir4.Bundle).entry?.[0]?.response;
  expect(response?.status.slice(0, 3)).toBe(String(status));
  const outcome = response?.outcome as fhir4.OperationOutcome;
  expect(outcome.issue.some((i) => i.severity === 'error')).toBe(true);
  return outcome.issue.flatMap((issue) => issue.expression ?? []);
}

describe('finding 10: the Bundle itself is validated before any entry runs', () => {
  it.each(['transaction', 'batch'])('%s with entry: [] is 400 (FHIR JSON has no empty arrays)', async (type) => {
    expect(await expectRefused({ resourceType: 'Bundle', type, entry: [] }, 400)).toContain('Bundle.entry');
  });

  it('50,000 unknown keys on an entry are 400, located, with a short outcome', async () => {
    const entry: Record<string, unknown> = patientEntry();
    for (let i = 0; i < 50_000; i++) entry[`k${i}`] = i;
    const answer = await expectNothingStored(server, () =>
      post('', { resourceType: 'Bundle', type: 'batch', entry: [entry] }),
    );
    const outcome = expectOutcomeAnswer(answer, 400);
    expect(outcome.issue[0]?.expression).toEqual(['Bundle.entry[0].k0']);
    expect(outcome.issue.length).toBeLessThanOrEqual(21);
  });

  it('an unknown element on the Bundle or on an entry request is 400, located', async () => {
    const bogus = { resourceType: 'Bundle', type: 'transaction', bogus: true, entry: [patientEntry()] };
    expect(await expectRefused(bogus, 400)).toContain('Bundle.bogus');
    const entry = { ...patientEntry(), request: { method: 'POST', url: 'Patient', verb: 'x' } };
    expect(await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [entry] }, 400)).toContain(
      'Bundle.entry[0].request.verb',
    );
  });

  it('Bundle.id "a b" is 400', async () => {
    const bundle = { resourceType: 'Bundle', id: 'a b', type: 'transaction', entry: [patientEntry()] };
    expect(await expectRefused(bundle, 400)).toContain('Bundle.id');
  });

  it('Bundle.total on a transaction is 400 (bdl-1)', async () => {
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', total: 1, entry: [patientEntry()] }, 400);
  });

  it('an entry without request.method or request.url, or not an object, is 400 located', async () => {
    const noUrl = { resource: { resourceType: 'Patient' }, request: { method: 'POST' } };
    expect(await expectRefused({ resourceType: 'Bundle', type: 'batch', entry: [noUrl] }, 400)).toContain(
      'Bundle.entry[0].request.url',
    );
    const badMethod = { resource: { resourceType: 'Patient' }, request: { method: 'BREW', url: 'Patient' } };
    expect(await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [badMethod] }, 400)).toContain(
      'Bundle.entry[0].request.method',
    );
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [patientEntry(), 1] }, 400);
  });
});

describe('finding 10: fullUrl rules', () => {
  it('duplicate fullUrls are 400 naming both entries (bdl-7)', async () => {
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [patientEntry(UUID), patientEntry(UUID)] };
    const expressions = await expectRefused(bundle, 400);
    expect(expressions).toEqual(expect.arrayContaining(['Bundle.entry[1].fullUrl', 'Bundle.entry[0].fullUrl']));
  });

  it.each([
    ['a non-URI fullUrl', 'not a uri'],
    ['a relative fullUrl', 'Patient/123'],
    ['a malformed urn:uuid', 'urn:uuid:not-a-uuid'],
    ['an upper-case urn:uuid', 'urn:uuid:0A0A0A0A-0000-4000-8000-000000000001'],
    ['a malformed urn:oid', 'urn:oid:1.2.x'],
    ['a RESTful fullUrl disagreeing with the resource id', 'http://example.org/fhir/Patient/other'],
  ])('%s is 400 located at the fullUrl', async (_, fullUrl) => {
    const entry = patientEntry(fullUrl, { resourceType: 'Patient', id: 'p1', gender: 'female' });
    for (const type of ['transaction', 'batch']) {
      expect(await expectRefused({ resourceType: 'Bundle', type, entry: [entry] }, 400)).toContain(
        'Bundle.entry[0].fullUrl',
      );
    }
  });
});

describe('finding 10: references a Bundle cannot resolve', () => {
  it('a conditional reference without criteria (Patient?) fails: transaction whole, batch its entry', async () => {
    const entry = encounterEntry('Patient?');
    const expressions = await expectRefused(
      { resourceType: 'Bundle', type: 'transaction', entry: [patientEntry(), entry] },
      400,
    );
    expect(expressions).toContain('Bundle.entry[1].resource.subject.reference');
    expect(await expectBatchEntryRefused(entry, 400)).toContain('Bundle.entry[0].resource.subject.reference');
  });

  it('a conditional reference matching nothing is 404; in a batch that entry only', async () => {
    const entry = encounterEntry(`Patient?identifier=${IIN}|000000000000`);
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry: [patientEntry(), entry] }, 404);
    await expectBatchEntryRefused(entry, 404);
  });

  it('a urn:uuid reference that no entry carries fails: transaction whole, batch its entry', async () => {
    const entry = encounterEntry('urn:uuid:0a0a0a0a-0000-4000-8000-00000000dead');
    const bundle = { resourceType: 'Bundle', type: 'transaction', entry: [patientEntry(UUID), entry] };
    expect(await expectRefused(bundle, 400)).toContain('Bundle.entry[1].resource.subject.reference');
    await expectBatchEntryRefused(entry, 400);
  });

  it('a conditional reference inside a batch is resolved to the one match', async () => {
    const answer = await post('', {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [encounterEntry(`Patient?identifier=${IIN}|900101400001`)],
    });
    expect(answer.status).toBe(200);
    const response = (answer.body as fhir4.Bundle).entry![0]!;
    expect(response.response?.status).toBe('201 Created');
    const stored = await send(server, `/${response.response!.location!.split('/_history')[0]}`);
    const mother = await send(server, `/Patient?identifier=${IIN}|900101400001`);
    const motherId = ((mother.body as fhir4.Bundle).entry![0]!.resource as fhir4.Patient).id;
    expect((stored.body as fhir4.Encounter).subject?.reference).toBe(`Patient/${motherId}`);
  });
});

describe('finding 10: too many entries', () => {
  it('a batch of 100,000 empty entries is 413 before any entry runs', async () => {
    const body = `{"resourceType":"Bundle","type":"batch","entry":[${Array(100_000).fill('{}').join(',')}]}`;
    const answer = await expectNothingStored(server, () => post('', body));
    expectOutcomeAnswer(answer, 413);
  });

  it('a transaction of 1,001 valid entries (one over the default limit) is 413 and stores nothing', async () => {
    const entry = Array.from({ length: 1001 }, () => patientEntry());
    await expectRefused({ resourceType: 'Bundle', type: 'transaction', entry }, 413);
  });
});
