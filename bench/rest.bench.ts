/**
 * `npm run bench -- rest`: requests per second of the real gateway (createApp over a SQLite
 * file store) beside an anchor, a bare Hono route answering a fixed JSON body, served by the
 * same @hono/node-server instance in the same run. Then the Worker bundle size (wrangler
 * deploy --dry-run) and its startup time (wrangler check startup). Load comes from autocannon
 * in a worker thread on loopback; each run lasts BENCH_SECONDS (default 5). Figures depend on the machine: compare the ratio, not the number.
 */
import { withBenchServer } from './bench-server.js';
import autocannon, { type Result } from 'autocannon';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';
import { formatKiB, measureBundleSize, measureStartupMs } from '../scripts/bundle-size.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const PATIENT = DEMO_RESOURCES.find((r) => r.resourceType === 'Patient')!;
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

interface Case {
  label: string;
  path: string;
  method?: string;
  body?: string;
}

export default async function rest(): Promise<void> {
  // The anchor answers the same kind of body as a Patient read.
  await withBenchServer({ anchorBody: PATIENT, maxBodyBytes: 2 * 1024 * 1024 }, async (origin) =>
    runCases(origin, await seedPatient(origin)),
  );
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
