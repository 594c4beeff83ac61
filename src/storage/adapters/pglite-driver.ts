/**
 * {@link SqlDriver} over PGlite, PostgreSQL compiled to WebAssembly and run in this process:
 * the PostgreSQL conformance tests use it where no server is reachable, so that `npm test`
 * passes anywhere. One connection only: units run one after another (no real concurrency).
 * @module
 */
import { PGlite } from '@electric-sql/pglite';
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

/** Opens an in-memory PGlite database, migrates it, and returns its driver. */
export async function openPglite(migrationsDir: string): Promise<SqlDriver & { close(): Promise<void> }> {
  const db = new PGlite({ parsers: PARSERS });
  await db.exec(SESSION_GUARD_TABLE);
  const source = pgliteSource(db);
  await applyPostgresMigrations(source, migrationsDir);
  return { ...createPostgresDriver(source), close: () => db.close() };
}

function pgliteSource(db: PGlite): PgConnectionSource {
  return {
    query: (text, params) => db.query(text, params as SqlValue[]),
    async transaction(begin, work) {
      await db.transaction(async (tx) => {
        // PGlite has begun with a plain BEGIN; the level is set before the first statement.
        const level = /ISOLATION LEVEL ([A-Z ]+)$/.exec(begin)?.[1];
        if (level) await tx.query(`SET TRANSACTION ISOLATION LEVEL ${level}`);
        if (begin.endsWith('READ ONLY')) await tx.query('SET TRANSACTION READ ONLY');
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
