/**
 * The outbox claim on PostgreSQL with real parallel connections: claimers on two separate pools
 * (as the dispatchers of two gateways) over one schema never lease the same row, every row is
 * claimed, and a row whose lease ran out goes to another claimer while the first loses the right
 * to record its attempt (decision 032). Needs the server: PGlite has one connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Destination } from '../../src/exchange/destinations.js';
import type { OutboxQueue } from '../../src/exchange/outbox-queue.js';
import { withOutbox } from '../../src/exchange/route-outbox.js';
import { createSqlOutboxQueue } from '../../src/exchange/sql-outbox-queue.js';
import { dropPostgresSchema, openPostgres } from '../../src/storage/adapters/pg-driver.js';
import type { ResourceWrite } from '../../src/storage/port.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { MIGRATIONS_DIR, serverReachable, TEST_DATABASE_URL } from './postgres-harness.js';

const national: Destination = {
  name: 'national',
  kind: 'fhir',
  url: 'http://national.test/fhir',
  resourceTypes: ['Patient'],
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

const PATIENTS = 600;
const schema = `hpg_claims_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
const drivers: (SqlDriver & { close(): Promise<void> })[] = [];

function patientWrite(id: string): ResourceWrite {
  return {
    resourceType: 'Patient',
    id,
    versionId: '1',
    lastUpdated: '2026-12-01T00:00:00.000Z',
    method: 'POST',
    resource: { resourceType: 'Patient', id },
    expect: { kind: 'absent' },
  };
}

/** Claims and delivers until `queue` has nothing due; the seqs it claimed. */
async function claimUntilEmpty(queue: OutboxQueue, name: string): Promise<number[]> {
  const claimed: number[] = [];
  for (let round = 0; ; round++) {
    const owner = `${name}:${round}`;
    const due = await queue.claim({ owner, nowMs: Date.now(), leaseMs: 60_000, limit: 7 });
    if (due.length === 0) return claimed;
    claimed.push(...due.map((d) => d.seq));
    for (const delivery of due) await queue.record(delivery, owner, { outcome: 'delivered', atMs: Date.now() });
  }
}

describe.skipIf(!serverReachable)('outbox claims on PostgreSQL over two pools', () => {
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      drivers.push(await openPostgres({ url: TEST_DATABASE_URL, migrationsDir: MIGRATIONS_DIR, schema, poolSize: 4 }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const driver of drivers) await driver.close();
    await dropPostgresSchema(TEST_DATABASE_URL, schema);
  });

  it(`leases each of ${PATIENTS} rows to exactly one of eight concurrent claimers`, async () => {
    const store = withOutbox(createSqlResourceStore(drivers[0]!), [national]);
    for (let unit = 0; unit < PATIENTS / 50; unit++) {
      await store.commit({ writes: Array.from({ length: 50 }, (_, i) => patientWrite(`c${unit}-${i}`)) });
    }
    const queues = drivers.map((driver) => createSqlOutboxQueue(driver));
    const claimers = Array.from({ length: 8 }, (_, i) => claimUntilEmpty(queues[i % 2]!, `claimer${i}`));
    const claimed = (await Promise.all(claimers)).flat();
    const twice = claimed.filter((seq, i) => claimed.indexOf(seq) !== i);
    expect(twice, 'rows leased by two claimers').toEqual([]);
    expect(claimed).toHaveLength(PATIENTS);
    const counts = await queues[1]!.counts();
    expect(counts).toEqual([{ destination: 'national', state: 'delivered', count: PATIENTS }]);
  }, 120_000);

  it('gives a row whose lease ran out to another claimer, and the first can no longer record it', async () => {
    const store = withOutbox(createSqlResourceStore(drivers[0]!), [national]);
    await store.commit({ writes: [patientWrite('lease-1')] });
    const [first, second] = drivers.map((driver) => createSqlOutboxQueue(driver));
    const now = Date.now();
    const [held] = await first!.claim({ owner: 'first', nowMs: now, leaseMs: 1000, limit: 10 });
    expect(held?.id).toBe('lease-1');
    expect(await second!.claim({ owner: 'second-early', nowMs: now + 999, leaseMs: 1000, limit: 10 })).toEqual([]);
    const [taken] = await second!.claim({ owner: 'second', nowMs: now + 1000, leaseMs: 1000, limit: 10 });
    expect(taken?.seq).toBe(held!.seq);
    expect(await first!.record(held!, 'first', { outcome: 'delivered', atMs: now + 1001 })).toBe(false);
    expect(await second!.record(taken!, 'second', { outcome: 'delivered', atMs: now + 1002 })).toBe(true);
  });
});
