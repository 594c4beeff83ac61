/**
 * End-to-end on PostgreSQL: two real Node gateways (`DATABASE_URL`) over one database, driven
 * with fhir-kit-client, the requests of every race split between the two. Each gateway has its
 * own pool, so the contenders are truly parallel transactions on separate connections:
 * preconditions, unique identifiers, referential integrity and conditional creates must hold
 * across instances (decision 028), and the outbox dispatchers of both, each on its own timer,
 * share the forwarding of one stream of changes without sending any twice (decision 032). Needs
 * the PostgreSQL server of the tests; PGlite cannot be shared by two processes, so without the
 * server this file is skipped.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IIN_SYSTEM } from '../../src/fhir/canonical.js';
import { dropPostgresSchema } from '../../src/storage/adapters/pg-driver.js';
import { randomSchema, serverReachable, TEST_DATABASE_URL } from '../conformance/postgres-harness.js';
import { startNodeServer, type RunningServer } from '../runtime/node-server.js';
import { createClient, responseOf, type ClientBody } from './fhir-client.js';
import { ADMIN_TOKEN, destinationsEnv, eventually, nationalCounts } from './exchange-helpers.js';

type Body = Record<string, unknown> & { resourceType: string };
type Client = ReturnType<typeof createClient>;

const schema = randomSchema();
const servers: RunningServer[] = [];
/** The national server both gateways forward to: it records the `request.url` of every entry it gets. */
let upstream: Server;
const received: string[] = [];
let clients: Client[] = [];
/** The client for the `i`-th contender: alternately one gateway and the other. */
const via = (i: number): Client => clients[i % clients.length]!;

const statusOf = (call: Promise<unknown>) =>
  call.then(
    (result) => responseOf(result).status,
    (error: { response?: { status: number } }) => error.response?.status ?? -1,
  );

const patient = (iin: string): Body => ({ resourceType: 'Patient', identifier: [{ system: IIN_SYSTEM, value: iin }] });

describe.skipIf(!serverReachable)('two gateways over one PostgreSQL database', () => {
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    upstream = await startRecordingUpstream(received);
    const env = {
      DATABASE_URL: TEST_DATABASE_URL,
      PG_SCHEMA: schema,
      PG_POOL_SIZE: '8',
      LOAD_DEMO_DATA: 'false',
      ADMIN_TOKEN,
      // Only Organizations are forwarded, so the races below add nothing to the outbox test.
      EXCHANGE_DESTINATIONS: destinationsEnv(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}/fhir`, {
        resourceTypes: ['Organization'],
        timeoutMs: 10_000,
      }),
      EXCHANGE_DISPATCH_INTERVAL_MS: '5',
    };
    // Started together: the migration lock lets exactly one of them migrate the new schema.
    const slow = { startupTimeoutMs: 90_000 };
    servers.push(...(await Promise.all([startNodeServer(env, slow), startNodeServer(env, slow)])));
    clients = servers.map((s) => createClient(s.baseUrl));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await new Promise((resolve) => upstream?.close(resolve));
    await dropPostgresSchema(TEST_DATABASE_URL, schema);
  });

  it('is ready on both gateways: the database answers and its migrations are recorded as applied', async () => {
    for (const server of servers) {
      const response = await fetch(new URL('/readyz', server.baseUrl));
      expect(response.status, await response.clone().text()).toBe(200);
    }
  });

  it('reads on one gateway what the other wrote, and lists it in the history of both', async () => {
    const created = (await via(0).create({ resourceType: 'Patient', body: patient('900101300017') })) as Body;
    const read = (await via(1).read({ resourceType: 'Patient', id: created.id as string })) as Body;
    expect(read.identifier).toEqual(created.identifier);
    for (const client of clients) {
      const history = (await client.history({
        resourceType: 'Patient',
        id: created.id as string,
      })) as unknown as fhir4.Bundle;
      expect(history.total).toBe(1);
    }
  });

  it('lets exactly one of fifty updates with the same If-Match succeed; the rest get 412', async () => {
    const created = (await via(0).create({ resourceType: 'Patient', body: { resourceType: 'Patient' } })) as Body;
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        statusOf(
          via(i).update({
            resourceType: 'Patient',
            id: created.id as string,
            body: { ...created, name: [{ text: `writer ${i}` }] },
            options: { headers: { 'If-Match': 'W/"1"' } },
          }),
        ),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const history = (await via(1).history({
      resourceType: 'Patient',
      id: created.id as string,
    })) as unknown as fhir4.Bundle;
    expect(history.total).toBe(2);
  });

  it('gives unconditional concurrent updates consecutive versions and loses none', async () => {
    const created = (await via(0).create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
    })) as unknown as ClientBody<fhir4.Patient>;
    const results = (await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        via(i).update({ resourceType: 'Patient', id: created.id!, body: { ...created, name: [{ text: `u${i}` }] } }),
      ),
    )) as unknown as fhir4.Patient[];
    const versions = results.map((r) => Number(r.meta!.versionId)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  it('stores one Patient for fifty concurrent conditional creates of a new IIN, and errs on none', async () => {
    const iin = '010101500011';
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        statusOf(
          via(i).create({
            resourceType: 'Patient',
            body: patient(iin),
            options: { headers: { 'If-None-Exist': `identifier=${IIN_SYSTEM}|${iin}` } },
          }),
        ),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(await holders(iin)).toHaveLength(1);
  });

  it('stores exactly one of fifty concurrent plain creates with the same IIN; the others get 409', async () => {
    const iin = '850520400015';
    const statuses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => statusOf(via(i).create({ resourceType: 'Patient', body: patient(iin) }))),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await holders(iin)).toHaveLength(1);
  });

  it('lets exactly one of a create referring to a Patient and its delete win, for 25 pairs', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const target = (await via(i).create({ resourceType: 'Patient', body: { resourceType: 'Patient' } })) as Body;
        const id = target.id as string;
        const observation = {
          resourceType: 'Observation',
          status: 'final',
          code: { text: 'body weight' },
          subject: { reference: `Patient/${id}` },
        };
        const [created, deleted] = await Promise.all([
          statusOf(via(i).create({ resourceType: 'Observation', body: observation })),
          statusOf(via(i + 1).delete({ resourceType: 'Patient', id })),
        ]);
        return { id, created, deleted };
      }),
    );
    for (const { id, created, deleted } of pairs) {
      const createdWon = created === 201;
      const deleteWon = deleted === 200 || deleted === 204;
      expect(createdWon !== deleteWon, `Patient/${id}: create ${created}, delete ${deleted}`).toBe(true);
      const referrers = (await via(0).search({
        resourceType: 'Observation',
        searchParams: { subject: `Patient/${id}` },
      })) as unknown as fhir4.Bundle;
      const live = await statusOf(via(1).read({ resourceType: 'Patient', id }));
      // No dangling reference: a live referrer means a live target.
      if ((referrers.entry ?? []).length > 0) expect(live).toBe(200);
    }
  });

  it('has the outbox dispatchers of both forward each of 300 changes written on either gateway exactly once, every row delivered at its first attempt', async () => {
    const ids: string[] = [];
    // Written in waves through both gateways while both dispatchers claim every 5 ms.
    for (let wave = 0; wave < 15; wave++) {
      const created = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          via(i).create({
            resourceType: 'Organization',
            body: { resourceType: 'Organization', name: `org ${wave}-${i}` },
          }),
        ),
      );
      ids.push(...created.map((c) => (c as Body).id as string));
    }
    const settled = await eventually(async () => (await nationalCounts(servers[0]!)).delivered === ids.length, 1200);
    expect(settled, JSON.stringify(await nationalCounts(servers[0]!))).toBe(true);
    const counts = await nationalCounts(servers[1]!);
    expect(counts.pending ?? 0).toBe(0);
    expect(counts.dead ?? 0).toBe(0);
    // Sent once each: no duplicate, none missing.
    expect(received.length).toBe(ids.length);
    expect([...received].sort()).toEqual(ids.map((id) => `Organization/${id}`).sort());
    const listed = (await (await operatorCall(servers[1]!, '/deliveries?state=delivered&_count=500')).json()) as {
      deliveries: { attempts: number }[];
    };
    const deliveries = listed.deliveries;
    expect(deliveries).toHaveLength(ids.length);
    expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
  }, 180_000);
});

/** The operator API of `server`. */
function operatorCall(server: RunningServer, path: string): Promise<Response> {
  const root = server.baseUrl.replace(/\/fhir$/, '');
  return fetch(`${root}/admin/exchange${path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
}

/** A stand-in national server that accepts every transaction and records its entries' URLs. */
async function startRecordingUpstream(into: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const bundle = JSON.parse(body) as fhir4.Bundle;
      const entries = bundle.entry ?? [];
      into.push(...entries.map((e) => e.request!.url));
      // A short, varying answer time, so that claims of the two dispatchers overlap sends.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/fhir+json' });
        response.end(
          JSON.stringify({
            resourceType: 'Bundle',
            type: 'transaction-response',
            entry: entries.map(() => ({ response: { status: '200 OK' } })),
          }),
        );
      }, Math.random() * 10);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function holders(iin: string): Promise<string[]> {
  const bundle = (await via(1).search({
    resourceType: 'Patient',
    searchParams: { identifier: `${IIN_SYSTEM}|${iin}` },
  })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? []).map((e) => e.resource!.id!);
}
