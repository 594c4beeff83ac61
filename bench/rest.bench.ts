/**
 * `npm run bench -- rest`: requests per second of the real gateway (createNodeGateway over a SQLite
 * file, as `npm start` builds it) beside two anchors served by the same HTTP server (npm start's)
 * in the same run: a bare Hono route answering a fixed JSON body, and Medplum's
 * FhirRouter over its MemoryRepository. Then the Worker bundle size (wrangler deploy --dry-run)
 * and its startup time (wrangler check startup). Load comes from autocannon in a child process
 * on loopback; each run lasts BENCH_SECONDS (default 5). Figures depend on the machine: compare
 * the ratios, not the numbers.
 *
 * Memory: the gateway's cases run first. The peak RSS (VmHWM) of this process is reset before
 * them and read after them, before Medplum's code is even loaded: it then holds the gateway, the
 * bare anchor and tsx's loader, and no load generator. The SQLite reader processes are reported
 * beside it. Run as `npm run bench` runs it, the process has `npm start`'s heap flags. The access
 * control costs (access-cost.ts, apps of their own in this process) are measured last.
 */
import { withBenchServer } from './bench-server.js';
import { childPids, loadFromChild, peakRssMiB, resetPeakRss, type LoadResult } from './child-load.js';
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
  if (process.env.BENCH_REST_ACCESS_ONLY === '1') return printAccessCost();
  // The anchor answers the same kind of body as a Patient read.
  const medplum = lazyMedplumAnchor();
  const options = { anchorBody: PATIENT, maxBodyBytes: 8 * 1024 * 1024, anchors: [medplum.anchor] };
  await withBenchServer(options, async (origin) =>
    runCases(origin, await seedPatient(origin, '/fhir'), async () => {
      await medplum.load();
      return seedPatient(origin, MEDPLUM_BASE);
    }),
  );
  printBundleSize();
  // After the gateway's cases: the apps it builds in this process are not in their memory figure.
  await printAccessCost();
}

const MEDPLUM_BASE = '/medplum/fhir';

/** Medplum's anchor, whose code is loaded only by `load()`: after the gateway's cases and their RSS. */
function lazyMedplumAnchor() {
  let handle: ((request: Request) => Promise<Response>) | undefined;
  return {
    anchor: {
      matches: (request: Request) => new URL(request.url).pathname.startsWith(MEDPLUM_BASE),
      handle: (request: Request) => handle!(request),
    },
    async load() {
      handle ??= (await import('./medplum-anchor.js')).createMedplumHandler();
    },
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

async function runCases(origin: string, id: string, seedMedplum: () => Promise<string>): Promise<void> {
  // No IIN: the same body is sent thousands of times and an IIN is unique per Patient. The
  // reference to the demo polyclinic is kept, so every create pays the referential-integrity check.
  const createBody = JSON.stringify({ ...PATIENT, id: undefined, identifier: undefined });
  const transaction = transactionBody(TRANSACTION_SIZE);
  // Its path names the Patient seeded once Medplum's code is loaded.
  const medplumRead: Case = { label: 'Medplum FhirRouter+MemoryRepository read', path: '', anchor: true };
  const cases: Case[] = [
    { label: 'anchor: bare Hono GET, fixed JSON', path: '/anchor' },
    { label: 'read: GET /fhir/Patient/[id]', path: `/fhir/Patient/${id}` },
    medplumRead,
    { label: 'create: POST /fhir/Patient', path: '/fhir/Patient', method: 'POST', body: createBody },
    { label: 'Medplum create', path: `${MEDPLUM_BASE}/Patient`, method: 'POST', body: createBody, anchor: true },
    {
      label: `transaction of ${TRANSACTION_SIZE} creates`,
      path: '/fhir',
      method: 'POST',
      body: transaction,
      perRequest: TRANSACTION_SIZE,
    },
    {
      label: `Medplum transaction of ${TRANSACTION_SIZE}`,
      path: MEDPLUM_BASE,
      method: 'POST',
      body: transaction,
      perRequest: TRANSACTION_SIZE,
      anchor: true,
    },
  ];
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per case, in a child process, loopback`);
  // Ours (and the bare Hono anchor) first, so that the peak RSS read after them holds nothing of Medplum.
  const results = new Map<Case, LoadResult>();
  const serverAtStart = resetPeakRss();
  for (const c of cases.filter((c) => !c.anchor)) results.set(c, await load(origin, c));
  const serverPeak = peakRssMiB();
  const readerPeaks = childPids().map((pid) => peakRssMiB(pid));
  medplumRead.path = `${MEDPLUM_BASE}/Patient/${await seedMedplum()}`;
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
    `RSS of the server process (tsx, the gateway, the bare anchor; Medplum not loaded yet): ${serverAtStart} MiB ` +
      `before the gateway's cases, peak ${serverPeak} MiB through them` +
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
