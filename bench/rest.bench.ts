/**
 * `npm run bench -- rest`: requests per second of the real gateway (createGateway over a SQLite
 * file store, as `npm start` builds it) beside two anchors served by the same @hono/node-server
 * instance in the same run: a bare Hono route answering a fixed JSON body, and Medplum's
 * FhirRouter over its MemoryRepository. Then the Worker bundle size (wrangler deploy --dry-run)
 * and its startup time (wrangler check startup). Load comes from autocannon in a child process
 * on loopback; each run lasts BENCH_SECONDS (default 5). Figures depend on the machine: compare
 * the ratios, not the numbers.
 *
 * Memory: the gateway's cases run first and the peak RSS (VmHWM) of this process, which then
 * holds the server, the anchors' code and no load generator, is read before Medplum's cases
 * start filling its in-memory repository. The SQLite reader processes are reported beside it.
 */
import { withBenchServer } from './bench-server.js';
import { createMedplumHandler, isMedplumRequest } from './medplum-anchor.js';
import { childPids, loadFromChild, peakRssMiB, type LoadResult } from './child-load.js';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';
import { formatKiB, measureBundleSize, measureStartupMs } from '../scripts/bundle-size.js';
import { printAccessCost } from './access-cost.js';

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
  await printAccessCost();
  if (process.env.BENCH_REST_ACCESS_ONLY === '1') return;
  // The anchor answers the same kind of body as a Patient read.
  const medplum = { matches: isMedplumRequest, handle: createMedplumHandler() };
  const options = { anchorBody: PATIENT, maxBodyBytes: 8 * 1024 * 1024, anchors: [medplum] };
  await withBenchServer(options, async (origin) =>
    runCases(origin, await seedPatient(origin, '/fhir'), await seedPatient(origin, '/medplum/fhir')),
  );
  printBundleSize();
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
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per case, in a child process, loopback`);
  // Ours (and the bare Hono anchor) first, so that the peak RSS read after them holds no Medplum data.
  const results = new Map<Case, LoadResult>();
  for (const c of cases.filter((c) => !c.anchor)) results.set(c, await load(origin, c));
  const serverPeak = peakRssMiB();
  const readerPeaks = childPids().map((pid) => peakRssMiB(pid));
  for (const c of cases.filter((c) => c.anchor)) results.set(c, await load(origin, c));
  const anchorRps = results.get(cases[0]!)!.rps;
  cases.forEach((c, i) => {
    const r = results.get(c)!;
    const next = cases[i + 1];
    const vsMedplum = next?.anchor && !c.anchor ? `  ${(r.rps / results.get(next)!.rps).toFixed(2)}× Medplum` : '';
    const resources = c.perRequest ? `  = ${(r.rps * c.perRequest).toFixed(0)} resources/s` : '';
    console.log(
      `${c.label.padEnd(44)} ${r.rps.toFixed(0).padStart(7)} req/s${resources}  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  ` +
        `${(r.rps / anchorRps).toFixed(2)}× bare Hono${vsMedplum}${r.failed ? `  (${r.failed} failed responses!)` : ''}`,
    );
  });
  console.log(
    `peak RSS of the server process through the gateway's cases: ${serverPeak} MiB` +
      (readerPeaks.length ? `; SQLite reader processes: ${readerPeaks.map((p) => `${p} MiB`).join(', ')}` : ''),
  );
}

function load(origin: string, c: Case): Promise<LoadResult> {
  return loadFromChild({
    url: `${origin}${c.path}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
    histogramOnly: true,
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
