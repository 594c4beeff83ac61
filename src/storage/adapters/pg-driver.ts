/**
 * {@link SqlDriver} for a PostgreSQL server through `pg` (Node), selected by
 * `DATABASE_URL=postgres://…`. A pool of connections; each unit of work is one SERIALIZABLE
 * transaction on one of them (sql/postgres-sql-driver.ts, decision 028).
 * @module
 */
import pg from 'pg';
import type { SqlDriver } from '../sql/sql-driver.js';
import { createPostgresDriver } from '../sql/postgres-sql-driver.js';
import { applyPostgresMigrations } from './pg-migrations.js';
import { createPgPool, poolSource } from './pg-pool.js';

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
  /** Create the guard table in every unit, as behind a transaction-mode pooler (pg-pool.ts). */
  guardTableEachUnit?: boolean;
}

/** Opens a pool on the database at `options.url`, migrates it, and returns its driver. */
export async function openPostgres(options: PostgresOptions): Promise<SqlDriver & { close(): Promise<void> }> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  if (schema) await createSchema(options.url, schema);
  const pool = createPgPool({
    url: options.url,
    max: options.poolSize ?? 10,
    idleTimeoutMs: options.idleTimeoutMs ?? 10_000,
    schema,
  });
  const source = poolSource(pool, { guardTableEachUnit: options.guardTableEachUnit ?? false });
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
