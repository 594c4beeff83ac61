import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A WAL database whose own connection never checkpoints, with `rows` rows written to the WAL only. */
function walDatabase(rows: number): { db: Database.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
  dirs.push(dir);
  const path = join(dir, 'db.sqlite');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(200));
  })();
  return { db, path };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('startWalCheckpointer', () => {
  it('copies the WAL into the database file from its worker, without the writer checkpointing', async () => {
    const { db, path } = walDatabase(2000);
    const before = statSync(path).size;
    const stop = startWalCheckpointer({ path, walBytes: 1, intervalMs: 10 });
    try {
      await until(() => statSync(path).size > before);
      expect(statSync(path).size).toBeGreaterThan(before + 200 * 1000);
      expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 2000 });
    } finally {
      stop();
      db.close();
    }
  });

  it('leaves a WAL below the threshold alone', async () => {
    const { db, path } = walDatabase(10);
    const before = statSync(path).size;
    const stop = startWalCheckpointer({ path, walBytes: 64 * 2 ** 20, intervalMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop();
    expect(statSync(path).size).toBe(before);
    db.close();
  });

  it('brings the query planner statistics up to date as a table grows', async () => {
    const { db, path } = walDatabase(0);
    db.exec('CREATE INDEX t_x ON t (x)');
    const stop = startWalCheckpointer({ path, walBytes: 64 * 2 ** 20, intervalMs: 10, statisticsIntervalMs: 20 });
    try {
      const insert = db.prepare('INSERT INTO t (x) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 5000; i++) insert.run(`v${i % 50}`);
      })();
      const stat = () => {
        const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get();
        return table
          ? (db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 't_x'").get() as { stat: string } | undefined)
          : undefined;
      };
      await until(() => stat() !== undefined);
      // 5,000 rows, about 100 per value of x: what the planner now knows of the index.
      expect(stat()?.stat).toMatch(/^5000 \d+$/);
    } finally {
      stop();
      db.close();
    }
  });
});
