/**
 * {@link SqlDriver} over any PostgreSQL connection source: `pg` on Node (adapters/pg-driver.ts),
 * PGlite in tests (adapters/pglite-driver.ts), Hyperdrive on Workers (adapters/hyperdrive-driver.ts).
 * The neutral statements of the store are rendered by {@link postgresDialect}. Why each unit
 * runs SERIALIZABLE, why guard rows go to a temporary table and why history rows are written
 * under one lock: docs/decisions/028-postgresql.md.
 *
 * Uses Web-standard APIs only, so that the Workers adapter can share it.
 * @module
 */
import { DeadlineExceededError, type Deadline } from '../../lib/deadline.js';
import { postgresDialect } from './dialect.js';
import type { SqlDriver, SqlStatement, SqlValue } from './sql-driver.js';
import { unitParts } from './postgres-unit-script.js';

/** One PostgreSQL session inside a transaction (pg's client, PGlite's transaction). */
export interface PgSession {
  query(text: string, params: readonly SqlValue[]): Promise<{ rows: object[] }>;
  /** Runs a script of several statements without parameters (a migration file). */
  exec(script: string): Promise<void>;
}

/** Where a {@link createPostgresDriver} gets its sessions. */
export interface PgConnectionSource {
  /** One statement on any connection, outside a transaction (autocommit, READ COMMITTED). */
  query(text: string, params: readonly SqlValue[]): Promise<{ rows: object[] }>;
  /**
   * Runs `work` in one transaction on one session, begun with `begin` (a `BEGIN …` text):
   * committed when `work` resolves, rolled back when it rejects (the rejection is passed on).
   */
  transaction(begin: string, work: (session: PgSession) => Promise<void>): Promise<void>;
}

/**
 * Every unit of work is SERIALIZABLE: the guard rows of the neutral store (decision 001) check a
 * condition and the writes follow in the same transaction; only serializable snapshot isolation
 * makes "checked, then written" hold against concurrent units without rewriting that SQL as locks.
 */
export const BEGIN_UNIT = 'BEGIN ISOLATION LEVEL SERIALIZABLE';

/**
 * The key of the transaction-level advisory lock under which history rows are inserted, so that
 * their `seq` is assigned in commit order (history paging pins a page set by `seq <= upTo`).
 */
export const HISTORY_LOCK_KEY = 1_500_015;

/**
 * Guard rows go to a temporary table of the session, created on each new connection: rows of a
 * temporary table are private to the session, so concurrent units never see each other's guard
 * rows, and PostgreSQL takes no SERIALIZABLE predicate locks on them (a shared table would make
 * every two concurrent guarded units conflict through `DELETE FROM write_guard`). It shadows the
 * migrated `write_guard`, which stays for SQLite and D1.
 */
export const SESSION_GUARD_TABLE = 'CREATE TEMP TABLE IF NOT EXISTS write_guard (ok INTEGER NOT NULL CHECK (ok = 1))';

/** SQLSTATEs of a unit that lost a race and may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
/** Attempts of one unit before its serialization failure is passed on. */
const MAX_ATTEMPTS = 40;

const HISTORY_INSERT = 'INSERT INTO resource_history';
const LOCK_HISTORY = `SELECT pg_advisory_xact_lock(${HISTORY_LOCK_KEY})`;
const QUERY_CANCELED = '57014';

/** Creates the store's driver over `source`. */
export function createPostgresDriver(source: PgConnectionSource): SqlDriver {
  const all = async <Row extends object>(statement: SqlStatement): Promise<Row[]> => {
    const result = await source.query(postgresDialect.statement(statement.sql), statement.params);
    return result.rows as Row[];
  };
  return {
    all,
    async search<Row extends object>(statement: SqlStatement, options?: { deadline?: Deadline }): Promise<Row[]> {
      const deadline = options?.deadline;
      if (!deadline) return all<Row>(statement);
      return searchWithin<Row>(source, statement, deadline);
    },
    batch: (statements) => runUnit(source, statements),
    isConstraintViolation: isPostgresConstraintViolation,
    dialect: postgresDialect,
  };
}

/**
 * A search read stopped by the server past the deadline: `statement_timeout` for this
 * transaction only, its cancellation turned into the deadline's error.
 */
async function searchWithin<Row extends object>(
  source: PgConnectionSource,
  statement: SqlStatement,
  deadline: Deadline,
): Promise<Row[]> {
  deadline.check('the search');
  const timeout = Math.max(1, Math.ceil(deadline.remainingMs()));
  let rows: Row[] = [];
  try {
    await source.transaction('BEGIN READ ONLY', async (session) => {
      await session.query(`SET LOCAL statement_timeout = ${timeout}`, []);
      rows = (await session.query(postgresDialect.statement(statement.sql), statement.params)).rows as Row[];
    });
  } catch (error) {
    if (sqlState(error) === QUERY_CANCELED) throw new DeadlineExceededError('the end of the search', deadline.budgetMs);
    throw error;
  }
  return rows;
}

/**
 * Runs one unit's statements as one SERIALIZABLE transaction, again while it loses races. The
 * statements go as scripts of literals (postgres-unit-script.ts): a few round trips, not one each.
 */
async function runUnit(source: PgConnectionSource, statements: readonly SqlStatement[]): Promise<void> {
  if (statements.length === 0) return;
  const parts = unitParts(historyLast(statements), postgresDialect.statement);
  for (let attempt = 1; ; attempt++) {
    try {
      await source.transaction(BEGIN_UNIT, async (session) => {
        for (const part of parts) {
          if ('script' in part) await session.exec(part.script);
          else await session.query(part.statement.sql, part.statement.params);
        }
      });
      return;
    } catch (error) {
      if (!RETRYABLE.has(sqlState(error) ?? '') || attempt >= MAX_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

/**
 * The unit's statements with its history inserts moved to the end, after the advisory lock: the
 * lock is held from there to the commit, so history rows get their `seq` in commit order while
 * the rest of every unit (guards, current rows, index rows) runs concurrently. Nothing in a unit
 * reads `resource_history`, so the move changes no result.
 */
export function historyLast(statements: readonly SqlStatement[]): SqlStatement[] {
  const history = statements.filter((s) => s.sql.startsWith(HISTORY_INSERT));
  if (history.length === 0) return [...statements];
  const rest = statements.filter((s) => !s.sql.startsWith(HISTORY_INSERT));
  return [...rest, { sql: LOCK_HISTORY, params: [] }, ...history];
}

/** A short, growing, jittered wait, so that units that collided do not collide again. */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The SQLSTATE of a PostgreSQL error (pg and PGlite both carry it as `code`). */
export function sqlState(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** Class 23, integrity constraint violation: CHECK (a guard row), UNIQUE and PRIMARY KEY. */
export function isPostgresConstraintViolation(error: unknown): boolean {
  return sqlState(error)?.startsWith('23') ?? false;
}
