/**
 * The shared table of interaction cases (interaction-cases.ts), each run three ways against the
 * real Node server: over HTTP with fhir-kit-client, as the one entry of a transaction, and as
 * the one entry of a batch. All three must answer as the table says and leave the same state.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { responseOf, useNodeServer } from './fhir-client.js';
import { CASE_SYSTEM, INTERACTION_CASES, type CaseRequest, type InteractionCase } from './interaction-cases.js';
import type { Client } from 'fhir-kit-client';

/** What a transport answered, and what the store holds afterwards. */
interface Observed {
  status: number;
  codes?: string[];
  returnsResource: boolean;
  /** The run's Patients: id (tag removed; `*` when server-assigned), version and gender. */
  stored: string[];
}

type Mode = 'http' | 'transaction' | 'batch';

// With the audit check: every case's request, over HTTP, in a transaction or a batch, must leave
// exactly its AuditEvents (a refused one its refusal and nothing else).
const served = useNodeServer({}, { auditCheck: true });
let server: RunningServer;
let client: Client;

beforeAll(() => {
  ({ server, client } = served);
});

describe('one meaning for an interaction over HTTP, in a transaction and in a batch', () => {
  INTERACTION_CASES.forEach((testCase, index) => {
    it(`${testCase.name} (${testCase.expected.status})`, async () => {
      const observed: Partial<Record<Mode, Observed>> = {};
      for (const mode of ['http', 'transaction', 'batch'] as const) {
        observed[mode] = await runCase(testCase, `case${index}-${mode}`, mode);
      }
      const { expected } = testCase;
      expect(observed.http).toMatchObject({ status: expected.status });
      if (expected.codes) expect(observed.http?.codes).toEqual(expected.codes);
      if (expected.returnsResource !== undefined) expect(observed.http?.returnsResource).toBe(expected.returnsResource);
      expect(observed.transaction, 'the transaction entry answers as HTTP does').toEqual(observed.http);
      expect(observed.batch, 'the batch entry answers as HTTP does').toEqual(observed.http);
    });
  });
});

async function runCase(testCase: InteractionCase, tag: string, mode: Mode): Promise<Observed> {
  for (const resource of testCase.seed(tag)) {
    await client.update({ resourceType: 'Patient', id: resource.id!, body: resource as never });
  }
  const request = testCase.request(tag);
  const answer =
    mode === 'http' ? await overHttp(request, testCase.prefer) : await inBundle(request, mode, testCase.prefer);
  return { ...answer, stored: await storedState(tag) };
}

/** The request through fhir-kit-client (its raw `request`, which can carry any header). */
async function overHttp(request: CaseRequest, prefer?: string): Promise<Omit<Observed, 'stored'>> {
  const headers: Record<string, string> = {
    'content-type': request.patch ? 'application/json-patch+json' : 'application/fhir+json',
    ...(request.ifMatch ? { 'if-match': request.ifMatch } : {}),
    ...(request.ifNoneMatch ? { 'if-none-match': request.ifNoneMatch } : {}),
    ...(request.ifNoneExist ? { 'if-none-exist': request.ifNoneExist } : {}),
    ...(prefer ? { prefer } : {}),
  };
  const body = request.patch ?? request.body;
  try {
    const result = await client.request(request.url, {
      method: request.method,
      options: { headers },
      ...(body ? { body: body as never } : {}),
    });
    const resource = result as { resourceType?: string };
    return { status: responseOf(result).status, returnsResource: resource.resourceType === 'Patient' };
  } catch (thrown) {
    const { response } = thrown as { response: { status: number; data: fhir4.OperationOutcome } };
    return { status: response.status, codes: errorCodes(response.data), returnsResource: false };
  }
}

/** The request as the one entry of a transaction or batch Bundle. */
async function inBundle(request: CaseRequest, type: 'transaction' | 'batch', prefer?: string) {
  const entryRequest = {
    method: request.method,
    url: request.url,
    ...(request.ifMatch ? { ifMatch: request.ifMatch } : {}),
    ...(request.ifNoneMatch ? { ifNoneMatch: request.ifNoneMatch } : {}),
    ...(request.ifNoneExist ? { ifNoneExist: request.ifNoneExist } : {}),
  };
  const resource = request.patch ? jsonPatchBinary(request.patch) : request.body;
  const bundle = {
    resourceType: 'Bundle',
    type,
    entry: [{ ...(resource ? { resource } : {}), request: entryRequest }],
  };
  const options = prefer ? { headers: { prefer } } : {};
  try {
    const send = type === 'transaction' ? client.transaction.bind(client) : client.batch.bind(client);
    const result = (await send({ body: bundle as never, options })) as unknown as fhir4.Bundle;
    const entry = result.entry![0]!;
    const status = Number(entry.response!.status.slice(0, 3));
    const failed = status >= 400 ? { codes: errorCodes(entry.response!.outcome as fhir4.OperationOutcome) } : {};
    return { status, ...failed, returnsResource: entry.resource?.resourceType === 'Patient' };
  } catch (thrown) {
    const { response } = thrown as { response: { status: number; data: fhir4.OperationOutcome } };
    return { status: response.status, codes: errorCodes(response.data), returnsResource: false };
  }
}

function jsonPatchBinary(patch: unknown): fhir4.Binary {
  const data = btoa(JSON.stringify(patch));
  return { resourceType: 'Binary', contentType: 'application/json-patch+json', data };
}

function errorCodes(outcome: fhir4.OperationOutcome): string[] {
  expect(outcome.resourceType).toBe('OperationOutcome');
  const codes = outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal').map((i) => i.code);
  return [...new Set(codes)].sort();
}

/** The current Patients of run `tag` (by identifier, or by the ids the run uses). */
async function storedState(tag: string): Promise<string[]> {
  const byIdentifier = (await client.search({
    resourceType: 'Patient',
    searchParams: { identifier: `${CASE_SYSTEM}|${tag}` },
  })) as unknown as fhir4.Bundle;
  const byId = (await client.search({
    resourceType: 'Patient',
    searchParams: { _id: `${tag}-a,${tag}-b,${tag}-other` },
  })) as unknown as fhir4.Bundle;
  const seen = new Map<string, fhir4.Patient>();
  for (const entry of [...(byIdentifier.entry ?? []), ...(byId.entry ?? [])]) {
    const patient = entry.resource as fhir4.Patient;
    seen.set(patient.id!, patient);
  }
  return [...seen.values()]
    .map((p) => `${p.id!.startsWith(`${tag}-`) ? p.id!.slice(tag.length) : '*'} v${p.meta?.versionId} ${p.gender}`)
    .sort();
}

describe('conditional read', () => {
  it('a read with If-None-Match naming the current version is 304, over HTTP and in a batch', async () => {
    const id = 'cond-read';
    await client.update({ resourceType: 'Patient', id, body: { resourceType: 'Patient', id } });
    const notModified = await fetch(`${server.baseUrl}/Patient/${id}`, { headers: { 'if-none-match': 'W/"1"' } });
    expect([notModified.status, await notModified.text()]).toEqual([304, '']);
    const changed = await fetch(`${server.baseUrl}/Patient/${id}`, { headers: { 'if-none-match': 'W/"0"' } });
    expect(changed.status).toBe(200);
    const batch = (await client.batch({
      body: {
        resourceType: 'Bundle',
        type: 'batch',
        entry: [{ request: { method: 'GET', url: `Patient/${id}`, ifNoneMatch: 'W/"1"' } }],
      } as never,
    })) as unknown as fhir4.Bundle;
    expect(batch.entry?.[0]?.response?.status).toBe('304 Not Modified');
    expect(batch.entry?.[0]?.resource).toBeUndefined();
  });
});
