/**
 * `npm run bench -- ingest`: records and resources per second of `POST /ingest/visits` (read,
 * map, validate against the profiles, look up the record hash, commit one transaction per record)
 * for a JSON array and a CSV journal of BENCH_INGEST_RECORDS synthetic records (default 10,000;
 * each the shared sample with a fresh record id and child IIN), on the real gateway app over a
 * SQLite file, in-process (`app.request`, no sockets). Anchor, in the same run on a fresh
 * database: a plain transaction POST (`POST /fhir`) of the same resources, the Bundles the mapping
 * produced, one per record. Peak RSS of this process is printed after the CSV run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMappingSources } from '../src/entry/mapping-files.js';
import { createGateway } from '../src/gateway/create-gateway.js';
import { guideConceptMaps } from '../src/mapping/dictionaries.js';
import { mapRecord, toTransaction } from '../src/mapping/engine.js';
import { getPath } from '../src/mapping/formats/local-format.js';
import { loadMappings } from '../src/mapping/load-mappings.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { syntheticVisits, type Visit } from '../test/fixtures/synthetic-visits.js';
import { peakRssMiB } from './child-load.js';

const RECORDS = Number(process.env.BENCH_INGEST_RECORDS ?? 10_000);
const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

function csvOf(visits: Visit[]): string {
  const format = JSON.parse(
    readFileSync(fileURLToPath(new URL('../mappings/visit.format.json', import.meta.url)), 'utf8'),
  ) as { csv: { columns: Record<string, string> } };
  const columns = Object.entries(format.csv.columns);
  const cell = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v));
  const lines = [
    columns.map(([c]) => c).join(';'),
    ...visits.map((v) => columns.map(([, f]) => cell(getPath(v, f))).join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

async function withGateway<T>(run: (app: Awaited<ReturnType<typeof createGateway>>['app']) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  const driver = openBetterSqlite3({ path: join(dir, 'db.sqlite'), migrationsDir: MIGRATIONS_DIR });
  try {
    const { app } = await createGateway(
      createSqlResourceStore(driver),
      { ...process.env, LOAD_DEMO_DATA: 'false', MAX_BODY_BYTES: String(512 * 1024 * 1024) },
      { mappingSources: readMappingSources() },
    );
    return await run(app);
  } finally {
    driver.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Wall-clock figures and the CPU of the whole process (main, writer and checkpointer threads) per resource. */
function print(label: string, records: number, resources: number, ms: number, cpu: NodeJS.CpuUsage): void {
  const s = ms / 1000;
  const cpuPerResource = (cpu.user + cpu.system) / resources;
  console.log(
    `${label.padEnd(44)} ${String(Math.round(records / s)).padStart(7)} records/s ${String(Math.round(resources / s)).padStart(8)} resources/s  ${String(Math.round(cpuPerResource)).padStart(6)} µs CPU/resource  (${records} records, ${resources} resources, ${s.toFixed(1)} s)`,
  );
}

export default async function ingest(): Promise<void> {
  const visits = syntheticVisits(RECORDS);
  const maps = guideConceptMaps();
  const { definition, format } = loadMappings(readMappingSources(), maps).mappings.get('visit')!;
  const bundles = await Promise.all(
    visits.map(async (v) =>
      toTransaction(await mapRecord(definition, format.read(v).record!, { conceptMaps: maps, source: 'mis' })),
    ),
  );
  const resources = bundles.reduce((n, b) => n + (b.entry?.length ?? 0), 0);

  for (const [label, body, type] of [
    ['POST /ingest/visits, JSON array', JSON.stringify(visits), 'application/json'],
    ['POST /ingest/visits, CSV journal (streamed)', csvOf(visits), 'text/csv'],
  ] as const) {
    await withGateway(async (app) => {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const response = await app.request('http://localhost/ingest/visits', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      const report = (await response.json()) as { summary: { created: number; rejected: number } };
      const ms = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      if (report.summary.rejected > 0) console.log(`  (${report.summary.rejected} rejected)`);
      // The CSV has no EPDS answers, so fewer resources: count what its Bundles would hold.
      print(label, report.summary.created, type === 'text/csv' ? resources - countEpds(visits) : resources, ms, cpu);
    });
    if (type === 'text/csv') console.log(`peak RSS of this process after the CSV run: ${peakRssMiB()} MiB`);
  }

  await withGateway(async (app) => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (const bundle of bundles) {
      const response = await app.request('http://localhost/fhir', {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json' },
        body: JSON.stringify(bundle),
      });
      if (response.status !== 200)
        throw new Error(`anchor transaction failed: ${response.status} ${await response.text()}`);
    }
    const ms = performance.now() - start;
    print('anchor: POST /fhir transaction, same resources', bundles.length, resources, ms, process.cpuUsage(cpuStart));
  });
}

/** EPDS response and total of the JSON records: the CSV journal carries no answers. */
function countEpds(visits: Visit[]): number {
  return visits.filter((v) => (v.epds as { otvety?: unknown } | null)?.otvety).length * 2;
}
