/**
 * `npm run bench -- scale [--resources N] [--db sqlite|postgres|both] [--schema NAME] [--keep]`
 * (issue 15): loads N resources (default 100,000) of `npm run seed` families (scripts/seed-data.ts:
 * mothers, children, home visits with measurements, CarePlans, RiskAssessments, referrals across
 * twenty polyclinics) through the real write path — the gateway app in-process, validation,
 * integrity, index rows and write reactions included, twenty families per transaction Bundle,
 * `--writers K` Bundles in flight at once (default 8 on PostgreSQL, 2 on SQLite's one writer) —
 * into SQLite and into PostgreSQL (`SCALE_DATABASE_URL`, default the test server; skipped when it
 * does not answer). The load stops at a tenth of N to be measured and then goes on to N, so that
 * the growth shows (`--one-size`: at N only). At each size, for each database: load rate,
 * database size, and p50/p95 of one client
 * at a time plus requests/s with 10 in flight, for read by id, token searches (identifier, code),
 * a date range, the chained search by the child's IIN, `_revinclude` of a child's Observations
 * and the polyclinic worklist; requests go to `app.fetch`, not over a socket.
 *
 * Anchors in the same run: SQLite is PostgreSQL's; for each database, the read of a polyclinic
 * (a row of a 20-row type) is the floor every case is compared with, since the machine is shared
 * and wall-clock figures move with its load (printed at start and end).
 *
 * `--schema NAME --keep` leaves the PostgreSQL schema in place (for `EXPLAIN ANALYZE`); a later run
 * with the same `--schema` finds it loaded, applies any new migration and only measures. Likewise
 * `--sqlite-path FILE` keeps the SQLite file, and a run over an existing file only measures.
 * `--first-child K` loads the families from K on into a kept database first (a load resumed).
 * A request that does not answer 200 (a search stopped by its deadline) is counted, not timed;
 * each phase of a case stops after 40 s, so a slow case is sampled fewer times (`n=`).
 */
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { IIN_SYSTEM } from '../src/fhir/canonical.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { dropPostgresSchema, openPostgres } from '../src/storage/adapters/pg-driver.js';
import type { SqlDriver } from '../src/storage/sql/sql-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { childIin, familyEntries, POLYCLINICS, seedThroughApp, type FetchApp } from '../scripts/seed-data.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const PG_URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FAMILIES_PER_BUNDLE = 20;
const SAMPLES = 200;
const IN_FLIGHT = 10;

/** `--name value` from the command line. */
function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** `--writers K`, else `fallback`: Bundles in flight at once while loading. */
function writers(fallback: string): number {
  const k = Number(option('--writers') ?? fallback);
  if (!Number.isInteger(k) || k < 1) throw new Error('--writers takes a positive whole number');
  return k;
}

/** Children whose families hold at least `resources` resources. */
function childrenFor(resources: number): number {
  let children = 0;
  for (let total = 0; total < resources; children++) total += familyEntries(children).length;
  return children;
}

interface Case {
  label: string;
  path: (k: number) => string;
  target?: string;
}

/** The cases, over child numbers `k` below `children` and the children's stored ids. */
function cases(children: number, ids: string[]): Case[] {
  const child = (k: number) => k % children;
  const iin = (k: number) => encodeURIComponent(`${IIN_SYSTEM}|${childIin(child(k))}`);
  const id = (k: number) => ids[k % ids.length]!;
  return [
    { label: 'anchor: read a polyclinic', path: (k) => `Organization/polyclinic-${k % POLYCLINICS}` },
    { label: 'read by id (child)', path: (k) => `Patient/${id(k)}`, target: '10' },
    { label: 'token: Patient?identifier=IIN', path: (k) => `Patient?identifier=${iin(k)}`, target: '10' },
    {
      label: 'token: Observation?code (first page)',
      path: (k) => `Observation?code=${encodeURIComponent(`http://loinc.org|${k % 2 ? '8302-2' : '29463-7'}`)}`,
      target: '10',
    },
    {
      label: "token + reference: a child's body heights",
      path: (k) => `Observation?subject=Patient/${id(k)}&code=${encodeURIComponent('http://loinc.org|8302-2')}`,
      target: '10',
    },
    {
      label: 'token: Patient?identifier= four IINs',
      path: (k) => `Patient?identifier=${[0, 1, 2, 3].map((i) => iin(k + i * 7)).join(',')}`,
      target: '10',
    },
    {
      label: 'date: Encounter?date one week',
      path: (k) => {
        const start = new Date(Date.UTC(2025, 0, 4) + (k % 300) * 86_400_000);
        const end = new Date(start.getTime() + 7 * 86_400_000);
        return `Encounter?date=ge${start.toISOString().slice(0, 10)}&date=lt${end.toISOString().slice(0, 10)}`;
      },
      target: '10',
    },
    {
      label: 'chained: Observation?subject:Patient.identifier',
      path: (k) => `Observation?subject:Patient.identifier=${iin(k)}`,
      target: '25',
    },
    {
      label: '_revinclude Observation:subject of a child',
      path: (k) => `Patient?_id=${id(k)}&_revinclude=Observation:subject`,
    },
    {
      label: 'worklist: CarePlan/$worklist of a polyclinic',
      path: (k) => `CarePlan/$worklist?organization=Organization/polyclinic-${k % POLYCLINICS}&_count=50`,
    },
  ];
}

/** Milliseconds of one request, or `undefined` when it did not answer 200 (counted, not fatal). */
async function call(app: FetchApp, path: string): Promise<number | undefined> {
  const started = performance.now();
  const response = await app.fetch(new Request(`http://localhost/fhir/${path}`));
  await response.text();
  return response.status === 200 ? performance.now() - started : undefined;
}

/** Wall-clock budget of each phase of a case: a case slower than this is sampled fewer times. */
const PHASE_BUDGET_MS = 40_000;

interface Result {
  samples: number;
  failed: number;
  p50: number;
  p95: number;
  rps: number;
  cpuMsPerRequest: number;
}

async function measureCase(app: FetchApp, c: Case): Promise<Result> {
  for (let k = 0; k < 5; k++) await call(app, c.path(k * 11)); // warm the statement caches
  const times: number[] = [];
  let failed = 0;
  const cpu = process.cpuUsage();
  const serialStart = performance.now();
  let k = 0;
  for (; k < SAMPLES && performance.now() - serialStart < PHASE_BUDGET_MS; k++) {
    const ms = await call(app, c.path(k * 7));
    if (ms === undefined) failed++;
    else times.push(ms);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  const started = performance.now();
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < SAMPLES && performance.now() - started < PHASE_BUDGET_MS) {
        if ((await call(app, c.path(next++ * 13))) === undefined) failed++;
        done++;
      }
    }),
  );
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? NaN;
  return {
    samples: k,
    failed,
    p50: at(0.5),
    p95: at(0.95),
    rps: done / ((performance.now() - started) / 1000),
    cpuMsPerRequest: (used.user + used.system) / 1000 / Math.max(1, k),
  };
}

/** The stored ids of up to 200 children, found by their IINs. */
async function childIds(app: FetchApp, children: number): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < Math.min(SAMPLES, children); k++) {
    const i = Math.floor((k * children) / Math.min(SAMPLES, children));
    const response = await app.fetch(
      new Request(`http://localhost/fhir/Patient?identifier=${encodeURIComponent(`${IIN_SYSTEM}|${childIin(i)}`)}`),
    );
    const bundle = (await response.json()) as fhir4.Bundle;
    const id = bundle.entry?.[0]?.resource?.id;
    if (id) ids.push(id);
  }
  if (ids.length === 0) throw new Error('no seeded child found');
  return ids;
}

interface Figures {
  /** The size this measurement was taken at. */
  at: number;
  loaded: string;
  bytes: number;
  rows: number;
  results: [Case, Result][];
}

/**
 * The sizes to measure at: a tenth of `resources` and `resources` itself, so that the growth shows
 * (issue 15: 100,000 and 1,000,000), unless `--one-size` or the database was loaded before.
 */
function stagesOf(resources: number): number[] {
  const tenth = Math.floor(resources / 10);
  return process.argv.includes('--one-size') || tenth < 100 ? [resources] : [tenth, resources];
}

/** Loads (unless `loaded`), then measures every case on `driver`, at each stage of the load. */
async function run(
  driver: SqlDriver,
  resources: number,
  loaded: boolean,
  writers: number,
  size: () => Promise<number>,
  beforeMeasuring: () => Promise<unknown> = () => Promise.resolve(),
): Promise<Figures[]> {
  const { app } = await createGateway(createSqlResourceStore(driver), { LOAD_DEMO_DATA: 'false', LOG_LEVEL: 'warn' });
  const resumeAt = option('--first-child');
  const loading = !loaded || resumeAt !== undefined;
  let first = Number(resumeAt ?? 0);
  if (!Number.isInteger(first) || first < 0 || first > childrenFor(resources)) {
    throw new Error('--first-child out of range');
  }
  const figures: Figures[] = [];
  // A database loaded before is measured as it is; a load stops at each stage to be measured.
  const stages = loading ? stagesOf(resources).filter((n) => childrenFor(n) > first || n === resources) : [resources];
  for (const stage of stages) {
    const children = childrenFor(stage);
    let loadedText = 'reused (loaded by an earlier run)';
    if (loading) {
      loadedText = await load(app, first, children, writers, stage);
      first = children;
    }
    await beforeMeasuring();
    const rows = await driver.all<{ n: number }>({ sql: 'SELECT COUNT(*) AS n FROM resource_current', params: [] });
    const results = await measureAll(app, children, stage);
    figures.push({ at: stage, loaded: loadedText, bytes: await size(), rows: Number(rows[0]?.n ?? 0), results });
  }
  return figures;
}

/** Every case over the first `children` children, each printed as it is measured. */
async function measureAll(app: FetchApp, children: number, stage: number): Promise<[Case, Result][]> {
  const ids = await childIds(app, children);
  const results: [Case, Result][] = [];
  for (const c of cases(children, ids)) {
    const result = await measureCase(app, c);
    results.push([c, result]);
    console.log(`  measured at ${stage}: ${line(c, result, results[0]![1].p50)}`);
  }
  return results;
}

/** Loads the families `first`… below `children` through the app; says how many, how fast. */
async function load(app: FetchApp, first: number, children: number, writers: number, stage: number): Promise<string> {
  const started = performance.now();
  let shown = 0;
  const written = await seedThroughApp(app, {
    first,
    children: children - first,
    familiesPerBundle: FAMILIES_PER_BUNDLE,
    concurrency: writers,
    progress: (n) => {
      if (n - shown < stage / 10) return;
      shown = n;
      const rate = n / ((performance.now() - started) / 1000);
      console.log(`  … ${n} resources, ${rate.toFixed(0)}/s, load average ${loadavg()[0]!.toFixed(1)}`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  return (
    `${written} resources (families ${first}–${children - 1}, ${writers} writers) in ${seconds.toFixed(0)} s: ` +
    `${(written / seconds).toFixed(0)} resources/s, load average ${loadavg()[0]!.toFixed(1)} at the end`
  );
}

async function onSqlite(resources: number): Promise<Figures[]> {
  const given = option('--sqlite-path');
  const dir = given ? undefined : mkdtempSync(join(tmpdir(), 'scale-bench-'));
  const path = given ?? join(dir!, 'scale.sqlite');
  const loaded = existsSync(path);
  const driver = openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, readWorkers: 2 });
  try {
    const size = () =>
      Promise.resolve([path, `${path}-wal`].filter(existsSync).reduce((sum, p) => sum + statSync(p).size, 0));
    // What the server's checkpoint worker does within ten minutes of a bulk load (and every start
    // does), reaching the open connections as it does there.
    const refreshStatistics = () => Promise.resolve(driver.refreshPlannerStatistics());
    return await run(driver, resources, loaded, writers('2'), size, refreshStatistics);
  } finally {
    driver.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(resources: number): Promise<Figures[] | undefined> {
  const schema = option('--schema') ?? `hpg_scale_${Date.now()}`;
  const keep = process.argv.includes('--keep');
  let driver;
  try {
    driver = await openPostgres({ url: PG_URL, migrationsDir: MIGRATIONS_DIR, schema, poolSize: 10 });
  } catch (error) {
    console.log(`PostgreSQL at ${PG_URL.replace(/:[^:@/]*@/, ':***@')} not reachable (${String(error)}): skipped`);
    return undefined;
  }
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const present = await client.query(
      "SELECT COUNT(*)::int AS n FROM resource_current WHERE resource_type = 'Patient'",
    );
    const loaded = Number((present.rows[0] as { n: number }).n) > 0;
    const size = async () => {
      const result = await client.query(
        "SELECT SUM(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c WHERE c.relnamespace = $1::regnamespace AND c.relkind = 'r'",
        [schema],
      );
      return Number((result.rows[0] as { bytes: string }).bytes);
    };
    // After a bulk load the visibility map is unset and the statistics stale until autovacuum
    // runs; a production database is vacuumed, so the plans are measured as they would be there.
    return await run(driver, resources, loaded, writers('8'), size, () => vacuumSchema(client, schema));
  } finally {
    await client.end();
    await driver.close();
    if (keep) console.log(`PostgreSQL schema ${schema} kept`);
    else await dropPostgresSchema(PG_URL, schema);
  }
}

/**
 * `VACUUM ANALYZE` of the schema's own tables: a bare `VACUUM` would also vacuum every other
 * schema of the database (other bench schemas, a load running beside this one).
 */
async function vacuumSchema(client: pg.Client, schema: string): Promise<void> {
  const tables = await client.query('SELECT tablename FROM pg_tables WHERE schemaname = $1', [schema]);
  for (const { tablename } of tables.rows as { tablename: string }[]) {
    await client.query(`VACUUM ANALYZE ${schema}.${client.escapeIdentifier(tablename)}`);
  }
}

function line(c: Case, r: Result, floor: number): string {
  const target = c.target ? `  target p95 < ${c.target} ms` : '';
  const failed = r.failed ? `  ${r.failed} not 200 (deadline)` : '';
  return (
    `${c.label.padEnd(48)} p50 ${r.p50.toFixed(2).padStart(8)} ms  p95 ${r.p95.toFixed(2).padStart(8)} ms` +
    `  ${(r.p50 / floor).toFixed(1).padStart(6)}× anchor  cpu ${r.cpuMsPerRequest.toFixed(2)} ms/req` +
    `  ${r.rps.toFixed(1).padStart(6)} req/s (${IN_FLIGHT} in flight)  n=${r.samples}${failed}${target}`
  );
}

function print(name: string, all: Figures[]): void {
  for (const f of all) printOne(`${name} at ${f.at} resources`, f);
}

function printOne(name: string, f: Figures): void {
  console.log(
    `${name}: ${f.loaded}; ${f.rows} rows stored (with the plans the reaction made and the conformance resources); ${(f.bytes / 1048576).toFixed(1)} MiB`,
  );
  const floor = f.results[0]![1].p50;
  for (const [c, r] of f.results) console.log(`  ${line(c, r, floor)}`);
}

export default async function scale(): Promise<void> {
  const resources = Number(option('--resources') ?? 100_000);
  if (!Number.isInteger(resources) || resources < 100) throw new Error('--resources takes a whole number ≥ 100');
  const db = option('--db') ?? 'both';
  console.log(
    `${resources} resources of seed families, ${SAMPLES} requests per case, in-process app.fetch; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (2 cores, shared)`,
  );
  if (db !== 'postgres') print('SQLite (anchor)', await onSqlite(resources));
  if (db !== 'sqlite') {
    const postgres = await onPostgres(resources);
    if (postgres) print('PostgreSQL', postgres);
  }
  console.log(
    `load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}
