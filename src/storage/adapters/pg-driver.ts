/**
 * {@link SqlDriver} for a PostgreSQL server through `pg` (Node), selected by
 * `DATABASE_URL=postgres://…`. A pool of connections; each unit of work is one SERIALIZABLE
 * transaction on one of them (sql/postgres-sql-driver.ts, decision 028).
 * @module
 */
import pg from 'pg';
import type { SqlDriver, SqlValue } from '../sql/sql-driver.js';
import {
  SESSION_GUARD_TABLE,
  createPostgresDriver,
  type PgConnectionSource,
  type PgSession,
} from '../sql/postgres-sql-driver.js';
import { applyPostgresMigrations } from './pg-migrations.js';

/** Options for {@link openPostgres}. */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** Folder of `NNNN_name.sql` migrations, rendered for PostgreSQL and applied on open. */
  migrationsDir: string;
  /** Schema to create (if absent) and work in instead of the user's default (tests: one per store). */
  schema?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Milliseconds an idle connection is kept (default 10,000). */
  idleTimeoutMs?: number;
}

const INT8_OID = 20;
/**
 * `BIGINT` columns (version ids, epoch milliseconds, counts) as numbers: every value the store
 * keeps in one is far below 2^53. pg's default is a string.
 */
const parseBigint = (text: string) => Number(text);

/** Opens a pool on the database at `options.url`, migrates it, and returns its driver. */
export async function openPostgres(options: PostgresOptions): Promise<SqlDriver & { close(): Promise<void> }> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  if (schema) await createSchema(options.url, schema);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    types: { getTypeParser: (oid, format) => (oid === INT8_OID ? parseBigint : pg.types.getTypeParser(oid, format)) },
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // Queries on a client run in order, so this is in place before the client's first unit.
  pool.on('connect', (client) => void client.query(SESSION_GUARD_TABLE).catch(() => undefined));
  // An idle client that the server drops emits here; without a listener the process would exit.
  pool.on('error', () => undefined);
  const source = poolSource(pool);
  try {
    await applyPostgresMigrations(source, options.migrationsDir);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { ...createPostgresDriver(source), close: () => pool.end() };
}

async function createSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}

/** Drops `schema` and everything in it (tests). */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
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
