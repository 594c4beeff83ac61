/**
 * The Workers driver over Hyperdrive (src/storage/adapters/hyperdrive-driver.ts) with the
 * PostgreSQL server of the tests standing in for Hyperdrive: it connects for every statement and
 * every unit and ends the client after, creating the guard table inside each unit. Stored versions
 * read back, a precondition raced by twenty units on twenty connections lets exactly one win, and
 * a search under a deadline (a read-only transaction, no guard table) answers. Needs the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHyperdriveDriver } from '../../src/storage/adapters/hyperdrive-driver.js';
import { dropPostgresSchema, openPostgres } from '../../src/storage/adapters/pg-driver.js';
import { WriteConflictError, type ResourceWrite } from '../../src/storage/port.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { createDeadline } from '../../src/lib/deadline.js';
import { MIGRATIONS_DIR, serverReachable, TEST_DATABASE_URL } from './postgres-harness.js';

const schema = `hpg_hd_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
let driver: SqlDriver;

function create(id: string, versionId = '1'): ResourceWrite {
  return {
    resourceType: 'Patient',
    id,
    versionId,
    lastUpdated: '2026-12-01T00:00:00.000Z',
    method: 'POST',
    resource: { resourceType: 'Patient', id },
    expect: { kind: 'absent' },
  };
}

describe.skipIf(!serverReachable)('the Hyperdrive driver against a PostgreSQL server', () => {
  beforeAll(async () => {
    const migrated = await openPostgres({ url: TEST_DATABASE_URL, migrationsDir: MIGRATIONS_DIR, schema, poolSize: 1 });
    await migrated.close();
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    driver = createHyperdriveDriver({ connectionString: url.toString() });
  }, 60_000);

  afterAll(async () => {
    await dropPostgresSchema(TEST_DATABASE_URL, schema);
  });

  it('stores a version and reads it back, each call on a connection of its own', async () => {
    const store = createSqlResourceStore(driver);
    await store.commit({ writes: [create('hd-1')] });
    const stored = await store.readCurrent('Patient', 'hd-1');
    expect(stored?.versionId).toBe('1');
  });

  it('lets exactly one of twenty units that each expect the resource absent commit', async () => {
    const store = createSqlResourceStore(driver);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => store.commit({ writes: [create('hd-race')] })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(lost).toHaveLength(19);
    for (const o of lost) expect(o.reason).toBeInstanceOf(WriteConflictError);
  }, 60_000);

  it('runs a search under a deadline in a read-only transaction', async () => {
    const rows = await driver.search<{ id: string }>(
      { sql: 'SELECT id FROM resource_current WHERE resource_type = ? ORDER BY id', params: ['Patient'] },
      { deadline: createDeadline(5_000) },
    );
    expect(rows.map((r) => r.id)).toEqual(['hd-1', 'hd-race']);
  });
});
