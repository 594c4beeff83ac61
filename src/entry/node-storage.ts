/**
 * The Node entry's database: PostgreSQL when `DATABASE_URL` is set, else the SQLite file of
 * `DATABASE_PATH` (decision 028).
 * @module
 */
import { parsePostgresConfig, redactedUrl } from '../config/postgres-config.js';
import { parseSqliteConfig } from '../config/sqlite-config.js';
import { openBetterSqlite3 } from '../storage/adapters/better-sqlite3-driver.js';
import { openPostgres } from '../storage/adapters/pg-driver.js';
import type { MigrationsTable } from '../storage/sql/applied-migrations.js';
import type { SqlDriver } from '../storage/sql/sql-driver.js';

/** An open database of the Node entry. */
export interface NodeStorage {
  driver: SqlDriver;
  /** What the listening line names: the SQLite path or the redacted PostgreSQL URL. */
  description: string;
  /** The table that records applied migrations (`/readyz` reads it). */
  migrationsTable: MigrationsTable;
  close(): Promise<void> | void;
}

/** Opens (and migrates) the database the environment names. */
export async function openNodeStorage(
  env: Record<string, string | undefined>,
  databasePath: string,
  migrationsDir: string,
): Promise<NodeStorage> {
  const postgres = parsePostgresConfig(env);
  if (postgres) {
    const driver = await openPostgres({
      url: postgres.url,
      migrationsDir,
      poolSize: postgres.poolSize,
      ...(postgres.schema ? { schema: postgres.schema } : {}),
    });
    return {
      driver,
      description: redactedUrl(postgres.url),
      migrationsTable: 'schema_migrations',
      close: () => driver.close(),
    };
  }
  const { readWorkers } = parseSqliteConfig(env);
  const driver = openBetterSqlite3({ path: databasePath, migrationsDir, readWorkers });
  return { driver, description: databasePath, migrationsTable: 'd1_migrations', close: () => driver.close() };
}
