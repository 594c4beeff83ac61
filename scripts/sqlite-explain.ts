/**
 * `npx tsx scripts/sqlite-explain.ts FILE [search…]`: for a SQLite file loaded by
 * `npm run bench -- scale --db sqlite --sqlite-path FILE` (seed families), runs each search
 * through the gateway and prints every SELECT it ran with SQLite's `EXPLAIN QUERY PLAN` and the
 * statement's own time, warm (the best of five runs). The file is opened read-only for the plans.
 * The SQLite counterpart of scripts/pg-explain.ts: evidence for index choices, not a benchmark.
 */
import Database from 'better-sqlite3';
import { createGateway } from '../src/gateway/create-gateway.js';
import { IIN_SYSTEM } from '../src/fhir/canonical.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import type { SqlDriver, SqlStatement } from '../src/storage/sql/sql-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { childIin } from './seed-data.js';

const [path, ...asked] = process.argv.slice(2);
if (!path) throw new Error('usage: sqlite-explain.ts FILE [search…]');
const iin = (child: number) => encodeURIComponent(`${IIN_SYSTEM}|${childIin(child)}`);
const searches =
  asked.length > 0
    ? asked
    : [
        `Patient?identifier=${iin(17)}`,
        `Observation?code=${encodeURIComponent('http://loinc.org|8302-2')}`,
        'Encounter?date=ge2025-03-01&date=lt2025-03-08',
        `Observation?subject:Patient.identifier=${iin(17)}`,
        'CarePlan/$worklist?organization=Organization/polyclinic-3&_count=50',
      ];

const driver = openBetterSqlite3({ path, migrationsDir: 'migrations' });
const captured: SqlStatement[] = [];
const capturing: SqlDriver = {
  ...driver,
  all: (s) => (captured.push(s), driver.all(s)),
  search: (s, o) => (captured.push(s), driver.search(s, o)),
};
const plans = new Database(path, { readonly: true });
try {
  const { app } = await createGateway(createSqlResourceStore(capturing), { LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  for (const search of searches) {
    captured.length = 0;
    const response = await app.fetch(new Request(`http://localhost/fhir/${search}`));
    const bundle = (await response.json()) as { total?: number };
    console.log(`\n### ${search}  → HTTP ${response.status}, total ${bundle.total ?? '-'}`);
    for (const statement of captured.filter((s) => s.sql.startsWith('SELECT'))) {
      const prepared = plans.prepare(statement.sql);
      const params = statement.params as unknown[];
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        prepared.all(...params);
        best = Math.min(best, performance.now() - started);
      }
      console.log(`${statement.sql}\n  ${best.toFixed(2)} ms`);
      const rows = plans.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...params) as { detail: string }[];
      for (const row of rows) console.log(`    ${row.detail}`);
    }
  }
} finally {
  plans.close();
  driver.close();
}
