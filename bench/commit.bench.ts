/**
 * `npm run bench -- commit`: the storage half of a create, without HTTP, validation or index
 * extraction. Concurrent `store.commit` of one-Patient units (group commit, as ten connections
 * hand them in) on SQLite files opened as the server opens them (WAL, NORMAL, the checkpointer
 * worker), each prefilled with the same number of Patients. Rows, alternated round by round so
 * that all see the same machine (decision 014):
 * - our write: version rows and search index rows, ids from `createId` (UUID v7);
 * - the same with random (v4) UUIDs, the ids we issued before: what time-ordered ids save;
 * - anchor: the version rows alone, no index rows: the floor that the index rows add to.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_RESOURCES } from '../src/demo/demo-resources.js';
import { createId } from '../src/fhir/ids.js';
import { extractIndexRows } from '../src/search/extract-index.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import type { ResourceStore, ResourceWrite } from '../src/storage/port.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));
const PATIENT = DEMO_RESOURCES.find((r) => r.resourceType === 'Patient')!;
const PREFILL = Number(process.env.BENCH_PREFILL ?? 20_000);
const CONCURRENCY = 10;
const UNITS_PER_ROUND = 500;
const ROUNDS = 6;

interface Variant {
  label: string;
  newId: () => string;
  indexed: boolean;
  store?: ResourceStore;
  close?: () => void;
  ms: number;
  units: number;
}

function patientWrite(variant: Variant): ResourceWrite {
  const id = variant.newId();
  const lastUpdated = new Date().toISOString();
  const resource = { ...PATIENT, id, meta: { versionId: '1', lastUpdated } } as fhir4.Resource;
  const write: ResourceWrite = {
    resourceType: 'Patient',
    id,
    versionId: '1',
    lastUpdated,
    method: 'POST',
    resource,
    expect: { kind: 'absent' },
  };
  if (variant.indexed) write.index = extractIndexRows(resource);
  return write;
}

/** Commits `count` one-write units from CONCURRENCY concurrent callers; returns the elapsed ms. */
async function commitUnits(variant: Variant, count: number): Promise<number> {
  const units = Array.from({ length: count }, () => ({ writes: [patientWrite(variant)] }));
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < units.length) await variant.store!.commit(units[next++]!);
    }),
  );
  return performance.now() - start;
}

export default async function commit(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-commit-bench-'));
  const variants: Variant[] = [
    { label: 'our write: version + index rows, UUID v7 ids', newId: () => createId(), indexed: true, ms: 0, units: 0 },
    { label: 'the same with random UUIDs', newId: () => crypto.randomUUID(), indexed: true, ms: 0, units: 0 },
    { label: 'anchor: version rows only, UUID v7 ids', newId: () => createId(), indexed: false, ms: 0, units: 0 },
  ];
  try {
    for (const [i, variant] of variants.entries()) {
      const driver = openBetterSqlite3({ path: join(dir, `${i}.sqlite`), migrationsDir: MIGRATIONS_DIR });
      variant.store = createSqlResourceStore(driver);
      variant.close = () => driver.close();
      for (let n = 0; n < PREFILL; n += 100) {
        await variant.store.commit({ writes: Array.from({ length: 100 }, () => patientWrite(variant)) });
      }
    }
    console.log(
      `${CONCURRENCY} concurrent committers, ${PREFILL} Patients prefilled, ${ROUNDS} alternated rounds of ${UNITS_PER_ROUND}`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      for (const variant of variants) {
        variant.ms += await commitUnits(variant, UNITS_PER_ROUND);
        variant.units += UNITS_PER_ROUND;
      }
    }
    const anchor = variants[2]!;
    for (const v of variants) {
      const perSecond = (v.units / v.ms) * 1000;
      const ratio = anchor.ms / anchor.units / (v.ms / v.units);
      console.log(
        `${v.label.padEnd(46)} ${perSecond.toFixed(0).padStart(6)} units/s  ${((v.ms / v.units) * 1000).toFixed(0).padStart(5)} µs/unit  ${ratio.toFixed(2)}× anchor`,
      );
    }
  } finally {
    for (const v of variants) v.close?.();
    rmSync(dir, { recursive: true, force: true });
  }
}
