/**
 * `npm run bench -- write-cpu`: CPU time per read, create and transaction resource of the
 * gateway app itself, without a socket, on a SQLite file opened as the server opens it (writer
 * thread, WAL, NORMAL). A fixed number of requests per round (ten in flight, as the HTTP benches'
 * ten connections) is handed to `app.fetch`, and `process.cpuUsage()` (every thread of the
 * process: main, SQLite writer, checkpointer) is read around it; the minimum of the rounds is
 * printed. The anchor is a bare Hono route answering the same Patient as fixed JSON, measured the
 * same way in the same run. A fixed count rather than a fixed time keeps the figure steady on a
 * loaded machine, where the HTTP benches complete too few requests to mean much (decision 039).
 */
import { Hono } from 'hono';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IN_FLIGHT = 10;
const HEADERS = { 'content-type': 'application/fhir+json' };
/** The adult demo Patient without its IIN and id, as `npm run bench -- server` posts it. */
const PATIENT = { ...DEMO_RESOURCES.find((r) => r.id === 'demo-mother')!, id: undefined, identifier: undefined };

interface Case {
  label: string;
  requests: number;
  perRequest: number;
  send: () => Promise<Response>;
}

export default async function writeCpu(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'write-cpu-'));
  const driver = openBetterSqlite3({ path: join(dir, 'bench.sqlite'), migrationsDir: MIGRATIONS_DIR });
  try {
    const { app } = await createGateway(createSqlResourceStore(driver), { ...process.env, LOG_LEVEL: 'warn' });
    const anchor = new Hono().get('/anchor', (c) => c.json(PATIENT));
    const body = JSON.stringify(PATIENT);
    const created = await app.request('/fhir/Patient', { method: 'POST', headers: HEADERS, body });
    const id = ((await created.json()) as fhir4.Patient).id!;
    const transaction = JSON.stringify({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: Array.from({ length: 100 }, () => ({ resource: PATIENT, request: { method: 'POST', url: 'Patient' } })),
    });
    const post = (path: string, text: string) => () =>
      Promise.resolve(app.request(path, { method: 'POST', headers: HEADERS, body: text }));
    const cases: Case[] = [
      {
        label: 'anchor: bare Hono GET, fixed JSON',
        requests: 5000,
        perRequest: 1,
        send: async () => anchor.request('/anchor'),
      },
      {
        label: 'read: GET /fhir/Patient/[id]',
        requests: 5000,
        perRequest: 1,
        send: async () => app.request(`/fhir/Patient/${id}`),
      },
      { label: 'create: POST /fhir/Patient', requests: 1000, perRequest: 1, send: post('/fhir/Patient', body) },
      { label: 'transaction of 100 creates', requests: 30, perRequest: 100, send: post('/fhir', transaction) },
    ];
    console.log(
      `${ROUNDS} rounds, ${IN_FLIGHT} in flight, minimum CPU per resource; LOG_LEVEL=warn (the log is not measured)`,
    );
    let anchorUs = 0;
    // BENCH_ONLY=transaction measures the anchor and the cases whose label starts with that word.
    const only = process.env.BENCH_ONLY;
    for (const c of cases.filter((c, i) => i === 0 || !only || c.label.startsWith(only))) {
      await load(c); // warm-up: optimising compiles and caches
      let best = { all: Infinity, main: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const used = await load(c);
        if (used.all < best.all) best = used;
      }
      if (anchorUs === 0) anchorUs = best.all;
      console.log(
        `${c.label.padEnd(36)} ${best.all.toFixed(0).padStart(6)} µs CPU per resource  ` +
          `${(best.all / anchorUs).toFixed(1).padStart(5)}× the anchor's  (main thread ${best.main.toFixed(0)} µs)`,
      );
    }
  } finally {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends `c.requests` requests, `IN_FLIGHT` at a time; CPU µs per resource. Throws on a failed answer. */
async function load(c: Case): Promise<{ all: number; main: number }> {
  const before = process.cpuUsage();
  const mainBefore = mainThreadCpuUs();
  const threadsBefore = threadCpuUs();
  let next = 0;
  const worker = async () => {
    while (next < c.requests) {
      next += 1;
      const response = await c.send();
      if (!response.ok) throw new Error(`${c.label}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const used = process.cpuUsage(before);
  const resources = c.requests * c.perRequest;
  if (process.env.BENCH_THREADS) {
    const after = threadCpuUs();
    const byName = new Map<string, number>();
    for (const [tid, { name, us }] of after)
      byName.set(name, (byName.get(name) ?? 0) + (us - (threadsBefore.get(tid)?.us ?? 0)) / resources);
    console.log(
      `  ${c.label}: ${[...byName]
        .filter(([, us]) => us >= 1)
        .map(([n, us]) => `${n} ${us.toFixed(0)}`)
        .join(', ')}`,
    );
  }
  return { all: (used.user + used.system) / resources, main: (mainThreadCpuUs() - mainBefore) / resources };
}

/** CPU µs per thread of this process, with the thread's name (Linux /proc; empty elsewhere). */
function threadCpuUs(): Map<string, { name: string; us: number }> {
  const threads = new Map<string, { name: string; us: number }>();
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const name = `${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}:${tid === String(process.pid) ? 'main' : tid}`;
      threads.set(tid, { name, us: (Number(fields[11]) + Number(fields[12])) * 10_000 });
    }
  } catch {
    // Not Linux.
  }
  return threads;
}

/** CPU µs of the main thread alone (Linux /proc, 10 ms ticks; 0 elsewhere): the rest is the SQLite threads'. */
function mainThreadCpuUs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0;
  }
}
