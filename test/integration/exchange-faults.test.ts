/**
 * Failure handling of the exchange, with faults injected by msw in front of the "national"
 * server (a real second gateway behind it): 5xx bursts, 429 with Retry-After, timeouts, a
 * connection dropped after the upstream committed, permanent refusals (409/412/422) kept as
 * dead letters with their OperationOutcome, the attempt limit, per-patient order and leases.
 *
 * The local gateway is the real server (it accepts the writes and stores the outbox rows); its
 * own timer is off, and the dispatcher runs here, in the test process, so that msw sees its
 * requests. It reads and writes the same SQLite file as the server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDestinations } from '../../src/exchange/destinations.js';
import type { Dispatcher } from '../../src/exchange/dispatcher.js';
import { createFhirDispatcher } from '../../src/exchange/fhir-dispatcher.js';
import type { Delivery, OutboxQueue } from '../../src/exchange/outbox-queue.js';
import { createSqlOutboxQueue } from '../../src/exchange/sql-outbox-queue.js';
import { openBetterSqlite3 } from '../../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import {
  allOf,
  destinationsEnv,
  observationBody,
  operator,
  patientBody,
  recordKey,
  startGateway,
  type GatewayProcess,
} from './exchange-helpers.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));
/** The address the national server is known by; msw answers for it. */
const FRONT = 'http://national.test/fhir';
const MAX_ATTEMPTS = 4;
const TIMEOUT_MS = 300;

/** What msw does with the next call to the national server: answer itself, or pass it on. */
type Fault = (forward: () => Promise<Response>) => Promise<Response>;

let dir: string;
let national: GatewayProcess;
let local: GatewayProcess;
let driver: ReturnType<typeof openBetterSqlite3>;
let queue: OutboxQueue;
let dispatcher: Dispatcher;
let faults: Fault[] = [];
let calls = 0;

const mock = setupServer(
  http.post(/^http:\/\/national\.test\/fhir\/?$/, async ({ request }) => {
    calls++;
    const body = await request.text();
    const forward = () =>
      fetch(`${national.baseUrl}/`, { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });
    const fault = faults.shift();
    return fault ? fault(forward) : forward();
  }),
);

beforeAll(async () => {
  mock.listen({ onUnhandledRequest: 'bypass' });
  dir = mkdtempSync(join(tmpdir(), 'exchange-faults-'));
  const env = destinationsEnv(FRONT, {
    maxAttempts: MAX_ATTEMPTS,
    timeoutMs: TIMEOUT_MS,
    backoffBaseMs: 1,
    backoffMaxMs: 2,
  });
  national = await startGateway(join(dir, 'national.sqlite'), {});
  local = await startGateway(join(dir, 'local.sqlite'), {
    EXCHANGE_DESTINATIONS: env,
    EXCHANGE_DISPATCH_IN_SERVER: 'false',
  });
  driver = openBetterSqlite3({ path: join(dir, 'local.sqlite'), migrationsDir: MIGRATIONS, writerThread: false });
  queue = createSqlOutboxQueue(driver);
  const destinations = parseDestinations({ EXCHANGE_DESTINATIONS: env });
  dispatcher = createFhirDispatcher('test', queue, createSqlResourceStore(driver), destinations);
});

afterAll(async () => {
  mock.close();
  driver?.close();
  await local?.stop();
  await national?.stop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  faults = [];
  calls = 0;
});

const outcome = (status: number, code: string) => () =>
  Promise.resolve(
    HttpResponse.json(
      { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics: `refused with ${status}` }] },
      { status, headers: { 'content-type': 'application/fhir+json' } },
    ),
  );

/** Dispatches until nothing is pending that is not waiting out a long delay (Retry-After). */
async function dispatchUntilQuiet(): Promise<void> {
  for (let round = 0; round < 200; round++) {
    await dispatcher.drain();
    const pending = await queue.list({ state: 'pending' }, 500);
    if (pending.every((d) => d.nextAttemptMs > Date.now() + 10_000)) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the outbox did not settle');
}

async function deliveryOf(resource: unknown): Promise<Delivery> {
  const { resourceType, id } = resource as fhir4.Resource;
  const all = await queue.list({}, 500);
  return all.filter((d) => d.resourceType === resourceType && d.id === id).at(-1)!;
}

async function createPatient(key: string): Promise<fhir4.Patient> {
  return (await local.client.create({ resourceType: 'Patient', body: patientBody(key) })) as unknown as fhir4.Patient;
}

async function upstreamCount(resourceType: string, key: string): Promise<number> {
  return (await allOf(national.client, resourceType)).filter((r) => recordKey(r) === key).length;
}

describe('retries', () => {
  it('retries a burst of 5xx answers and then delivers once', async () => {
    faults = [outcome(503, 'transient'), outcome(500, 'exception'), outcome(502, 'transient')];
    const patient = await createPatient('burst');
    await dispatchUntilQuiet();
    const shown = await queue.get((await deliveryOf(patient)).seq);
    expect(shown!.delivery.state).toBe('delivered');
    expect(shown!.attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['retry', 503],
      ['retry', 500],
      ['retry', 502],
      ['delivered', 200],
    ]);
    expect(await upstreamCount('Patient', 'burst')).toBe(1);
  });

  it('waits at least as long as a 429 Retry-After asks, and an operator retry sends it at once', async () => {
    faults = [
      () =>
        Promise.resolve(
          new Response('{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"throttled"}]}', {
            status: 429,
            headers: { 'retry-after': '120' },
          }),
        ),
    ];
    const patient = await createPatient('throttled');
    await dispatchUntilQuiet();
    const waiting = await queue.get((await deliveryOf(patient)).seq);
    expect(waiting!.delivery.state).toBe('pending');
    expect(waiting!.delivery.nextAttemptMs - waiting!.attempts[0]!.atMs).toBeGreaterThanOrEqual(120_000);
    expect(await upstreamCount('Patient', 'throttled')).toBe(0);
    const retried = await operator(local, `/deliveries/${waiting!.delivery.seq}/retry`, 'POST');
    expect(await retried.json()).toEqual({ requeued: 1 });
    await dispatchUntilQuiet();
    expect((await queue.get(waiting!.delivery.seq))!.delivery.state).toBe('delivered');
    expect(await upstreamCount('Patient', 'throttled')).toBe(1);
  });

  it('retries a send that timed out', async () => {
    faults = [
      async () => {
        await delay(TIMEOUT_MS * 4);
        return new Response(null, { status: 504 });
      },
    ];
    const patient = await createPatient('slow');
    await dispatchUntilQuiet();
    const shown = await queue.get((await deliveryOf(patient)).seq);
    expect(shown!.attempts[0]).toMatchObject({ outcome: 'retry', detail: expect.stringContaining('timed out') });
    expect(shown!.attempts[0]!.status).toBeUndefined();
    expect(shown!.delivery.state).toBe('delivered');
    expect(await upstreamCount('Patient', 'slow')).toBe(1);
  });

  it('sends again after a connection dropped once the upstream had committed, without a duplicate', async () => {
    faults = [
      async (forward) => {
        expect((await forward()).status).toBe(200);
        return HttpResponse.error();
      },
    ];
    const patient = await createPatient('dropped');
    await dispatchUntilQuiet();
    const shown = await queue.get((await deliveryOf(patient)).seq);
    expect(shown!.attempts.map((a) => a.outcome)).toEqual(['retry', 'delivered']);
    expect(calls).toBe(2);
    expect(await upstreamCount('Patient', 'dropped')).toBe(1);
  });

  it('gives up after the destination attempt limit and keeps the last answer', async () => {
    faults = new Array(MAX_ATTEMPTS).fill(outcome(500, 'exception'));
    const patient = await createPatient('exhausted');
    await dispatchUntilQuiet();
    const shown = await queue.get((await deliveryOf(patient)).seq);
    expect(shown!.delivery.state).toBe('dead');
    expect(shown!.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(shown!.attempts.at(-1)).toMatchObject({ outcome: 'dead', status: 500 });
  });
});

describe('permanent refusals', () => {
  it.each([409, 412, 422])('makes a %i a dead letter at once, its OperationOutcome kept', async (status) => {
    faults = [outcome(status, 'business-rule')];
    const patient = await createPatient(`refused-${status}`);
    await dispatchUntilQuiet();
    const seq = (await deliveryOf(patient)).seq;
    const shown = (await (await operator(local, `/deliveries/${seq}`)).json()) as {
      state: string;
      attempts: { status: number; outcome: unknown }[];
    };
    expect(shown.state).toBe('dead');
    expect(shown.attempts).toHaveLength(1);
    expect(shown.attempts[0]).toMatchObject({
      status,
      outcome: { resourceType: 'OperationOutcome', issue: [{ code: 'business-rule' }] },
    });
    expect(await upstreamCount('Patient', `refused-${status}`)).toBe(0);
  });

  it('requeues dead letters on an operator request and delivers them', async () => {
    const requeued = (await (await operator(local, '/requeue?destination=national', 'POST')).json()) as {
      requeued: number;
    };
    expect(requeued.requeued).toBeGreaterThanOrEqual(3);
    await dispatchUntilQuiet();
    expect(await queue.list({ state: 'dead' }, 500)).toEqual([]);
    for (const status of [409, 412, 422]) expect(await upstreamCount('Patient', `refused-${status}`)).toBe(1);
  });
});

describe('ordering and leases', () => {
  it("holds a patient's later change until the earlier one is delivered", async () => {
    faults = [outcome(503, 'transient'), outcome(503, 'transient')];
    const patient = await createPatient('ordered');
    const observation = await local.client.create({
      resourceType: 'Observation',
      body: observationBody('ordered-weight', patient.id!),
    });
    await dispatcher.dispatchOnce();
    expect((await deliveryOf(patient)).attempts).toBe(1);
    expect((await deliveryOf(observation)).attempts).toBe(0);
    await dispatchUntilQuiet();
    expect((await deliveryOf(observation)).state).toBe('delivered');
    const upstreamPatient = (await allOf(national.client, 'Patient')).find((p) => recordKey(p) === 'ordered')!;
    const upstreamObservation = (await allOf<fhir4.Observation>(national.client, 'Observation')).find(
      (o) => recordKey(o) === 'ordered-weight',
    )!;
    expect(upstreamObservation.subject!.reference).toBe(`Patient/${upstreamPatient.id}`);
  });

  it('never leases one row to two dispatchers claiming at the same time', async () => {
    for (let i = 0; i < 20; i++) await createPatient(`lease-${i}`);
    const second = openBetterSqlite3({
      path: join(dir, 'local.sqlite'),
      migrationsDir: MIGRATIONS,
      writerThread: false,
    });
    try {
      const other = createSqlOutboxQueue(second);
      const claim = (q: OutboxQueue, owner: string) =>
        q.claim({ owner, nowMs: Date.now(), leaseMs: 60_000, limit: 15 });
      const [a, b] = await Promise.all([claim(queue, 'a'), claim(other, 'b')]);
      const seqs = [...a, ...b].map((d) => d.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(seqs.length).toBe(20);
      // Leased rows are not claimable again until the lease runs out.
      expect(await claim(queue, 'c')).toEqual([]);
    } finally {
      second.close();
    }
  });
});

/** Patients of the random-failure run, each created and then updated twice (issue 12 asks 5,000 records). */
const FLAKY_PATIENTS = 60;
/** Share of calls the upstream fails: 2/3 of them with a 503, 1/3 dropped after it committed. */
const FAILURE_RATE = 0.3;

describe('an upstream failing at random', () => {
  it('receives every change exactly once in effect and each patient in order', async () => {
    // A generous timeout: a send that times out may still commit upstream while its retry runs
    // (decision 029); this run is about refused and dropped calls, not about slow ones.
    const env = destinationsEnv(FRONT, { maxAttempts: 1000, timeoutMs: 10_000, backoffBaseMs: 1, backoffMaxMs: 2 });
    const patient = createFhirDispatcher(
      'flaky',
      queue,
      createSqlResourceStore(driver),
      parseDestinations({ EXCHANGE_DESTINATIONS: env }),
    );
    const committed: { key: string; family: string }[] = [];
    mock.use(
      http.post(/^http:\/\/national\.test\/fhir\/?$/, async ({ request }) => {
        const text = await request.text();
        const sent = (JSON.parse(text) as fhir4.Bundle).entry![0]!.resource as fhir4.Patient;
        const roll = Math.random();
        if (roll < (FAILURE_RATE * 2) / 3) return new Response(null, { status: 503 });
        const forwarded = await fetch(`${national.baseUrl}/`, {
          method: 'POST',
          headers: { 'content-type': 'application/fhir+json' },
          body: text,
        });
        if (forwarded.status === 200) committed.push({ key: recordKey(sent)!, family: sent.name![0]!.family! });
        return roll < FAILURE_RATE ? HttpResponse.error() : forwarded;
      }),
    );
    try {
      const ids = await Promise.all(
        Array.from({ length: FLAKY_PATIENTS }, async (_, i) => (await createPatientNamed(`flaky-${i}`, 'v1')).id!),
      );
      for (const family of ['v2', 'v3']) {
        await Promise.all(
          ids.map((id, i) =>
            local.client.update({
              resourceType: 'Patient',
              id,
              body: { ...patientBody(`flaky-${i}`, family), id } as never,
            }),
          ),
        );
      }
      // Only this test's rows: the lease test before it left its rows leased for a minute.
      const mine = new Set(ids.map((id) => `Patient/${id}`));
      const ownRows = async () => (await queue.list({}, 500)).filter((d) => mine.has(d.orderKey));
      for (let round = 0; round < 500 && (await ownRows()).some((d) => d.state === 'pending'); round++) {
        await patient.drain();
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      const rows = await ownRows();
      expect(rows).toHaveLength(FLAKY_PATIENTS * 3);
      const unfinished = rows.filter((d) => d.state !== 'delivered');
      const attemptsOf = await Promise.all(unfinished.map(async (d) => (await queue.get(d.seq))!.attempts));
      expect(unfinished, JSON.stringify(attemptsOf).slice(0, 3000)).toEqual([]);
      const upstream = (await allOf<fhir4.Patient>(national.client, 'Patient')).filter((p) =>
        recordKey(p)?.startsWith('flaky-'),
      );
      expect(upstream).toHaveLength(FLAKY_PATIENTS);
      expect(new Set(upstream.map((p) => recordKey(p))).size).toBe(FLAKY_PATIENTS);
      expect(upstream.every((p) => p.name![0]!.family === 'v3')).toBe(true);
      // Per patient, what the upstream committed never goes back to an earlier version.
      for (let i = 0; i < FLAKY_PATIENTS; i++) {
        const sequence = committed.filter((c) => c.key === `flaky-${i}`).map((c) => c.family);
        expect(sequence, `flaky-${i}`).toEqual([...sequence].sort());
      }
    } finally {
      mock.resetHandlers();
    }
  }, 300_000);
});

async function createPatientNamed(key: string, family: string): Promise<fhir4.Patient> {
  return (await local.client.create({
    resourceType: 'Patient',
    body: patientBody(key, family),
  })) as unknown as fhir4.Patient;
}
