/**
 * A `pg` connection pool set up for the SQL store, without anything Node-only of its own, so that
 * the Node driver (pg-driver.ts) uses it, and the Workers one over Hyperdrive (hyperdrive-driver.ts)
 * shares its type parsers.
 * @module
 */
import pg from 'pg';
import type { SqlValue } from '../sql/sql-driver.js';
import {
  BEGIN_UNIT,
  SESSION_GUARD_TABLE,
  type PgConnectionSource,
  type PgSession,
} from '../sql/postgres-sql-driver.js';

/** Options of {@link createPgPool}. */
export interface PgPoolOptions {
  url: string;
  /** Connections in the pool. */
  max: number;
  /** Milliseconds an idle connection is kept. */
  idleTimeoutMs: number;
  /** Schema first on each connection's search path. */
  schema?: string | undefined;
}

const INT8_OID = 20;
/**
 * `BIGINT` columns (version ids, epoch milliseconds, counts) as numbers: every value the store
 * keeps in one is far below 2^53. pg's default is a string.
 */
const parseBigint = (text: string) => Number(text);

/** pg's type parsers with `BIGINT` as a number (see {@link parseBigint}). */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseBigint : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool for the store; {@link poolSource} gives each connection its session guard table. */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    idleTimeoutMillis: options.idleTimeoutMs,
    types: pgTypes,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client that the server drops emits here; without a listener the process would exit.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * The pool as a {@link PgConnectionSource}. `guardTableEachUnit`: behind a pooler in transaction
 * mode (Hyperdrive), two transactions of one client may run on different server sessions, so
 * the session guard table is created inside each unit and dropped at its commit instead.
 */
export function poolSource(pool: pg.Pool, options: { guardTableEachUnit?: boolean } = {}): PgConnectionSource {
  // Connections that have their session guard table (postgres-sql-driver.ts), made before their first unit.
  const prepared = new WeakSet<pg.PoolClient>();
  return {
    query: (text, params) => pool.query(text, params as SqlValue[]),
    async transaction(begin, work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Read-only transactions (deadline searches) write no guard rows, and may create no table.
        if (options.guardTableEachUnit && begin === BEGIN_UNIT) {
          await client.query(begin);
          await client.query(`${SESSION_GUARD_TABLE} ON COMMIT DROP`);
        } else {
          if (!prepared.has(client)) {
            await client.query(SESSION_GUARD_TABLE);
            prepared.add(client);
          }
          await client.query(begin);
        }
        await work(clientSession(client));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: unknown) => {
          broken = rollback instanceof Error ? rollback : new Error(String(rollback));
        });
        throw error;
      } finally {
        // A connection that could not even roll back is not handed out again.
        client.release(broken);
      }
    },
  };
}

function clientSession(client: pg.PoolClient): PgSession {
  return {
    query: (text, params) => client.query(text, params as SqlValue[]),
    async exec(script) {
      await client.query(script);
    },
  };
}
