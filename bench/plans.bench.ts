/**
 * `npm run bench -- plans`: visit plans on SQLite, in process (`app.request`, no network).
 * - Registering a child attached to a polyclinic (create + the automatic `$apply` reaction) per
 *   second, beside the anchor: creating the same child not attached (no plan) in the same run.
 * - `$apply` per second (re-applying a stored plan: the read, compute and compare path).
 * - `$worklist` of the polyclinic (answered from the open-visit index), p50/p95/min of the wall
 *   clock and p50 of process CPU time over repeated calls, beside the anchor: one page of a plain
 *   `CarePlan?performer=` search in the same run. The machine is shared: compare CPU and minimums.
 * BENCH_PLANS_CHILDREN children (default 5,000; every fifth with its newborn visit recorded);
 * BENCH_PLANS_ROUNDS worklist calls (default 50). Children are registered through transactions of
 * 100 (the write path with its reactions), so the anchor for registering is the same transactions
 * of children not attached to a polyclinic. Compare ratios to the anchors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGateway } from '../src/gateway/create-gateway.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';

const CHILDREN = Number(process.env.BENCH_PLANS_CHILDREN ?? 5000);
const ROUNDS = Number(process.env.BENCH_PLANS_ROUNDS ?? 50);
const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const JSON_TYPE = { 'content-type': 'application/fhir+json' };

type App = Awaited<ReturnType<typeof createGateway>>['app'];

async function call(
  app: App,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ ms: number; json: Record<string, unknown> }> {
  const started = performance.now();
  const response = await app.request(path, {
    method,
    headers: JSON_TYPE,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json()) as Record<string, unknown>;
  const ms = performance.now() - started;
  if (response.status >= 400)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json).slice(0, 300)}`);
  return { ms, json };
}

function birthDate(i: number): string {
  return new Date(Date.now() - (i % 1800) * 86_400_000).toISOString().slice(0, 10);
}

function child(i: number, organization?: string): Record<string, unknown> {
  return {
    resourceType: 'Patient',
    name: [{ family: `Child${i}` }],
    gender: i % 2 ? 'male' : 'female',
    birthDate: birthDate(i),
    ...(organization ? { managingOrganization: { reference: organization } } : {}),
    address: [
      {
        text: `Street ${i}`,
        extension: [
          {
            url: 'https://fhir.patronage.kz/StructureDefinition/kato',
            valueCoding: { system: 'https://fhir.patronage.kz/sid/kato', code: '473630000' },
          },
        ],
      },
    ],
  };
}

function newbornVisit(patientId: string, date: string): Record<string, unknown> {
  return {
    resourceType: 'Encounter',
    status: 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
    type: [{ coding: [{ system: 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type', code: 'NB-3D' }] }],
    subject: { reference: `Patient/${patientId}` },
    period: { start: date },
  };
}

/** Wall-clock and process CPU milliseconds of one call (the gateway runs in this process). */
async function timed(into: { wall: number[]; cpu: number[] }, run: () => Promise<unknown>): Promise<void> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  into.wall.push(performance.now() - started);
  const used = process.cpuUsage(cpu);
  into.cpu.push((used.user + used.system) / 1000);
}

/** p50/p95 and the minimum of the wall clock (noisy on a shared machine), and the p50 of CPU time. */
function fmt({ wall, cpu }: { wall: number[]; cpu: number[] }): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return `wall p50 ${ms(percentile(wall, 0.5))}, p95 ${ms(percentile(wall, 0.95))}, min ${ms(Math.min(...wall))}; CPU p50 ${ms(percentile(cpu, 0.5))}`;
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const perSecond = (count: number, ms: number) => ((count * 1000) / ms).toFixed(0);

const BATCH = 100;

/** POSTs `resources` as one transaction Bundle; returns the new ids in entry order. */
async function postTransaction(app: App, resources: Record<string, unknown>[]): Promise<{ ms: number; ids: string[] }> {
  const bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: resources.map((resource) => ({
      resource,
      request: { method: 'POST', url: resource.resourceType as string },
    })),
  };
  const { ms, json } = await call(app, 'POST', '/fhir', bundle);
  const entries = (json.entry ?? []) as { response?: { location?: string } }[];
  const ids = entries.map((entry) => entry.response?.location?.split('/')[1] ?? '');
  return { ms, ids };
}

/**
 * Registers CHILDREN children attached to `organization` through the write path, BATCH to a
 * transaction (each gets its plan from the reaction), then records the newborn visit of every
 * fifth child in transactions of visits. The anchor creates unattached children the same way.
 */
async function seed(
  app: App,
  organization: string,
): Promise<{ ids: string[]; registerMs: number; anchorMs: number; anchorCount: number }> {
  const ids: string[] = [];
  let registerMs = 0;
  for (let start = 0; start < CHILDREN; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, CHILDREN - start) }, (_, k) => child(start + k, organization));
    const { ms, ids: created } = await postTransaction(app, batch);
    registerMs += ms;
    ids.push(...created);
    const visits = created.flatMap((id, k) => ((start + k) % 5 === 0 ? [newbornVisit(id, birthDate(start + k))] : []));
    if (visits.length > 0) await postTransaction(app, visits);
  }
  const anchorCount = Math.min(CHILDREN, 500);
  let anchorMs = 0;
  for (let start = 0; start < anchorCount; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, anchorCount - start) }, (_, k) => child(start + k));
    anchorMs += (await postTransaction(app, batch)).ms;
  }
  return { ids, registerMs, anchorMs, anchorCount };
}

export default async function plans(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'plans-bench-'));
  const driver = openBetterSqlite3({ path: join(dir, 'plans.sqlite'), migrationsDir: MIGRATIONS_DIR, readWorkers: 0 });
  try {
    const { app } = await createGateway(createSqlResourceStore(driver), {
      ...process.env,
      LOAD_DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
    });
    const org = `Organization/${(await call(app, 'POST', '/fhir/Organization', { resourceType: 'Organization', name: 'Polyclinic' })).json.id as string}`;
    const { ids, registerMs, anchorMs, anchorCount } = await seed(app, org);
    console.log(
      `${CHILDREN} children attached to one polyclinic, every fifth with its newborn visit (SQLite, in process)`,
    );
    console.log(
      `register child + automatic plan: ${perSecond(CHILDREN, registerMs)}/s   anchor, create unattached child: ${perSecond(anchorCount, anchorMs)}/s`,
    );
    const applyCount = Math.min(ids.length, 500);
    let applyMs = 0;
    for (const id of ids.slice(0, applyCount))
      applyMs += (
        await call(app, 'POST', `/fhir/PlanDefinition/patronage-child-universal/$apply?subject=Patient/${id}`)
      ).ms;
    console.log(`$apply (re-apply, unchanged): ${perSecond(applyCount, applyMs)}/s`);
    const worklist = { wall: [] as number[], cpu: [] as number[] };
    const search = { wall: [] as number[], cpu: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      await timed(worklist, () => call(app, 'GET', `/fhir/CarePlan/$worklist?organization=${org}&_count=50`));
      await timed(search, () => call(app, 'GET', `/fhir/CarePlan?performer=${org}&_count=50`));
    }
    const list = (await call(app, 'GET', `/fhir/CarePlan/$worklist?organization=${org}&summary=true`)).json;
    const total = (list.parameter as fhir4.ParametersParameter[]).find((p) => p.name === 'total')?.valueInteger;
    console.log(`$worklist of the polyclinic: ${total} lines (overdue and due visits), pages of 50`);
    console.log(`$worklist: ${fmt(worklist)}   target p95 < 50 ms`);
    console.log(`anchor, CarePlan?performer= page of 50: ${fmt(search)}`);
    console.log(
      `load average while measuring: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} (${cpus().length} cores)`,
    );
  } finally {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
