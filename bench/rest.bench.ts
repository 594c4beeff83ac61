/**
 * `npm run bench -- rest`: requests per second of the real gateway (createApp over a SQLite
 * file store) beside an anchor, a bare Hono route answering a fixed JSON body, served by the
 * same @hono/node-server instance in the same run. Then the Worker bundle size (wrangler
 * deploy --dry-run) and its startup time (wrangler check startup). Load comes from autocannon
 * in a worker thread on loopback; each run lasts BENCH_SECONDS (default 5). Figures depend on the machine: compare the ratio, not the number.
 */
import { serve } from '@hono/node-server';
import autocannon, { type Result } from 'autocannon';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';
import { createId } from '../src/fhir/ids.js';
import { createApp } from '../src/http/app.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { validateResource } from '../src/validation/validate-resource.js';
import { formatKiB, measureBundleSize, measureStartupMs } from '../scripts/bundle-size.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const PATIENT = DEMO_RESOURCES.find((r) => r.resourceType === 'Patient')!;
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

interface Case {
  label: string;
  path: string;
  method?: string;
  body?: string;
}

export default async function rest(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rest-bench-'));
  const driver = openBetterSqlite3({ path: join(dir, 'bench.sqlite'), migrationsDir: MIGRATIONS_DIR });
  const app = createApp({
    store: createSqlResourceStore(driver),
    clock: () => new Date(),
    validate: validateResource,
    newId: createId,
    config: { maxBodyBytes: 2 * 1024 * 1024, softwareVersion: 'bench' },
  });
  // The anchor: one bare Hono route, no middleware, the same kind of body as a Patient read.
  const anchor = new Hono().get('/anchor', (c) => c.json(PATIENT));
  const server = serve({
    fetch: (request) => (request.url.endsWith('/anchor') ? anchor.fetch(request) : app.fetch(request)),
    port: 0,
    hostname: '127.0.0.1',
  });
  try {
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await runCases(origin, await seedPatient(origin));
  } finally {
    await new Promise((resolve) => server.close(resolve));
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
  printBundleSize();
}

async function seedPatient(origin: string): Promise<string> {
  const response = await fetch(`${origin}/fhir/Patient`, {
    method: 'POST',
    headers: FHIR_JSON,
    body: JSON.stringify({ ...PATIENT, id: undefined }),
  });
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as fhir4.Patient).id!;
}

async function runCases(origin: string, id: string): Promise<void> {
  const createBody = JSON.stringify({ ...PATIENT, id: undefined });
  const cases: Case[] = [
    { label: 'anchor: bare Hono GET, fixed JSON', path: '/anchor' },
    { label: 'read: GET /fhir/Patient/[id]', path: `/fhir/Patient/${id}` },
    { label: 'create: POST /fhir/Patient', path: '/fhir/Patient', method: 'POST', body: createBody },
  ];
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per case, 1 worker thread, loopback`);
  const results: [Case, Result][] = [];
  for (const c of cases) results.push([c, await load(origin, c)]);
  const anchorRps = results[0]![1].requests.average;
  for (const [c, r] of results) {
    const rps = r.requests.average;
    const failed = r.non2xx + r.errors + r.timeouts;
    console.log(
      `${c.label.padEnd(40)} ${rps.toFixed(0).padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
        `${(rps / anchorRps).toFixed(2)}× anchor${failed ? `  (${failed} failed responses!)` : ''}`,
    );
  }
}

function load(origin: string, c: Case): Promise<Result> {
  return autocannon({
    url: `${origin}${c.path}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    workers: 1,
    method: c.method ?? 'GET',
    headers: FHIR_JSON,
    ...(c.body ? { body: c.body } : {}),
  });
}

function printBundleSize(): void {
  const size = measureBundleSize('dist');
  console.log(`Worker bundle (wrangler deploy --dry-run): ${formatKiB(size.bytes)}, gzip ${formatKiB(size.gzipBytes)}`);
  console.log(`Worker startup (wrangler check startup, local CPU profile): ${measureStartupMs().toFixed(0)} ms`);
}
