/**
 * `npm run bench -- scale` (partial, issue 15): the same data loaded into SQLite (the anchor) and
 * into PostgreSQL (`SCALE_DATABASE_URL`, default the test server; skipped when it does not
 * answer), then, for each: load rate, database size, and p50/p95 of one client at a time plus
 * requests/s with 10 in flight, for read by id, token search, date range, a chained search by the
 * child's IIN and `_revinclude` of a child's Observations. `SCALE_COUNT` resources (default
 * 100,000: one child Patient per 100, the rest Observations), stored through `store.commit` in
 * units of 1,000 (write path without HTTP or validation; bench/search-data.ts). Requests go to
 * the gateway app in-process (`app.fetch`), not over HTTP. Not yet: the polyclinic worklist,
 * 1,000,000 resources, HTTP load with autocannon, data from `npm run seed`.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { IIN_SYSTEM } from '../src/fhir/canonical.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { buildWrite } from '../src/rest/write/build-write.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { dropPostgresSchema, openPostgres } from '../src/storage/adapters/pg-driver.js';
import type { ResourceStore, ResourceWrite } from '../src/storage/port.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { benchObservation } from './search-data.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const COUNT = Number(process.env.SCALE_COUNT ?? 100_000);
const PG_URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CHILDREN = Math.max(1, Math.floor(COUNT / 100));
const UNIT = 1_000;
const SAMPLES = 200;
const IN_FLIGHT = 10;

const iin = (child: number) => String(100000000000 + child);

/** The i-th resource: a child Patient for every 100th, else an Observation of child i % CHILDREN. */
function resourceAt(i: number): { target: { resourceType: string; id: string }; resource: fhir4.Resource } {
  if (i % 100 === 0) {
    const child = i / 100;
    const resource: fhir4.Patient = {
      resourceType: 'Patient',
      identifier: [{ system: IIN_SYSTEM, value: iin(child) }],
      birthDate: `2025-0${1 + (child % 9)}-1${child % 10}`,
    };
    return { target: { resourceType: 'Patient', id: `child-${child}` }, resource };
  }
  const observation = benchObservation(i);
  observation.subject = { reference: `Patient/child-${i % CHILDREN}` };
  return { target: { resourceType: 'Observation', id: `obs-${i}` }, resource: observation };
}

async function load(store: ResourceStore): Promise<number> {
  const clock = () => new Date();
  const started = performance.now();
  for (let start = 0; start < COUNT; start += UNIT) {
    const writes: ResourceWrite[] = [];
    for (let i = start; i < Math.min(start + UNIT, COUNT); i++) {
      const { target, resource } = resourceAt(i);
      writes.push(buildWrite({ clock }, target, { resource, previous: undefined, method: 'POST' }));
    }
    await store.commit({ writes });
  }
  return COUNT / ((performance.now() - started) / 1000);
}

const CASES: { label: string; path: (k: number) => string }[] = [
  { label: 'read by id', path: (k) => `Patient/child-${k % CHILDREN}` },
  { label: 'token: Observation?code', path: () => `Observation?code=${encodeURIComponent('http://loinc.org|8302-2')}` },
  { label: 'date range: one week', path: () => 'Observation?date=ge2025-03-01&date=lt2025-03-08' },
  {
    label: 'chained: subject:Patient.identifier=IIN',
    path: (k) => `Observation?subject:Patient.identifier=${encodeURIComponent(`${IIN_SYSTEM}|${iin(k % CHILDREN)}`)}`,
  },
  {
    label: '_revinclude Observations of a child',
    path: (k) => `Patient?_id=child-${k % CHILDREN}&_revinclude=Observation:subject`,
  },
];

type Fetch = (request: Request) => Response | Promise<Response>;

async function call(fetch: Fetch, path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(new Request(`http://localhost/fhir/${path}`));
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
  return performance.now() - started;
}

async function measure(fetch: Fetch): Promise<Map<string, { p50: number; p95: number; rps: number }>> {
  const results = new Map<string, { p50: number; p95: number; rps: number }>();
  for (const c of CASES) {
    const times: number[] = [];
    for (let k = 0; k < SAMPLES; k++) times.push(await call(fetch, c.path(k * 7)));
    times.sort((a, b) => a - b);
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < SAMPLES) await call(fetch, c.path(next++ * 13));
      }),
    );
    const rps = SAMPLES / ((performance.now() - started) / 1000);
    results.set(c.label, { p50: times[Math.floor(SAMPLES * 0.5)]!, p95: times[Math.floor(SAMPLES * 0.95)]!, rps });
  }
  return results;
}

interface Figures {
  loadRate: number;
  bytes: number;
  cases: Map<string, { p50: number; p95: number; rps: number }>;
}

async function onSqlite(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'scale-bench-'));
  const path = join(dir, 'scale.sqlite');
  const driver = openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, readWorkers: 2 });
  try {
    const store = createSqlResourceStore(driver);
    const loadRate = await load(store);
    const bytes = [path, `${path}-wal`].filter(existsSync).reduce((sum, p) => sum + statSync(p).size, 0);
    const { app } = await createGateway(store, { LOAD_DEMO_DATA: 'false' });
    return { loadRate, bytes, cases: await measure(app.fetch) };
  } finally {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<Figures | undefined> {
  const schema = `scale_${Date.now()}`;
  let driver;
  try {
    driver = await openPostgres({ url: PG_URL, migrationsDir: MIGRATIONS_DIR, schema, poolSize: 10 });
  } catch (error) {
    console.log(`PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} not reachable (${String(error)}): skipped`);
    return undefined;
  }
  try {
    const store = createSqlResourceStore(driver);
    const loadRate = await load(store);
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await client.connect();
    await client.query('VACUUM ANALYZE');
    const size = await client.query(
      "SELECT SUM(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r'",
      [schema],
    );
    await client.end();
    const { app } = await createGateway(store, { LOAD_DEMO_DATA: 'false' });
    return { loadRate, bytes: Number((size.rows[0] as { bytes: string }).bytes), cases: await measure(app.fetch) };
  } finally {
    await driver.close();
    await dropPostgresSchema(PG_URL, schema);
  }
}

function print(name: string, f: Figures): void {
  console.log(`${name}: loaded at ${f.loadRate.toFixed(0)} resources/s; ${(f.bytes / 1048576).toFixed(1)} MiB`);
  for (const [label, r] of f.cases) {
    console.log(
      `  ${label.padEnd(42)} p50 ${r.p50.toFixed(2)} ms  p95 ${r.p95.toFixed(2)} ms  ${r.rps.toFixed(0)} req/s (${IN_FLIGHT} in flight)`,
    );
  }
}

export default async function scale(): Promise<void> {
  console.log(`${COUNT} resources (${CHILDREN} children), ${SAMPLES} requests per case, in-process app.fetch`);
  print('SQLite (anchor)', await onSqlite());
  const postgres = await onPostgres();
  if (postgres) print('PostgreSQL', postgres);
}
