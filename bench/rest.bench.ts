/**
 * `npm run bench -- rest`: requests per second of the real gateway (createApp over a SQLite
 * file store) beside an anchor, a bare Hono route answering a fixed JSON body, served by the
 * same @hono/node-server instance in the same run. Then the Worker bundle size (wrangler
 * deploy --dry-run) and its startup time (wrangler check startup). Load comes from autocannon
 * in a worker thread on loopback; each run lasts BENCH_SECONDS (default 5). Figures depend on the machine: compare the ratio, not the number.
 */
import { withBenchServer } from './bench-server.js';
import { createMedplumHandler, isMedplumRequest } from './medplum-anchor.js';
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
  /** Resources written per request (transactions), to print resources per second. */
  perRequest?: number;
  /** A Medplum anchor row: the row above it is ours, and its ratio to this one is printed there. */
  anchor?: boolean;
}

const TRANSACTION_SIZE = 100;

export default async function rest(): Promise<void> {
  // The anchor answers the same kind of body as a Patient read.
  const medplum = { matches: isMedplumRequest, handle: createMedplumHandler() };
  const options = { anchorBody: PATIENT, maxBodyBytes: 8 * 1024 * 1024, anchors: [medplum] };
  const stopSampling = sampleRss();
  await withBenchServer(options, async (origin) =>
    runCases(origin, await seedPatient(origin, '/fhir'), await seedPatient(origin, '/medplum/fhir')),
  );
  console.log(`peak RSS of the bench process (server and load generator): ${stopSampling()} MiB`);
  printBundleSize();
}

/** Samples this process's RSS every 100 ms; the returned function stops and gives the peak in MiB. */
function sampleRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage.rss()) / 2 ** 20);
  };
}

/** A transaction Bundle of `size` Patient creates. */
function transactionBody(size: number): string {
  const entry = Array.from({ length: size }, () => ({
    resource: { ...PATIENT, id: undefined, identifier: undefined },
    request: { method: 'POST', url: 'Patient' },
  }));
  return JSON.stringify({ resourceType: 'Bundle', type: 'transaction', entry });
}

async function seedPatient(origin: string, base: string): Promise<string> {
  const response = await fetch(`${origin}${base}/Patient`, {
    method: 'POST',
    headers: FHIR_JSON,
    body: JSON.stringify({ ...PATIENT, id: undefined, identifier: undefined }),
  });
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as fhir4.Patient).id!;
}

async function runCases(origin: string, id: string, medplumId: string): Promise<void> {
  // No IIN: the same body is sent thousands of times and an IIN is unique per Patient. The
  // reference to the demo polyclinic is kept, so every create pays the referential-integrity check.
  const createBody = JSON.stringify({ ...PATIENT, id: undefined, identifier: undefined });
  const transaction = transactionBody(TRANSACTION_SIZE);
  const cases: Case[] = [
    { label: 'anchor: bare Hono GET, fixed JSON', path: '/anchor' },
    { label: 'read: GET /fhir/Patient/[id]', path: `/fhir/Patient/${id}` },
    { label: 'Medplum FhirRouter+MemoryRepository read', path: `/medplum/fhir/Patient/${medplumId}`, anchor: true },
    { label: 'create: POST /fhir/Patient', path: '/fhir/Patient', method: 'POST', body: createBody },
    { label: 'Medplum create', path: '/medplum/fhir/Patient', method: 'POST', body: createBody, anchor: true },
    {
      label: `transaction of ${TRANSACTION_SIZE} creates`,
      path: '/fhir',
      method: 'POST',
      body: transaction,
      perRequest: TRANSACTION_SIZE,
    },
    {
      label: `Medplum transaction of ${TRANSACTION_SIZE}`,
      path: '/medplum/fhir',
      method: 'POST',
      body: transaction,
      perRequest: TRANSACTION_SIZE,
      anchor: true,
    },
  ];
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per case, 1 worker thread, loopback`);
  const results: [Case, Result][] = [];
  for (const c of cases) results.push([c, await load(origin, c)]);
  const anchorRps = results[0]![1].requests.average;
  results.forEach(([c, r], i) => {
    const rps = r.requests.average;
    const failed = r.non2xx + r.errors + r.timeouts;
    const next = results[i + 1];
    const vsMedplum = next?.[0].anchor && !c.anchor ? `  ${(rps / next[1].requests.average).toFixed(2)}× Medplum` : '';
    const resources = c.perRequest ? `  = ${(rps * c.perRequest).toFixed(0)} resources/s` : '';
    console.log(
      `${c.label.padEnd(44)} ${rps.toFixed(0).padStart(7)} req/s${resources}  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  ` +
        `${(rps / anchorRps).toFixed(2)}× bare Hono${vsMedplum}${failed ? `  (${failed} failed responses!)` : ''}`,
    );
  });
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
