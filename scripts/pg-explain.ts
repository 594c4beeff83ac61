/**
 * `npx tsx scripts/pg-explain.ts --schema NAME`: the same for a schema loaded by
 * `npm run bench -- scale --db postgres --schema NAME --keep` (seed families): searches of every
 * parameter type over that data, the schema left as it is.
 *
 * `npx tsx scripts/pg-explain.ts [count]`: stores `count` patronage-like Observations (default
 * 20,000; bench/search-data.ts, through the store's write path without HTTP) in a fresh schema
 * of the PostgreSQL at `DATABASE_URL` (default the test server), runs one search per parameter
 * type through the gateway, and prints `EXPLAIN ANALYZE` of every SQL statement each search ran:
 * which index PostgreSQL picked and how long the statement took. Drops the schema at the end.
 * Evidence for index choices (decision 028); not a benchmark (no anchor, one run).
 */
import pg from 'pg';
import { createGateway } from '../src/gateway/create-gateway.js';
import { buildWrite } from '../src/rest/write/build-write.js';
import { dropPostgresSchema, openPostgres } from '../src/storage/adapters/pg-driver.js';
import { postgresDialect } from '../src/storage/sql/dialect.js';
import type { SqlDriver, SqlStatement } from '../src/storage/sql/sql-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import type { ResourceWrite } from '../src/storage/port.js';
import { benchObservation } from '../bench/search-data.js';
import { IIN_SYSTEM } from '../src/fhir/canonical.js';
import { childIin } from './seed-data.js';

const URL_ = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemaAt = process.argv.indexOf('--schema');
/** A loaded schema of seed families to explain, instead of a fresh one to load. */
const seeded = schemaAt >= 0 ? process.argv[schemaAt + 1] : undefined;
const COUNT = seeded ? 0 : Number(process.argv[2] ?? 20_000);
const iin = (child: number) => encodeURIComponent(`${IIN_SYSTEM}|${childIin(child)}`);
/** Searches of seed families, one per parameter type and the combinations the scale bench runs. */
const SEED_SEARCHES = (childId: string) => [
  `Patient?identifier=${iin(17)}`,
  `Observation?code=${encodeURIComponent('http://loinc.org|8302-2')}`,
  'Encounter?date=ge2025-03-01&date=lt2025-03-08',
  `Observation?subject:Patient.identifier=${iin(17)}`,
  `Patient?_id=${childId}&_revinclude=Observation:subject`,
  `Observation?subject=Patient/${childId}&_sort=-date`,
  'Observation?value-quantity=gt60',
  'Patient?family=Family17',
  `Observation?code=${encodeURIComponent('http://loinc.org|29463-7')}&date=ge2025-06&date=lt2025-07&_total=none`,
  'CarePlan/$worklist?organization=Organization/polyclinic-3&_count=50',
];
const UNIT = 1_000;
const SEARCHES = [
  `Observation?code=${encodeURIComponent('http://loinc.org|8302-2')}`,
  'Observation?date=ge2025-03-01&date=lt2025-03-08',
  `Observation?code=${encodeURIComponent('http://loinc.org|29463-7')}&date=ge2025-06&date=lt2025-07&_total=none`,
  'Observation?subject=Patient/child-17',
  'Observation?value-quantity=gt60',
  'Observation?subject=Patient/child-17&_sort=-date',
  'Observation?_lastUpdated=gt2000-01-01&_count=5',
];

const schema = seeded ?? `hpg_explain_${Date.now()}`;
const driver = await openPostgres({ url: URL_, migrationsDir: 'migrations', schema, poolSize: 4 });
const captured: SqlStatement[] = [];
const capturing: SqlDriver = {
  ...driver,
  all: (s) => (captured.push(s), driver.all(s)),
  search: (s, o) => (captured.push(s), driver.search(s, o)),
};
try {
  const store = createSqlResourceStore(capturing);
  const started = performance.now();
  const clock = () => new Date();
  for (let start = 0; start < COUNT; start += UNIT) {
    const writes: ResourceWrite[] = [];
    for (let i = start; i < Math.min(start + UNIT, COUNT); i++) {
      const target = { resourceType: 'Observation', id: `obs-${i}` };
      writes.push(
        buildWrite({ clock }, target, { resource: benchObservation(i), previous: undefined, method: 'POST' }),
      );
    }
    await store.commit({ writes });
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`stored ${COUNT} Observations in ${seconds.toFixed(1)} s (${(COUNT / seconds).toFixed(0)}/s)`);
  const client = new pg.Client({ connectionString: URL_, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('ANALYZE');
  const { app } = await createGateway(store, { LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  let searches = SEARCHES;
  if (seeded) {
    const found = await app.fetch(new Request(`http://localhost/fhir/Patient?identifier=${iin(17)}`));
    searches = SEED_SEARCHES(((await found.json()) as fhir4.Bundle).entry?.[0]?.resource?.id ?? 'none');
  }
  for (const search of searches) {
    captured.length = 0;
    const response = await app.fetch(new Request(`http://localhost/fhir/${search}`));
    const bundle = (await response.json()) as fhir4.Bundle;
    console.log(`\n### ${search}  → HTTP ${response.status}, total ${bundle.total ?? '-'}`);
    for (const statement of captured.filter((s) => s.sql.startsWith('SELECT'))) {
      const plan = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${postgresDialect.statement(statement.sql)}`, [
        ...statement.params,
      ]);
      console.log((plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n'));
    }
  }
  await client.end();
} finally {
  await driver.close();
  if (!seeded) await dropPostgresSchema(URL_, schema);
}
