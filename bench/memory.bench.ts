/**
 * `npm run bench -- memory`: peak resident memory of the real Node server (the entry, as a
 * child process) through a run of hostile 1–2 MB requests sent two at a time, beside the anchor:
 * the same server's resident memory when idle, after start-up and one plain create. RSS is read
 * from /proc/<pid>/status (Linux): VmRSS sampled every 20 ms, and VmHWM, the kernel's own peak.
 * Issue 17 asks for a peak under 512 MB. BENCH_MEMORY_ROUNDS (default 5) sets how many times the
 * whole set of hostile requests is sent; BENCH_MEMORY_SKIP (comma-separated parts of labels)
 * leaves kinds out, to see what one kind costs.
 */
import { readFileSync } from 'node:fs';
import { startNodeServer, type RunningServer } from '../test/runtime/node-server.js';
import { hostileRequests, type HostileRequest } from './hostile-bodies.js';

const ROUNDS = Number(process.env.BENCH_MEMORY_ROUNDS ?? 5);
const SKIP = (process.env.BENCH_MEMORY_SKIP ?? '').split(',').filter(Boolean);
const SAMPLE_MS = 20;
const LIMIT_MB = 512;

export default async function memory(): Promise<void> {
  const server = await startNodeServer({ LOAD_DEMO_DATA: 'false' });
  try {
    await post(server, { label: 'warm-up', path: '/Patient', body: '{"resourceType":"Patient","gender":"female"}' });
    const idle = readStatusKiB(server.pid, 'VmRSS');
    const requests = hostileRequests().filter((r) => !SKIP.some((part) => r.label.includes(part)));
    const sizes = requests.map((r) => `${r.label} ${(r.body.length / 1024 / 1024).toFixed(1)} MB`);
    console.log(`hostile requests (${ROUNDS} rounds, two at a time): ${sizes.join('; ')}`);
    const { peak, statuses, byPair } = await runHostile(server, requests);
    const hwm = readStatusKiB(server.pid, 'VmHWM');
    const after = readStatusKiB(server.pid, 'VmRSS');
    console.log(`anchor: idle server RSS            ${mb(idle)}`);
    console.log(`hostile run: peak RSS (sampled)    ${mb(peak)}  (${(peak / idle).toFixed(2)}× idle)`);
    console.log(`hostile run: peak RSS (VmHWM)      ${mb(hwm)}  (${(hwm / idle).toFixed(2)}× idle)`);
    console.log(`after the run: RSS                 ${mb(after)}`);
    for (const [pair, kib] of byPair) console.log(`  peak sampled during ${pair}: ${mb(kib)}`);
    console.log(
      `statuses: ${JSON.stringify(statuses)}; limit ${LIMIT_MB} MB: ${hwm / 1024 < LIMIT_MB ? 'met' : 'EXCEEDED'}`,
    );
  } finally {
    await server.stop();
  }
}

async function runHostile(
  server: RunningServer,
  requests: HostileRequest[],
): Promise<{ peak: number; statuses: Record<string, number>; byPair: Map<string, number> }> {
  let peak = 0;
  let pairPeak = 0;
  const timer = setInterval(() => {
    const rss = readStatusKiB(server.pid, 'VmRSS');
    peak = Math.max(peak, rss);
    pairPeak = Math.max(pairPeak, rss);
  }, SAMPLE_MS);
  const statuses: Record<string, number> = {};
  const byPair = new Map<string, number>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < requests.length; i += 2) {
        pairPeak = 0;
        const pair = requests.slice(i, i + 2);
        for (const [label, status] of await Promise.all(pair.map((r) => post(server, r)))) {
          const key = `${status} ${label}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
        const name = pair.map((r) => r.label).join(' + ');
        byPair.set(name, Math.max(byPair.get(name) ?? 0, pairPeak));
      }
    }
  } finally {
    clearInterval(timer);
  }
  return { peak, statuses, byPair };
}

async function post(server: RunningServer, request: HostileRequest): Promise<[string, number]> {
  const response = await fetch(`${server.baseUrl}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: request.body,
  });
  await response.arrayBuffer();
  return [request.label, response.status];
}

function readStatusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

const mb = (kib: number) => `${(kib / 1024).toFixed(0).padStart(5)} MB`;
