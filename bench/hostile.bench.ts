/**
 * `npm run bench -- hostile`: with 50,000 Patients stored (seeded through the write path's
 * buildWrite and `store.commit`), the time of `_sort` on every sortable Patient parameter,
 * ascending and descending (target: under 1 s each), beside a plain read by id (the anchor) in
 * the same run. Then, while a deliberately expensive request runs (the slowest sort, a 1 MB
 * `_search` form, the slowest search found within the limits), how long a concurrent read by id
 * takes (target: under 100 ms), read from a child process so the server's event loop cannot
 * hold back the client's clock. Single requests, not load: figures are milliseconds per request.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { searchParametersOf } from '../src/search/search-parameter-registry.js';
import type { ResourceStore } from '../src/storage/port.js';
import { withBenchServer } from './bench-server.js';
import { PATIENT_COUNT, seedPatients } from './hostile-data.js';

const READ_PATH = '/fhir/Patient/p-12345';

/** Searches that stay within the limits of docs/limits.md and still make the store work hard. */
const EXPENSIVE_SEARCHES = [
  '/fhir/Patient?_sort=phonetic,-telecom,address,-given,name',
  '/fhir/Patient?name:contains=a&_total=accurate&_sort=-address',
  '/fhir/Patient?gender:not=other&_total=accurate&_sort=-telecom&_count=1000',
  '/fhir/Patient?birthdate=ne2020-01-01&_total=accurate&_sort=address,-phonetic',
  '/fhir/Patient?_include=Patient:organization&_include=Patient:general-practitioner&_revinclude=Patient:link&_count=1000&_sort=-name',
];

export default async function hostile(): Promise<void> {
  const prepare = async (store: ResourceStore) => {
    const started = performance.now();
    await seedPatients(store);
    console.log(`seeded ${PATIENT_COUNT} Patients via buildWrite + store.commit in ${seconds(started)} s`);
  };
  await withBenchServer({ anchorBody: {}, maxBodyBytes: 2 * 1024 * 1024, prepare }, run);
}

async function run(origin: string): Promise<void> {
  const anchor = median(await repeat(21, () => timed(origin, READ_PATH)));
  console.log(`anchor: GET ${READ_PATH} (read by id), median of 21: ${anchor.toFixed(1)} ms`);
  const sorts: { path: string; ms: number }[] = [];
  for (const code of searchParametersOf('Patient').keys()) {
    const row: string[] = [];
    for (const key of [code, `-${code}`]) {
      const path = `/fhir/Patient?_sort=${encodeURIComponent(key)}`;
      const ms = await timed(origin, path);
      sorts.push({ path, ms });
      row.push(`${key.padStart(21)} ${ms.toFixed(0).padStart(5)} ms`);
    }
    console.log(`_sort ${row.join('   ')}`);
  }
  const worst = sorts.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log(
    `slowest sort: ${worst.path} ${worst.ms.toFixed(0)} ms (target < 1000 ms; anchor ${anchor.toFixed(1)} ms)`,
  );
  const searches = [];
  for (const path of EXPENSIVE_SEARCHES) searches.push({ path, ms: await timed(origin, path) });
  for (const s of searches) console.log(`expensive search ${s.ms.toFixed(0).padStart(5)} ms  ${s.path}`);
  const slowest = searches.reduce((a, b) => (b.ms > a.ms ? b : a));
  console.log('concurrent read by id while an expensive request runs (target max < 100 ms):');
  await concurrentRead(origin, `slowest sort ${worst.path}`, () => timed(origin, worst.path));
  await concurrentRead(origin, '1 MB form POSTed to _search', () => postForm(origin));
  await concurrentRead(origin, `slowest search ${slowest.path}`, () => timed(origin, slowest.path));
}

/** Runs `expensive` while a child process reads by id, and prints what those reads took. */
async function concurrentRead(origin: string, label: string, expensive: () => Promise<number>): Promise<void> {
  const script = fileURLToPath(new URL('./probe-worker.mjs', import.meta.url));
  const options = JSON.stringify({ url: `${origin}${READ_PATH}`, durationMs: 3000, pauseMs: 5 });
  const child = spawn(process.execPath, [script, options], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const done = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`probe exited with ${code}`))));
  });
  await new Promise<void>((resolve) => {
    const check = () => (output.includes('ready') ? resolve() : setTimeout(check, 5));
    check();
  });
  const ms = await expensive();
  const probe = JSON.parse((await done).trim().split('\n').pop() ?? '{}') as {
    count: number;
    p50: number;
    max: number;
  };
  console.log(
    `  during ${label} (${ms.toFixed(0)} ms): ${probe.count} reads, p50 ${probe.p50} ms, max ${probe.max} ms`,
  );
}

async function postForm(origin: string): Promise<number> {
  const form = Array.from({ length: 90_000 }, (_, i) => `given=${i}`)
    .join('&')
    .slice(0, 1024 * 1024);
  const started = performance.now();
  const response = await fetch(`${origin}/fhir/Patient/_search`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  console.log(`  1 MB form answered ${response.status} in ${ms.toFixed(0)} ms`);
  return ms;
}

/** Milliseconds of one GET, failing loudly on anything but 200. */
async function timed(origin: string, path: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${origin}${path}`);
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return ms;
}

async function repeat<T>(times: number, body: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < times; i++) out.push(await body());
  return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (started: number) => ((performance.now() - started) / 1000).toFixed(1);
