/**
 * Whether a database has every migration of `migrations/` applied: SQLite and D1 record applied
 * migrations in `d1_migrations` (wrangler's table, which the Node driver reuses), PostgreSQL in
 * `schema_migrations` (`src/storage/adapters/pg-migrations.ts`).
 * @module
 */
import type { SqlDriver } from './sql-driver.js';

/**
 * The files of `migrations/`, in order. Workers cannot list a folder, so the names are here;
 * `applied-migrations.test.ts` fails when this list and the folder disagree.
 */
export const MIGRATION_NAMES: readonly string[] = [
  '0001_resources.sql',
  '0002_search_index.sql',
  '0003_search_index_ordering.sql',
  '0004_search_date_span.sql',
  '0005_search_sort_covering.sql',
  '0006_derived_index_rows.sql',
  '0007_exchange_outbox.sql',
  '0008_plans_open_activities.sql',
];

/** The table where a runtime records the migrations it applied. */
export type MigrationsTable = 'd1_migrations' | 'schema_migrations';

/** A readiness problem when the database answers but lacks migrations; `undefined` when current. */
export async function missingMigrations(
  driver: SqlDriver,
  expected: readonly string[] = MIGRATION_NAMES,
  table: MigrationsTable = 'd1_migrations',
): Promise<string | undefined> {
  const rows = await driver.all<{ name: string }>({ sql: `SELECT name FROM ${table}`, params: [] });
  const applied = new Set(rows.map((row) => row.name));
  const missing = expected.filter((name) => !applied.has(name));
  return missing.length === 0 ? undefined : `migrations not applied: ${missing.join(', ')}`;
}

/** A problem when the database does not answer a trivial query. */
export async function unreachableDatabase(driver: SqlDriver): Promise<string | undefined> {
  const rows = await driver.all<{ one: number }>({ sql: 'SELECT 1 AS one', params: [] });
  return rows[0]?.one === 1 ? undefined : 'the database did not answer SELECT 1';
}
