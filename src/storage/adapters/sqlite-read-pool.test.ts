// Search reads on reader processes: the event loop keeps turning while one runs, a statement past
// its deadline is stopped (its process really ends) and replaced, and a search sees every commit
// that resolved before it started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWrite } from '../../../test/conformance/search-seed.js';
import { createDeadline, DeadlineExceededError } from '../../lib/deadline.js';
import { createSqlResourceStore } from '../sql/sql-resource-store.js';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';
import { createSqliteReadPool } from './sqlite-read-pool.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sqlite-read-pool-'));
const toClose: { close(): void }[] = [];

afterAll(() => {
  for (const each of toClose) each.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A statement that runs for many seconds inside SQLite (one VM loop, no row returned until the end). */
const SLOW = {
  sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT count(*) AS n FROM c',
  params: [],
};

function openFile(name: string, readWorkers: number) {
  const driver = openBetterSqlite3({ path: join(dir, name), migrationsDir: MIGRATIONS_DIR, readWorkers });
  toClose.push(driver);
  return driver;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SQLite reader pool', () => {
  it('keeps the event loop turning while a slow statement runs, and stops it at the deadline', async () => {
    openFile('slow.sqlite', 0).close();
    const pool = createSqliteReadPool({ path: join(dir, 'slow.sqlite'), size: 1 });
    toClose.push(pool);
    await pool.all({ sql: 'SELECT 1 AS one', params: [] });
    const [slowPid] = pool.pids();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const outcome = await pool.all(SLOW, createDeadline(1500)).catch((thrown: unknown) => thrown);
    clearInterval(timer);
    expect(outcome).toBeInstanceOf(DeadlineExceededError);
    // Blocked, the loop would have run the interval once at most; free, it ran it many times.
    expect(ticks).toBeGreaterThan(20);
    expect(pool.replaced).toBe(1);
    await expect.poll(() => isAlive(slowPid!)).toBe(false);
    expect(pool.pids()).not.toContain(slowPid);
    expect(await pool.all({ sql: 'SELECT ? + 1 AS two', params: [1] })).toEqual([{ two: 2 }]);
  });

  it('refuses a statement whose deadline has already passed without running it', async () => {
    const pool = createSqliteReadPool({ path: join(dir, 'slow.sqlite'), size: 1 });
    toClose.push(pool);
    await expect(pool.all(SLOW, createDeadline(-1))).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(pool.replaced).toBe(0);
  });

  it('drops a statement that waited in the queue past its deadline', async () => {
    const pool = createSqliteReadPool({ path: join(dir, 'slow.sqlite'), size: 1 });
    toClose.push(pool);
    const slow = pool.all(SLOW, createDeadline(1500)).catch((thrown: unknown) => thrown);
    const waiting = pool.all({ sql: 'SELECT 1 AS one', params: [] }, createDeadline(200));
    await expect(waiting).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(await slow).toBeInstanceOf(DeadlineExceededError);
    expect(await pool.all({ sql: 'SELECT 1 AS one', params: [] })).toEqual([{ one: 1 }]);
  });

  it("answers a database error as the driver's error, with its code", async () => {
    const pool = createSqliteReadPool({ path: join(dir, 'slow.sqlite'), size: 1 });
    toClose.push(pool);
    const failure = await pool.all({ sql: 'SELECT * FROM no_such_table', params: [] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ message: expect.stringMatching(/no such table/), code: 'SQLITE_ERROR' });
  });
});

describe('better-sqlite3 driver with reader processes', () => {
  it('finds what was created just before, 1,000 times concurrently', async () => {
    const store = createSqlResourceStore(openFile('consistency.sqlite', 2));
    const misses = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const family = `Family${i}`;
        const patient: fhir4.Patient = { resourceType: 'Patient', id: `c-${i}`, name: [{ family }] };
        await store.commit({ writes: [createWrite(patient, i)] });
        const page = await store.search({
          resourceType: 'Patient',
          conditions: [
            {
              kind: 'param',
              table: 'string',
              code: 'family',
              values: [{ kind: 'string', mode: 'exact', value: family }],
            },
          ],
          sort: [],
          count: 10,
          total: true,
        });
        return page.total === 1 && page.resources[0]?.id === `c-${i}` ? 0 : 1;
      }),
    );
    expect(misses.reduce((a: number, b) => a + b, 0)).toBe(0);
  });

  it('runs searches of a :memory: database on the main connection', async () => {
    const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS_DIR, readWorkers: 2 });
    toClose.push(driver);
    await driver.batch([
      { sql: 'CREATE TABLE only_here (x)', params: [] },
      { sql: 'INSERT INTO only_here VALUES (?)', params: [7] },
    ]);
    // A reader process could not see this database at all.
    expect(await driver.search({ sql: 'SELECT x FROM only_here', params: [] })).toEqual([{ x: 7 }]);
  });
});
