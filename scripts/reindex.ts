/**
 * `npm run reindex`: rebuilds the search index of the Node SQLite database (DATABASE_PATH, as
 * the server reads it) for resources stored before the index existed. Safe to run again.
 */
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/config.js';
import { extractIndexRows } from '../src/search/extract-index.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { reindexSqlStore } from '../src/storage/sql/reindex.js';

const config = parseConfig(process.env);
const driver = openBetterSqlite3({
  path: config.databasePath,
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
});
const started = performance.now();
const count = await reindexSqlStore(driver, extractIndexRows);
driver.close();
console.log(
  `reindexed ${count} resources in ${config.databasePath} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
