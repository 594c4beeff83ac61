import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('query planner statistics of the SQLite store', () => {
  it('are gathered when a file that grew without them is opened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'planner-statistics-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, writerThread: false }).close();
    // Rows written behind the store's back, as a bulk load or an older version would leave them.
    const raw = new Database(path);
    raw.exec('DROP TABLE IF EXISTS sqlite_stat1');
    const insert = raw.prepare(
      "INSERT INTO resource_current (resource_type, id, version_id, last_updated, deleted, method, content) VALUES ('Patient', ?, 1, '2026-01-01T00:00:00Z', 0, 'POST', '{}')",
    );
    raw.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`p${i}`);
    })();
    raw.close();

    openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, writerThread: false }).close();
    const check = new Database(path, { readonly: true });
    try {
      const rows = check.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'resource_current'").all() as {
        stat: string;
      }[];
      expect(rows.map((r) => r.stat.split(' ')[0])).toContain('3000');
    } finally {
      check.close();
    }
  });

  // A chained search's inner step: with statistics SQLite drives it from the reference target.
  const CHAINED =
    "SELECT DISTINCT r0.id FROM search_reference r0 WHERE r0.resource_type = 'Observation' AND r0.code = 'subject' " +
    "AND target_type = 'Patient' AND target_id IN (SELECT r1.id FROM search_token r1 WHERE r1.resource_type = 'Patient' " +
    "AND r1.code = 'identifier' AND value = 'v7' AND system = 's') ORDER BY r0.id LIMIT 21";
  const planOf = async (run: (s: { sql: string; params: [] }) => Promise<{ detail: string }[]>) =>
    (await run({ sql: `EXPLAIN QUERY PLAN ${CHAINED}`, params: [] })).map((r) => r.detail).join(' | ');

  it('reach every open connection when a refresh changes them, readers included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planner-statistics-'));
    dirs.push(dir);
    const driver = openBetterSqlite3({
      path: join(dir, 'db.sqlite'),
      migrationsDir: MIGRATIONS_DIR,
      readWorkers: 1,
      statisticsIntervalMs: 50,
    });
    try {
      // Opened empty: without statistics the reader walks every Observation reference.
      expect(await planOf((s) => driver.search(s))).toContain('search_reference_resource (resource_type=?)');
      const readersBefore = (await driver.search<{ pid: number }>({ sql: 'SELECT 1 AS pid', params: [] })).length;
      expect(readersBefore).toBe(1);
      const writes = [];
      for (let i = 0; i < 3000; i++) {
        writes.push({
          sql: "INSERT INTO search_reference (resource_type, id, code, target_type, target_id, url) VALUES ('Observation', ?, 'subject', 'Patient', ?, ?)",
          params: [`o${i}`, `p${i % 300}`, `Patient/p${i % 300}`],
        });
        if (i < 300) {
          writes.push({
            sql: "INSERT INTO search_token (resource_type, id, code, system, value) VALUES ('Patient', ?, 'identifier', 's', ?)",
            params: [`p${i}`, `v${i}`],
          });
        }
      }
      await driver.batch(writes);
      // The checkpoint worker's refresh sees the grown tables; the reader is renewed, and the main
      // connection reloads, so both plan from the reference target. Before, the reader kept its
      // opening plan until the process restarted.
      await expect
        .poll(() => planOf((s) => driver.search(s)), { timeout: 20_000, interval: 100 })
        .toContain('search_reference_target');
      expect(await planOf((s) => driver.all(s))).toContain('search_reference_target');
    } finally {
      driver.close();
    }
  });

  it('can be refreshed at once, for every connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planner-statistics-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const driver = openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, readWorkers: 2 });
    try {
      expect(await planOf((s) => driver.search(s))).toContain('search_reference_resource (resource_type=?)');
      const raw = new Database(path);
      const insert = raw.prepare(
        "INSERT INTO search_reference (resource_type, id, code, target_type, target_id, url) VALUES ('Observation', ?, 'subject', 'Patient', ?, ?)",
      );
      raw.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run(`o${i}`, `p${i % 300}`, `Patient/p${i % 300}`);
      })();
      raw.close();
      driver.refreshPlannerStatistics();
      // Searches sent during the renewal are answered (old readers serve until new ones are ready).
      const during = await Promise.all(Array.from({ length: 6 }, () => planOf((s) => driver.search(s))));
      expect(during).toHaveLength(6);
      // Two searches at once go to both readers: each plans from the reference target once renewed.
      const bothPlans = async () => (await Promise.all([0, 1].map(() => planOf((s) => driver.search(s))))).join(' || ');
      await expect
        .poll(bothPlans, { timeout: 20_000, interval: 100 })
        .not.toContain('search_reference_resource (resource_type=?)');
      // The writer thread reloaded them too, and still writes.
      await driver.batch([
        {
          sql: "INSERT INTO search_token (resource_type, id, code, system, value) VALUES ('Patient', 'p1', 'identifier', 's', 'v1')",
          params: [],
        },
      ]);
      expect(await driver.all({ sql: 'SELECT COUNT(*) AS n FROM search_token', params: [] })).toEqual([{ n: 1 }]);
    } finally {
      driver.close();
    }
  });
});
