/**
 * {@link SqlDriver} for an embedded SQLite file through better-sqlite3 (Node only). Writes and
 * reads by key run on one main connection; search reads can run on reader processes
 * (sqlite-read-pool.ts) so that a long search does not hold the event loop.
 * @module
 */
import Database from 'better-sqlite3';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SqlDriver, SqlStatement } from '../sql/sql-driver.js';
import { createStatementCache } from '../sql/statement-cache.js';
import { createGroupCommit } from './group-commit.js';
import { createSqliteReadPool, type SqliteReadPool } from './sqlite-read-pool.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

/** Options for {@link openBetterSqlite3}. */
export interface BetterSqlite3Options {
  /** File path, or `:memory:`. Parent folders are created. */
  path: string;
  /** Folder of `NNNN_name.sql` migrations, applied in order on open. */
  migrationsDir: string;
  /**
   * Reader processes for search reads (`SQLITE_READ_WORKERS`, docs/limits.md); 0 (the default)
   * runs them on the main connection. A `:memory:` database cannot be shared: always 0.
   */
  readWorkers?: number;
}

/** Opens (creating and migrating if needed) a SQLite database and returns its driver. */
export function openBetterSqlite3(options: BetterSqlite3Options): SqlDriver & { close(): void } {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit is durable against a process crash; fsync only at checkpoints.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Every write touches a random leaf of ~20 index b-trees; with the default 2 MiB page cache a
  // database of 100k resources re-reads most of them from the OS on each commit.
  db.pragma('cache_size = -65536');
  // The default checkpoint every 1,000 WAL pages (two fsyncs) ran on about every other commit of a
  // 100-entry transaction. 10,000 pages (≈40 MiB) checkpoints ten times less often; the file is cut
  // back to 64 MiB after a checkpoint so it does not stay large. A file database is checkpointed
  // from a worker thread well before that (wal-checkpointer.ts); this one is the backstop.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 67108864');
  applyMigrations(db, options.migrationsDir);
  const readers = options.readWorkers ?? 0;
  if (options.path === ':memory:') return createBetterSqlite3Driver(db);
  const pool = readers > 0 ? createSqliteReadPool({ path: options.path, size: readers }) : undefined;
  const driver = createBetterSqlite3Driver(db, pool);
  const stopCheckpointer = startWalCheckpointer({ path: options.path });
  return {
    ...driver,
    close() {
      stopCheckpointer();
      driver.close();
    },
  };
}

/**
 * Wraps an open better-sqlite3 database. Statements are prepared once and kept in a bounded cache;
 * the batches of one event-loop turn are committed together (group-commit.ts). With `readPool`,
 * search reads go to it; they see every batch that resolved before (WAL readers see all commits).
 */
export function createBetterSqlite3Driver(
  db: Database.Database,
  readPool?: SqliteReadPool,
): SqlDriver & { close(): void } {
  const prepare = createStatementCache((sql) => db.prepare(sql));
  // better-sqlite3 runs a nested transaction function as a SAVEPOINT, which group commit relies on.
  const inTransaction = db.transaction((work: () => void) => work());
  const commit = createGroupCommit({ transaction: inTransaction, schedule: (flush) => setImmediate(flush) });
  const all = async <Row extends object>(statement: SqlStatement) =>
    prepare(statement.sql).all(...statement.params) as Row[];
  return {
    all,
    search: readPool ? (statement, options) => readPool.all(statement, options?.deadline) : all,
    batch(statements) {
      return commit(() => {
        for (const s of statements) prepare(s.sql).run(...s.params);
      });
    },
    isConstraintViolation(error) {
      return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT');
    },
    close() {
      readPool?.close();
      db.close();
    },
  };
}

/**
 * Applies the migrations that have not run yet, recording them in `d1_migrations`, the table
 * wrangler uses for D1, so one folder of migrations serves both runtimes.
 */
function applyMigrations(db: Database.Database, dir: string): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS d1_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, ' +
      'name TEXT UNIQUE, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)',
  );
  const applied = new Set(
    (db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const pending = readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && !applied.has(name))
    .sort();
  for (const name of pending) {
    db.transaction(() => {
      db.exec(readFileSync(join(dir, name), 'utf8'));
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(name);
    })();
  }
}
