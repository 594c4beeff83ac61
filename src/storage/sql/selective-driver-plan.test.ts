// Structure, not time (decision 045). A search for several identifiers must look each value up in
// the value index whatever the planner statistics say: without any (a new database) or with the
// ones a sampled ANALYZE reads from the index's first resource types, SQLite walked every
// identifier row of the type in id order instead (20–30 ms for four IINs at 100,000 Patients). And
// behind such a driver, or a reference to an id, the other parameters are probed per row, never
// listed whole (every body height on the server, to keep one child's).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSearch } from '../../search/parse-search.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { countStatement, pageStatement } from './search-query.js';
import type { SqlStatement } from './sql-driver.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const IIN = 'https://fhir.patronage.kz/sid/iin';
const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS_DIR });
afterAll(() => driver.close());

/**
 * What a sampled ANALYZE wrote for search_token during the ingest benchmark (1,000 records): its
 * first 1,000 index entries were the guide's definitions, so one value seemed to hold 167 rows.
 */
const SAMPLED_STATISTICS = [
  ['search_token', 'search_token_value', '29767 501 334 167 167 1'],
  ['search_token', 'search_token_resource', '29767 501 13 3 1'],
  ['resource_current', 'sqlite_autoindex_resource_current_1', '771 37 1'],
];

function statements(query: string, resourceType = 'Patient'): SqlStatement[] {
  const parsed = parseSearch(resourceType, new URLSearchParams(query), { strict: true, now: Date.now() });
  const search = { resourceType, conditions: parsed.conditions, sort: parsed.sort, count: 20, total: true };
  return [pageStatement(search), countStatement(search)];
}

async function plansOf(query: string, resourceType = 'Patient'): Promise<string[]> {
  const plans: string[] = [];
  for (const statement of statements(query, resourceType)) {
    const rows = await driver.all<{ detail: string }>({ ...statement, sql: `EXPLAIN QUERY PLAN ${statement.sql}` });
    plans.push(rows.map((r) => r.detail).join('\n'));
  }
  return plans;
}

async function useStatistics(rows: readonly string[][]): Promise<void> {
  await driver.batch([
    { sql: 'ANALYZE', params: [] }, // creates sqlite_stat1 (empty tables get no rows)
    { sql: 'DELETE FROM sqlite_stat1', params: [] },
    ...rows.map((row) => ({ sql: 'INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)', params: row })),
    { sql: 'ANALYZE sqlite_schema', params: [] }, // the connection reloads them
  ]);
}

const LISTS = [
  `identifier=${IIN}|010207694331,${IIN}|010604619560,${IIN}|020120681498,${IIN}|020701632874`,
  `identifier=${IIN}|010207694331,010604619560`,
  `identifier=${IIN}|010207694331,${IIN}|010604619560&_sort=-birthdate`,
  `identifier=${IIN}|010207694331,${IIN}|010604619560&gender=female`,
];

describe('a list of identifiers', () => {
  for (const [label, statistics] of [
    ['no statistics', []],
    ['sampled statistics', SAMPLED_STATISTICS],
  ] as const) {
    it.each(LISTS)(`looks each value up in the value index (${label}): %s`, async (query) => {
      await useStatistics(statistics);
      for (const plan of await plansOf(query)) {
        expect(plan).toMatch(
          /SEARCH i USING COVERING INDEX search_token_value \(resource_type=\? AND code=\? AND value=\?/,
        );
        expect(plan).not.toMatch(
          /search_token_resource \(resource_type=\?\)\n|search_token_resource \(resource_type=\?\)$/,
        );
        expect(plan).not.toMatch(/SCAN r0|CORRELATED/);
      }
    });
  }

  it('leaves a list with a value that names a system only to the planner (it matches many)', () => {
    const [page] = statements(`identifier=${IIN}|010207694331,${IIN}|`);
    expect(page!.sql).not.toMatch(/value IN/);
  });
});

const PROBED = [
  'subject=Patient/p1&code=http://loinc.org|8302-2',
  'code=http://loinc.org|8302-2&subject=Patient/p1',
  'subject=Patient/p1&code:not=http://loinc.org|8302-2&status=final,amended&_sort=-date',
  'subject=Patient/p1&encounter=Encounter/e1&code:text=height',
];

describe('behind a reference to an id', () => {
  for (const [label, statistics] of [
    ['no statistics', []],
    ['sampled statistics', SAMPLED_STATISTICS],
  ] as const) {
    it.each(PROBED)(`probes the other parameters per row (${label}): Observation?%s`, async (query) => {
      await useStatistics(statistics);
      for (const plan of await plansOf(query, 'Observation')) {
        expect(plan).toMatch(
          /SEARCH r0 USING COVERING INDEX search_reference_target \(resource_type=\? AND code=\? AND target_id=\?/,
        );
        const probes = plan.split('\n').filter((line) => /^SEARCH i /.test(line));
        expect(probes.length).toBeGreaterThan(0);
        for (const probe of probes) expect(probe).toMatch(/\bid=\?/);
        expect(plan).not.toMatch(/LIST SUBQUERY|SCAN r0|SCAN i/);
      }
    });
  }
});
