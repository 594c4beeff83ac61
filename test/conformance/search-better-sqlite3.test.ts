// The search conformance suite on the SQL store over better-sqlite3 (a SQLite file per store),
// its search reads on two reader processes as the Node entry runs them (SQLITE_READ_WORKERS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { openBetterSqlite3 } from '../../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { describeSearchConformance } from './search.suite.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'search-conformance-'));
const open: { close(): void }[] = [];

afterAll(() => {
  for (const driver of open) driver.close();
  rmSync(dir, { recursive: true, force: true });
});

describeSearchConformance('SQL store on better-sqlite3', {
  async createStore() {
    const path = join(dir, `${open.length}.sqlite`);
    const driver = openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, readWorkers: 2 });
    open.push(driver);
    return createSqlResourceStore(driver);
  },
});
