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
      const rows = check.prepare("SELECT stat FROM sqlite_stat1 WHERE tbl = 'resource_current'").all() as { stat: string }[];
      expect(rows.map((r) => r.stat.split(' ')[0])).toContain('3000');
    } finally {
      check.close();
    }
  });
});
