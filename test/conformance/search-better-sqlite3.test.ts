// The search conformance suite on the SQL store over better-sqlite3 (a SQLite file per store).
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
    const driver = openBetterSqlite3({ path: join(dir, `${open.length}.sqlite`), migrationsDir: MIGRATIONS_DIR });
    open.push(driver);
    return createSqlResourceStore(driver);
  },
});
