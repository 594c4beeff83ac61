// Structure, not time: the SQL of a sorted search must reach each match's sort value through an
// index probe on (resource_type, id, code), never through a subquery run per row or a scan of
// the parameter's rows per match (issue 17, finding 6: minutes for a sort over 34,000 Patients).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSearch } from '../../search/parse-search.js';
import { searchParametersOf } from '../../search/search-parameter-registry.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { pageStatement } from './search-query.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS_DIR });
afterAll(() => driver.close());

async function planOf(query: string): Promise<string[]> {
  const parsed = parseSearch('Patient', new URLSearchParams(query), { strict: true, now: Date.now() });
  const statement = pageStatement({
    resourceType: 'Patient',
    conditions: parsed.conditions,
    sort: parsed.sort,
    count: 20,
    total: false,
    ...(parsed.cursor ? { cursor: parsed.cursor } : {}),
  });
  expect(statement.sql).not.toMatch(/\(SELECT (MIN|MAX)\(/);
  const rows = await driver.all<{ detail: string }>({
    sql: `EXPLAIN QUERY PLAN ${statement.sql}`,
    params: statement.params,
  });
  return rows.map((r) => r.detail);
}

/**
 * A sort join reads its table under the alias `k`, or, for a parameter whose rows are derived
 * (derived-index.ts: `_lastUpdated`, `phonetic`), the flattened source table: either way through
 * the per-resource key, never a scan.
 */
function expectIndexedSortJoins(plan: string[], joins: number): void {
  expect(plan.join('\n')).not.toMatch(/CORRELATED/);
  const sortReads = plan.filter((line) => /^(SEARCH|SCAN) k\b/.test(line) || / LEFT-JOIN$/.test(line));
  expect(sortReads).toHaveLength(joins);
  for (const line of sortReads) {
    expect(line).toMatch(
      /^SEARCH \w+ USING (COVERING INDEX search_\w+_resource \(resource_type=\? AND id=\? AND code=\?\)|INDEX sqlite_autoindex_resource_current_1 \(resource_type=\? AND id=\?\))/,
    );
  }
}

describe('SQL sort plans', () => {
  const codes = [...searchParametersOf('Patient').keys()].filter((code) => code !== '_id');

  it.each(codes.flatMap((code) => [code, `-${code}`]))(
    '_sort=%s probes a covering per-resource index, no per-row subquery',
    async (key) => {
      expectIndexedSortJoins(await planOf(`_sort=${key}`), 1);
    },
  );

  it('sorts by _id without touching an index table', async () => {
    const plan = await planOf('_sort=-_id');
    expect(plan.join('\n')).not.toMatch(/CORRELATED|\bk\b/);
  });

  it('keeps every key of a multi-key sort with conditions and a cursor on index probes', async () => {
    const first = parseSearch('Patient', new URLSearchParams('_sort=family,-birthdate'), {
      strict: true,
      now: Date.now(),
    });
    expect(first.sort).toHaveLength(2);
    const cursor = 'WyJhIiwiYSIsMSwicC0xIl0'; // ["a","a",1,"p-1"]
    expectIndexedSortJoins(await planOf(`gender=female&_sort=family,-birthdate&_cursor=${cursor}`), 2);
  });
});
