/**
 * The readiness checks of a SQL database (SQLite, D1, PostgreSQL): it answers, and every
 * migration is applied.
 * @module
 */
import type { ReadinessCheck } from '../http/ops/readiness.js';
import {
  MIGRATION_NAMES,
  missingMigrations,
  unreachableDatabase,
  type MigrationsTable,
} from '../storage/sql/applied-migrations.js';
import type { SqlDriver } from '../storage/sql/sql-driver.js';

/** `/readyz` checks of `driver`'s database. */
export function sqlReadiness(driver: SqlDriver, migrationsTable: MigrationsTable = 'd1_migrations'): ReadinessCheck[] {
  return [
    { name: 'database', check: () => unreachableDatabase(driver) },
    { name: 'migrations', check: () => missingMigrations(driver, MIGRATION_NAMES, migrationsTable) },
  ];
}
