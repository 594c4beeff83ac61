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
import { StorageBusyError } from '../port.js';
import { createStatementCache } from '../sql/statement-cache.js';
import { createGroupCommit } from './group-commit.js';
import { refreshPlannerStatistics } from './planner-statistics.mjs';
import { createSqliteReadPool, type SqliteReadPool } from './sqlite-read-pool.js';
import { startSqliteWriter, type SqliteWriter } from './sqlite-writer.js';
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
  /**
   * Commit writes on a worker thread (sqlite-writer.ts); true when absent. A `:memory:` database
   * cannot be shared, so it always writes on the main connection.
   */
  writerThread?: boolean;
  /** How often a file's planner statistics are refreshed (wal-checkpointer.ts); 10 minutes when absent. */
  statisticsIntervalMs?: number;
  /** How long a connection waits for another's lock before the store answers busy; 5 s when absent. */
  busyTimeoutMs?: number;
}

/** A file database's driver, with what only an embedded SQLite file has. */
export interface BetterSqlite3Driver extends SqlDriver {
  /**
   * Brings the planner statistics up to date now (planner-statistics.mjs) and has
   * every connection (writer, readers) plan with them: after a bulk load, say.
   */
  refreshPlannerStatistics(): void;
  close(): void;
}

/**
 * Settings of the connection that writes. NORMAL in WAL mode: a commit is durable against a
 * process crash; fsync only at checkpoints. Every write touches a random leaf of ~20 index
 * b-trees; with the default 2 MiB page cache a database of 100k resources re-reads most of them
 * from the OS on each commit, hence 16 MiB: 64 MiB wrote no faster at 100k varied Patients
 * (decision 014) and held ~55 MiB more of the server's peak RSS under transactions (decision
 * 034). The default checkpoint every 1,000 WAL pages (two
 * fsyncs) ran on about every other commit of a 100-entry transaction; 10,000 pages (≈40 MiB)
 * checkpoints ten times less often, and the file is cut back to 64 MiB after a checkpoint. A file
 * database is checkpointed from a worker thread well before that (wal-checkpointer.ts); this one
 * is the backstop.
 */
const WRITER_PRAGMAS = [
  'synchronous = NORMAL',
  'busy_timeout = 5000',
  'cache_size = -16384',
  'wal_autocheckpoint = 10000',
  'journal_size_limit = 67108864',
];

/**
 * The main connection of a file database reads by key only (search reads go to reader processes
 * when there are any): a smaller page cache serves it (decision 022).
 */
const MAIN_READER_CACHE = 'cache_size = -16384';

/** Opens (creating and migrating if needed) a SQLite database and returns its driver. */
export function openBetterSqlite3(options: BetterSqlite3Options): BetterSqlite3Driver {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  db.pragma('journal_mode = WAL');
  const pragmas = writerPragmas(options.busyTimeoutMs);
  for (const pragma of pragmas) db.pragma(pragma);
  applyMigrations(db, options.migrationsDir);
  refreshPlannerStatistics(db);
  if (options.path === ':memory:') {
    const driver = createBetterSqlite3Driver(db);
    return { ...driver, refreshPlannerStatistics: () => void refreshPlannerStatistics(db) };
  }
  const readers = options.readWorkers ?? 0;
  const pool = readers > 0 ? createSqliteReadPool({ path: options.path, size: readers }) : undefined;
  if (readers > 0) db.pragma(MAIN_READER_CACHE);
  const writer = options.writerThread === false ? undefined : startSqliteWriter({ path: options.path, pragmas });
  const driver = createBetterSqlite3Driver(db, { readPool: pool, writer });
  // A connection reads sqlite_stat1 when it opens and keeps what it read: when the statistics
  // change, the main connection and the writer reload them and the read-only readers are renewed.
  const reloadStatistics = () => {
    db.exec('ANALYZE sqlite_schema');
    writer?.reloadStatistics();
    pool?.renew();
  };
  const stopCheckpointer = startWalCheckpointer({
    path: options.path,
    statisticsIntervalMs: options.statisticsIntervalMs,
    onStatisticsChanged: reloadStatistics,
  });
  return {
    ...driver,
    refreshPlannerStatistics() {
      refreshPlannerStatistics(db);
      reloadStatistics();
    },
    close() {
      stopCheckpointer();
      driver.close();
    },
  };
}

/** {@link WRITER_PRAGMAS} with another busy timeout, when one is given. */
function writerPragmas(busyTimeoutMs: number | undefined): readonly string[] {
  if (busyTimeoutMs === undefined) return WRITER_PRAGMAS;
  return WRITER_PRAGMAS.map((p) => (p.startsWith('busy_timeout') ? `busy_timeout = ${busyTimeoutMs}` : p));
}

/** Where a {@link createBetterSqlite3Driver} driver sends searches and writes. */
export interface BetterSqlite3Helpers {
  /** Search reads go to it; they see every batch that resolved before (WAL readers see all commits). */
  readPool?: SqliteReadPool | undefined;
  /** Batches go to it instead of the main connection's group commit. */
  writer?: SqliteWriter | undefined;
}

/**
 * Wraps an open better-sqlite3 database. Statements are prepared once and kept in a bounded cache;
 * the batches of one event-loop turn are committed together (group-commit.ts), on the main
 * connection or on the writer thread.
 */
export function createBetterSqlite3Driver(
  db: Database.Database,
  helpers: BetterSqlite3Helpers = {},
): SqlDriver & { close(): void } {
  const { readPool, writer } = helpers;
  const prepare = createStatementCache((sql) => db.prepare(sql));
  const all = async <Row extends object>(statement: SqlStatement) =>
    prepare(statement.sql).all(...statement.params) as Row[];
  const batch = writer
    ? (statements: readonly SqlStatement[]) => writer.commit(statements)
    : onMainConnection(db, prepare);
  const read: SqlDriver['all'] = (statement) => busyAsStorageBusy(all(statement));
  return {
    all: read,
    search: readPool ? (statement, options) => busyAsStorageBusy(readPool.all(statement, options?.deadline)) : read,
    batch: (statements) => busyAsStorageBusy(batch(statements)),
    isConstraintViolation(error) {
      return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT');
    },
    close() {
      readPool?.close();
      // The writer finishes what it was handed before it closes its connection.
      void writer?.close();
      db.close();
    },
  };
}

/**
 * SQLite's "database is locked" (`SQLITE_BUSY…`, after the connection's busy timeout) as the
 * store's {@link StorageBusyError}: another connection held the lock too long, nothing was written.
 */
async function busyAsStorageBusy<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code.startsWith('SQLITE_BUSY')) throw new StorageBusyError(`The database is busy: ${(error as Error).message}`);
    throw error;
  }
}

/** Group commit on the main connection: better-sqlite3 runs a nested transaction as a SAVEPOINT. */
function onMainConnection(db: Database.Database, prepare: (sql: string) => Database.Statement): SqlDriver['batch'] {
  const inTransaction = db.transaction((work: () => void) => work());
  const commit = createGroupCommit({ transaction: inTransaction, schedule: (flush) => setImmediate(flush) });
  return (statements) =>
    commit(() => {
      for (const s of statements) prepare(s.sql).run(...s.params);
    });
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
