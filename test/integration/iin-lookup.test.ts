/**
 * End-to-end: the IIN look-up fall-through. A second gateway started as the national register;
 * a search by IIN that matches nothing locally asks it, keeps the answer (meta.source, the
 * national-register tag) and says so in the searchset; the next search is answered locally; the
 * cached copy is not sent back. msw (in a third gateway process) stands for a register that
 * fails: the searchset says it could not be asked and nothing is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/exchange/destinations.js';
import { createFetchRegisterLookup } from '../../src/exchange/lookup/fetch-register-lookup.js';
import { createFhirRegisterLookup } from '../../src/exchange/lookup/fhir-register-lookup.js';
import { IIN_SYSTEM } from '../../src/fhir/canonical.js';
import { startNodeServer, type RunningServer } from '../runtime/node-server.js';
import { iinFrom } from './discharge-messages.js';
import { destinationsEnv, nationalCounts, startGateway, type GatewayProcess } from './exchange-helpers.js';

const PRELOAD = new URL('./register-faults-preload.mjs', import.meta.url).href;
const TAG = { system: 'https://fhir.patronage.kz/CodeSystem/record-source', code: 'national-register' };

let dir: string;
let national: GatewayProcess;
let local: GatewayProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iin-lookup-'));
  national = await startGateway(join(dir, 'national.sqlite'), {});
  local = await startGateway(join(dir, 'local.sqlite'), {
    EXCHANGE_DESTINATIONS: destinationsEnv(national.baseUrl, { iinLookup: true }),
    EXCHANGE_DISPATCH_INTERVAL_MS: '20',
  });
});

afterAll(async () => {
  await local?.stop();
  await national?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function byIin(client: Client, iin: string, extra: Record<string, string> = {}): Promise<fhir4.Bundle> {
  const searchParams = { identifier: `${IIN_SYSTEM}|${iin}`, ...extra };
  return (await client.search({ resourceType: 'Patient', searchParams })) as unknown as fhir4.Bundle;
}

const matches = (bundle: fhir4.Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'match');
const outcomes = (bundle: fhir4.Bundle) =>
  (bundle.entry ?? []).filter((e) => e.search?.mode === 'outcome').map((e) => e.resource as fhir4.OperationOutcome);

const adultIin = (serial: number) => iinFrom('8503154', serial); // a woman born 1985-03-15

describe('IIN look-up falling through to the national register', () => {
  it('asks the register, keeps its Patient marked with its source, and says so', async () => {
    const iin = adultIin(1);
    const upstream = (await national.client.create({
      resourceType: 'Patient',
      body: {
        resourceType: 'Patient',
        identifier: [{ system: IIN_SYSTEM, value: iin }],
        name: [{ family: 'Сейтова' }],
        gender: 'female',
        birthDate: '1985-03-15',
      },
    })) as fhir4.Patient;
    const first = await byIin(local.client, iin);
    const [match, ...more] = matches(first);
    expect(more).toEqual([]);
    const patient = match!.resource as fhir4.Patient;
    expect(patient.name![0]!.family).toBe('Сейтова');
    expect(patient.meta!.source).toBe(`${national.baseUrl}/Patient/${upstream.id!}`);
    expect(patient.meta!.tag).toContainEqual(TAG);
    expect(match!.fullUrl).toBe(`${local.baseUrl}/Patient/${patient.id!}`);
    expect(outcomes(first)[0]!.issue[0]!.details!.text).toContain('national register national');
    // The copy is stored here: the next search is answered locally, without an outcome.
    const second = await byIin(local.client, iin);
    expect(matches(second).map((e) => e.resource!.id)).toEqual([patient.id]);
    expect(outcomes(second)).toEqual([]);
    const read = (await local.client.read({ resourceType: 'Patient', id: patient.id! })) as fhir4.Patient;
    expect(read.meta!.source).toBe(patient.meta!.source);
    // …and it is not sent back to the register it came from.
    expect(Object.values(await nationalCounts(local)).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('says so when the register has no such Patient, and stores nothing', async () => {
    const iin = adultIin(2);
    const answer = await byIin(local.client, iin);
    expect(matches(answer)).toEqual([]);
    expect(outcomes(answer)[0]!.issue[0]).toMatchObject({ severity: 'information' });
    expect(outcomes(answer)[0]!.issue[0]!.details!.text).toContain('nor at the national register');
  });

  it('does not fall through for a search narrowed by other parameters', async () => {
    const iin = adultIin(3);
    await national.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', identifier: [{ system: IIN_SYSTEM, value: iin }], gender: 'female' },
    });
    const narrowed = await byIin(local.client, iin, { gender: 'female' });
    expect(matches(narrowed)).toEqual([]);
    expect(outcomes(narrowed)).toEqual([]);
  });
});

describe('IIN look-up when the register fails', () => {
  const FAULTS = ['503', 'timeout', 'drop'];
  /** What the outcome says of each fault: it must have reached the register's stand-in. */
  const SAID: Record<string, string> = {
    '503': 'the register answered 503',
    timeout: 'the register did not answer in time',
    drop: 'no answer',
  };
  let server: RunningServer | undefined;
  let client: Client;

  beforeAll(async () => {
    server = await startNodeServer(
      {
        LOAD_DEMO_DATA: 'false',
        REGISTER_FAULTS: FAULTS.join(','),
        EXCHANGE_DESTINATIONS: destinationsEnv('http://register.test/fhir', { iinLookup: true, timeoutMs: 500 }),
        EXCHANGE_DISPATCH_IN_SERVER: 'false',
      },
      { preload: [PRELOAD] },
    );
    client = new Client({ baseUrl: server.baseUrl });
  });

  afterAll(async () => {
    await server?.stop();
  });

  // One call per fault, in the order the preload answers them.
  for (const [serial, fault] of FAULTS.entries()) {
    it(`answers the local searchset with a warning, storing nothing, when the register gives: ${fault}`, async () => {
      const answer = await byIin(client, adultIin(10 + serial));
      expect(matches(answer)).toEqual([]);
      expect(outcomes(answer)[0]!.issue[0]).toMatchObject({ severity: 'warning', code: 'incomplete' });
      expect(outcomes(answer)[0]!.issue[0]!.details!.text).toContain('could not be asked');
      expect(outcomes(answer)[0]!.issue[0]!.details!.text).toContain(SAID[fault]);
      const all = (await client.search({ resourceType: 'Patient', searchParams: {} })) as unknown as fhir4.Bundle;
      expect(matches(all)).toEqual([]);
    });
  }
});

describe('the look-up clients of the two runtimes', () => {
  const destination = (url: string): Destination =>
    ({
      name: 'national',
      kind: 'fhir',
      url,
      resourceTypes: ['Patient'],
      iinLookup: true,
      maxAttempts: 3,
      timeoutMs: 5_000,
    }) as Destination;

  it('fetch (Workers) answers as fhir-kit-client (Node) does: found, none, failed', async () => {
    const iin = adultIin(7);
    await national.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', identifier: [{ system: IIN_SYSTEM, value: iin }], gender: 'female' },
    });
    const closed = 'http://127.0.0.1:9/fhir'; // the discard port: nothing listens
    for (const [url, ask, kind] of [
      [national.baseUrl, iin, 'found'],
      [national.baseUrl, adultIin(8), 'none'],
      [closed, iin, 'failed'],
    ] as const) {
      const [viaFetch, viaClient] = await Promise.all([
        createFetchRegisterLookup(destination(url)).findByIin(ask),
        createFhirRegisterLookup(destination(url)).findByIin(ask),
      ]);
      expect(viaFetch.kind, `${kind} at ${url}`).toBe(kind);
      if (viaFetch.kind === 'failed') expect(viaClient.kind).toBe('failed');
      else expect(viaFetch).toEqual(viaClient);
    }
  });
});
