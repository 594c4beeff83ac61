import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWrite } from '../test/conformance/search-seed.js';
import { openBetterSqlite3 } from '../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../src/storage/sql/sql-resource-store.js';
import { searchType } from '../src/rest/search.js';
const dir = mkdtempSync(join(tmpdir(), 'measure-'));
const driver = openBetterSqlite3({ path: join(dir, 'm.sqlite'), migrationsDir: 'migrations', readWorkers: 0 });
const store = createSqlResourceStore(driver);
const L = Number(process.argv[2]); const P = Number(process.argv[3]);
await store.commit({ writes: [createWrite({ resourceType: 'Patient', id: 'long', name: [{ family: 'a'.repeat(L) }] } as fhir4.Patient, 0)] });
const ctx = { store, clock: () => new Date(), validate: () => [], newId: () => crypto.randomUUID() } as never;
const q = `family:contains=${'a'.repeat(P)}b`;
for (let k = 0; k < 2; k++) {
  const t = performance.now();
  const b = await searchType(ctx, { resourceType: 'Patient', params: new URLSearchParams(q), baseUrl: 'http://x/fhir', strict: false }).catch(e => e);
  console.log((performance.now() - t).toFixed(0).padStart(6), 'ms', b.entry?.length ?? b.message);
}
driver.close();
