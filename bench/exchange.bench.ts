/**
 * `npm run bench -- exchange` (decision 029), in process, on SQLite files opened as the server
 * opens them:
 * - the latency of a Patient create through the whole pipeline (validation, index, commit) with
 *   a destination configured (one outbox row in the same commit) beside the same create without
 *   one: what the outbox adds to a write. Rounds alternate so both see the same machine.
 * - deliveries per second from the outbox to a healthy upstream (a second gateway served over
 *   HTTP), beside the anchor: the same transaction Bundles sent straight to it with
 *   fhir-kit-client at the same concurrency, without claims and attempt records.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Client } from 'fhir-kit-client';
import { createFhirDispatcher } from '../src/exchange/fhir-dispatcher.js';
import { createSqlOutboxQueue } from '../src/exchange/sql-outbox-queue.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const SYSTEM = 'https://patronage.example.kz/fhir/sid/bench';
const WRITES_PER_ROUND = 200;
const ROUNDS = 4;
/** The dispatcher's default batch: sends in flight at once. */
const CONCURRENCY = 32;

const patient = (key: string) => ({
  resourceType: 'Patient',
  identifier: [{ system: SYSTEM, value: key }],
  name: [{ family: 'Bench' }],
});

async function openGateway(path: string, env: Record<string, string>) {
  const driver = openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR });
  const store = createSqlResourceStore(driver);
  const outbox = createSqlOutboxQueue(driver);
  const gateway = await createGateway(store, { LOAD_DEMO_DATA: 'false', ...env }, { outbox });
  return { ...gateway, driver, store, outbox };
}

/** Creates `count` Patients one after the other; the latency of each in ms. */
async function timedCreates(
  app: { request: (path: string, init: RequestInit) => Promise<Response> | Response },
  prefix: string,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const response = await app.request('/fhir/Patient', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(patient(`${prefix}-${i}`)),
    });
    if (response.status !== 201) throw new Error(`create answered ${response.status}`);
    times.push(performance.now() - start);
  }
  return times;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export default async function exchange(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-exchange-bench-'));
  const upstream = await openGateway(join(dir, 'upstream.sqlite'), {});
  const server = serve({ fetch: upstream.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
  const destinations = JSON.stringify([{ name: 'national', url, resourceTypes: ['Patient'] }]);
  const forwarding = await openGateway(join(dir, 'forwarding.sqlite'), { EXCHANGE_DESTINATIONS: destinations });
  const plain = await openGateway(join(dir, 'plain.sqlite'), {});
  try {
    const times = { forwarding: [] as number[], plain: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      times.plain.push(...(await timedCreates(plain.app, `plain-${round}`, WRITES_PER_ROUND)));
      times.forwarding.push(...(await timedCreates(forwarding.app, `fwd-${round}`, WRITES_PER_ROUND)));
    }
    console.log(`create, median of ${times.plain.length} sequential writes:`);
    console.log(`  with a destination (outbox row in the commit): ${(median(times.forwarding) * 1000).toFixed(0)} µs`);
    console.log(`  anchor, no destination:                        ${(median(times.plain) * 1000).toFixed(0)} µs`);

    const dispatcher = createFhirDispatcher('bench', forwarding.outbox, forwarding.store, forwarding.destinations);
    let start = performance.now();
    const delivered = await dispatcher.drain();
    const dispatchSeconds = (performance.now() - start) / 1000;

    const client = new Client({ baseUrl: url });
    const bundles = Array.from({ length: delivered }, (_, i) => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          resource: patient(`direct-${i}`),
          request: { method: 'PUT', url: `Patient?identifier=${encodeURIComponent(`${SYSTEM}|direct-${i}`)}` },
        },
      ],
    }));
    let next = 0;
    start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bundles.length) await client.transaction({ body: bundles[next++]! as never });
      }),
    );
    const directSeconds = (performance.now() - start) / 1000;
    console.log(`deliveries to a healthy local upstream (${delivered} records, ${CONCURRENCY} in flight):`);
    console.log(`  outbox dispatcher:                           ${(delivered / dispatchSeconds).toFixed(0)} /s`);
    console.log(`  anchor, the same Bundles sent directly:      ${(delivered / directSeconds).toFixed(0)} /s`);
  } finally {
    server.close();
    for (const gateway of [upstream, forwarding, plain]) gateway.driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
