/**
 * {@link SqlDriver} over PGlite, PostgreSQL compiled to WebAssembly and run in this process:
 * the PostgreSQL conformance tests use it where no server is reachable, so that `npm test`
 * passes anywhere. One connection only: units run one after another (no real concurrency).
 * Starting PGlite takes seconds, so several drivers can share one instance, each in a schema
 * of its own (every statement runs with that schema first on the search path).
 * @module
 */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlDriver, SqlValue } from '../sql/sql-driver.js';
import {
  SESSION_GUARD_TABLE,
  createPostgresDriver,
  type PgConnectionSource,
  type PgSession,
} from '../sql/postgres-sql-driver.js';
import { applyPostgresMigrations } from './pg-migrations.js';

const INT8_OID = 20;
/** `BIGINT` as numbers, as adapters/pg-driver.ts does. */
const PARSERS = { [INT8_OID]: (text: string) => Number(text) };

/** Starts an in-memory PGlite database for {@link openPglite}. */
export async function startPglite(): Promise<PGlite> {
  const db = new PGlite({ parsers: PARSERS });
  await db.exec(SESSION_GUARD_TABLE);
  return db;
}

/**
 * A driver on `db` whose tables live in `schema` (created and migrated here). Closing it drops
 * nothing; the caller closes `db`.
 */
export async function openPglite(db: PGlite, schema: string, migrationsDir: string): Promise<SqlDriver> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`unsafe schema name ${schema}`);
  await db.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  const source = pgliteSource(db, schema);
  await applyPostgresMigrations(source, migrationsDir);
  return createPostgresDriver(source);
}

function pgliteSource(db: PGlite, schema: string): PgConnectionSource {
  const inSchema = (tx: Transaction) => tx.query(`SET LOCAL search_path TO ${schema}`);
  return {
    query: (text, params) =>
      db.transaction(async (tx) => {
        await inSchema(tx);
        return tx.query(text, params as SqlValue[]);
      }),
    async transaction(begin, work) {
      await db.transaction(async (tx) => {
        // PGlite has begun with a plain BEGIN; the level is set before the first statement.
        const level = /ISOLATION LEVEL ([A-Z ]+)$/.exec(begin)?.[1];
        if (level) await tx.query(`SET TRANSACTION ISOLATION LEVEL ${level}`);
        if (begin.endsWith('READ ONLY')) await tx.query('SET TRANSACTION READ ONLY');
        await inSchema(tx);
        const session: PgSession = {
          query: (text, params) => tx.query(text, params as SqlValue[]),
          async exec(script) {
            await tx.exec(script);
          },
        };
        await work(session);
      });
    },
  };
}
