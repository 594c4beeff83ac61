/**
 * `npm run bench -- server`: the gateway as `npm start` runs it (the esbuild bundle of the Node
 * entry, its own process, SQLite file, writer thread and reader processes), measured by what it
 * spends rather than by requests per second: CPU time per request of the server process (all its
 * threads) and its reader processes, read from /proc around each load run, and the server's peak
 * RSS (VmHWM). The anchor is a bare Hono route on @hono/node-server in a process of its own,
 * measured the same way in the same run. Load comes from autocannon in a child process. CPU per
 * request is the figure to compare on a shared machine: requests per second swing with whatever
 * else runs on the cores, CPU time much less. The minimum of BENCH_ROUNDS rounds is printed.
 * Linux only (/proc); elsewhere the CPU and memory columns read 0.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFromChild } from './child-load.js';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const FHIR_JSON = { 'content-type': 'application/fhir+json' };
/** The adult demo Patient without its IIN (unique per Patient) and id: no plan reaction applies. */
const PATIENT = { ...DEMO_RESOURCES.find((r) => r.id === 'demo-mother')!, id: undefined, identifier: undefined };
/** Linux clock ticks per second (USER_HZ), as /proc/<pid>/stat counts CPU time. */
const TICK_US = 10_000;

interface Started {
  child: ChildProcess;
  origin: string;
}

export default async function server(): Promise<void> {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-node.mjs')], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'server-bench-'));
  const anchor = await start(
    process.execPath,
    [join(ROOT, 'bench', 'bare-hono-server.mjs'), JSON.stringify(PATIENT)],
    {},
  );
  // The flags of `npm start`, read from package.json so that the bench follows them.
  const startFlags = startCommandFlags();
  const gateway = await start(process.execPath, [...startFlags, join(ROOT, 'build', 'node', 'server.mjs')], {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: join(dir, 'bench.sqlite'),
  });
  try {
    console.log(`server quiet after start: ${await quiet(gateway.child.pid!)}`);
    const id = await createPatient(gateway.origin);
    const transaction = JSON.stringify({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: Array.from({ length: 100 }, () => ({ resource: PATIENT, request: { method: 'POST', url: 'Patient' } })),
    });
    console.log(`load: autocannon, 10 connections, ${SECONDS} s per round, ${ROUNDS} rounds, minimum CPU per resource`);
    console.log(
      `server start flags: ${startFlags.join(' ') || '(none)'}; idle server RSS ${rssMiB(gateway.child.pid!, 'VmRSS')} MiB`,
    );
    const cases = [
      { label: 'anchor: bare Hono GET, fixed JSON', target: anchor, path: '/anchor' },
      { label: 'read: GET /fhir/Patient/[id]', target: gateway, path: `/fhir/Patient/${id}` },
      { label: 'create: POST /fhir/Patient', target: gateway, path: '/fhir/Patient', body: JSON.stringify(PATIENT) },
      { label: 'transaction of 100 creates', target: gateway, path: '/fhir', body: transaction, perRequest: 100 },
    ];
    let anchorCpu = 0;
    for (const c of cases) {
      let best = { cpu: Infinity, rps: 0, failed: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const before = processTreeCpuUs(c.target.child.pid!);
        const result = await loadFromChild({
          url: c.target.origin + c.path,
          connections: 10,
          seconds: SECONDS,
          histogramOnly: true,
          method: c.body ? 'POST' : 'GET',
          headers: FHIR_JSON,
          ...(c.body ? { body: c.body } : {}),
        });
        const resources = result.total * (c.perRequest ?? 1);
        const cpu = (processTreeCpuUs(c.target.child.pid!) - before) / Math.max(1, resources);
        if (cpu < best.cpu) best = { cpu, rps: result.rps * (c.perRequest ?? 1), failed: result.failed };
      }
      if (c.target === anchor) anchorCpu = best.cpu;
      console.log(
        `${c.label.padEnd(36)} ${best.cpu.toFixed(0).padStart(6)} µs CPU per resource  ` +
          `${(best.cpu / anchorCpu).toFixed(1).padStart(5)}× the anchor's  (${best.rps.toFixed(0)} resources/s wall)` +
          (best.failed ? `  (${best.failed} failed responses!)` : ''),
      );
    }
    console.log(`peak RSS of the server process through the run: ${rssMiB(gateway.child.pid!, 'VmHWM')} MiB`);
  } finally {
    await stop(gateway.child);
    await stop(anchor.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Waits until the server spends under 5% of a core for a whole second (at most a minute). Work
 * the server still does after it printed its address would otherwise be charged to the first
 * case: on a loaded machine (load average ~20) the compiled server spent 1.6 s of CPU in the
 * 10 s after its "listening" line, then ~0.2 s per 10 s (decision 039).
 */
async function quiet(pid: number): Promise<string> {
  const started = Date.now();
  for (let second = 0; second < 60; second++) {
    const before = processTreeCpuUs(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (processTreeCpuUs(pid) - before < 50_000) return `after ${((Date.now() - started) / 1000).toFixed(0)} s`;
  }
  return 'not within 60 s (figures include start-up work)';
}

function startCommandFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  return (pkg.scripts.start ?? '').split(/\s+/).filter((part) => part.startsWith('--'));
}

async function start(command: string, args: string[], env: Record<string, string>): Promise<Started> {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on (http:\/\/[^/\s]+)/.exec(seen);
      if (!match) return;
      child.stdout!.off('data', onData);
      resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${seen}`)));
  });
  // Request log lines keep flowing; they are read and dropped so the pipe never fills.
  child.stdout!.on('data', () => undefined);
  return { child, origin };
}

async function createPatient(origin: string): Promise<string> {
  const response = await fetch(`${origin}/fhir/Patient`, {
    method: 'POST',
    headers: FHIR_JSON,
    body: JSON.stringify(PATIENT),
  });
  if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as fhir4.Patient).id!;
}

/** User + system CPU time of `pid` (every thread) and its child processes, in µs. */
function processTreeCpuUs(pid: number): number {
  let ticks = 0;
  for (const p of [pid, ...childrenOf(pid)]) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not Linux, or the process ended.
    }
  }
  return ticks * TICK_US;
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
