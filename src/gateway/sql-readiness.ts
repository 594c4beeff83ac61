/**
 * The readiness checks of a SQLite or D1 database: it answers, and every migration is applied.
 * @module
 */
import type { ReadinessCheck } from '../http/ops/readiness.js';
import { missingMigrations, unreachableDatabase } from '../storage/sql/applied-migrations.js';
import type { SqlDriver } from '../storage/sql/sql-driver.js';

/** `/readyz` checks of `driver`'s database. */
export function sqlReadiness(driver: SqlDriver): ReadinessCheck[] {
  return [
    { name: 'database', check: () => unreachableDatabase(driver) },
    { name: 'migrations', check: () => missingMigrations(driver) },
  ];
}
