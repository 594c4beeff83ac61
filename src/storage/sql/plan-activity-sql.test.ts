// The open-visit index (test/conformance/plan-activity.suite.ts) on SQLite and on PostgreSQL
// (the test server, or PGlite when it is not reachable).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { describePlanActivityIndex } from '../../../test/conformance/plan-activity.suite.js';
import {
  MIGRATIONS_DIR,
  postgresDrivers,
  postgresKind,
  serverReachable,
} from '../../../test/conformance/postgres-harness.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from './sql-resource-store.js';

if (!serverReachable) vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

describePlanActivityIndex('SQLite', () => {
  const driver = openBetterSqlite3({
    path: join(mkdtempSync(join(tmpdir(), 'plan-activity-')), 'db.sqlite'),
    migrationsDir: MIGRATIONS_DIR,
  });
  return Promise.resolve({ driver, store: createSqlResourceStore(driver) });
});

const postgres = postgresDrivers();
describePlanActivityIndex(postgresKind, async () => {
  const driver = await postgres.open();
  return { driver, store: createSqlResourceStore(driver) };
});
