/**
 * Applies `migrations/` to PostgreSQL, each file rendered by {@link postgresDialect}: the same
 * folder that SQLite and D1 apply as it is. Applied names are recorded in `schema_migrations`.
 * All pending files run in one transaction under an advisory lock, so that several gateway
 * instances starting at once over one database migrate it once (PostgreSQL DDL is transactional).
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { postgresDialect } from '../sql/dialect.js';
import type { PgConnectionSource } from '../sql/postgres-sql-driver.js';

/** The key of the advisory lock held while migrating. */
const MIGRATION_LOCK_KEY = 1_500_016;

/** The migration files of `dir`, in the order they apply. */
export function migrationFiles(dir: string): { name: string; sql: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** Applies the migrations of `dir` that have not run yet on the database behind `source`. */
export async function applyPostgresMigrations(source: PgConnectionSource, dir: string): Promise<void> {
  const files = migrationFiles(dir);
  await source.transaction('BEGIN', async (session) => {
    await session.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`, []);
    await session.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
      [],
    );
    const { rows } = await session.query('SELECT name FROM schema_migrations', []);
    const applied = new Set((rows as { name: string }[]).map((r) => r.name));
    for (const file of files) {
      if (applied.has(file.name)) continue;
      await session.exec(postgresDialect.migration(file.sql));
      await session.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file.name]);
    }
  });
}
