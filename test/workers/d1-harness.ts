/**
 * Fresh D1 databases for suites that need one per test (the storage conformance suite, and
 * the search conformance suite to come). `reset()` deletes all storage of the workerd
 * instance, D1 included; the migrations are then applied again from scratch.
 * @see https://developers.cloudflare.com/workers/testing/vitest-integration/test-apis/
 * @module
 */
import { applyD1Migrations, reset } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createD1Driver } from '../../src/storage/adapters/d1-driver.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';

/** Empties the test D1 database, migrates it, and returns a driver over it. */
export async function createFreshD1Driver(): Promise<SqlDriver> {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  return createD1Driver(env.DB);
}
