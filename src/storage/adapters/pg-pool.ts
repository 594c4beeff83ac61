/**
 * A `pg` connection pool set up for the SQL store, without anything Node-only of its own, so that
 * the Node driver (pg-driver.ts) and the Workers one over Hyperdrive (hyperdrive-driver.ts) share it.
 * @module
 */
import pg from 'pg';
import type { SqlValue } from '../sql/sql-driver.js';
import { SESSION_GUARD_TABLE, type PgConnectionSource, type PgSession } from '../sql/postgres-sql-driver.js';

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

/** A pool whose connections each have their session guard table (postgres-sql-driver.ts). */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max,
    idleTimeoutMillis: options.idleTimeoutMs,
    types: { getTypeParser: (oid, format) => (oid === INT8_OID ? parseBigint : pg.types.getTypeParser(oid, format)) },
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // Queries on a client run in order, so this is in place before the client's first unit.
  pool.on('connect', (client) => void client.query(SESSION_GUARD_TABLE).catch(() => undefined));
  // An idle client that the server drops emits here; without a listener the process would exit.
  pool.on('error', () => undefined);
  return pool;
}

/** The pool as a {@link PgConnectionSource}. */
export function poolSource(pool: pg.Pool): PgConnectionSource {
  return {
    query: (text, params) => pool.query(text, params as SqlValue[]),
    async transaction(begin, work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(begin);
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
