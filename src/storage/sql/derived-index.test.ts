import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEARCH_PARAMETERS } from '../../generated/search/search-parameters.js';
import { extractIndexRows } from '../../search/extract-index.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { aliasedParameters, unwrittenCodes } from './derived-index.js';
import { createSqlResourceStore } from './sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const MIGRATION = readFileSync(new URL('../../../migrations/0006_derived_index_rows.sql', import.meta.url), 'utf8');

describe('derived index rows', () => {
  it('finds the R4 parameters that repeat another one, and migration 0006 deletes exactly their rows', () => {
    const aliases = Object.keys(SEARCH_PARAMETERS)
      .filter((type) => type !== 'Resource')
      .flatMap((type) => [...aliasedParameters(type)].map(([code, of]) => `${type}.${code}=${of}`))
      .sort();
    expect(aliases).toEqual([
      'CodeSystem.url=system',
      'Patient.phonetic=name',
      'Practitioner.phonetic=name',
      'RelatedPerson.phonetic=name',
    ]);
    // A registry change that adds an alias must also remove the rows stored before it.
    for (const alias of aliases) {
      const [type, code] = alias.split('=')[0]!.split('.');
      expect(MIGRATION).toMatch(new RegExp(`code = '${code}'[^;]*'${type}'`));
    }
  });

  it('stores no rows for _id, _lastUpdated and aliases, and keeps last_updated_ms on the current row', async () => {
    const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS_DIR });
    const store = createSqlResourceStore(driver);
    const lastUpdated = '2026-01-02T03:04:05.678Z';
    const resource = {
      resourceType: 'Patient',
      id: 'p1',
      meta: { versionId: '1', lastUpdated },
      name: [{ family: 'Omarova', given: ['Aigerim'] }],
    } as fhir4.Patient;
    const index = extractIndexRows(resource);
    // The oracle (extractor) still yields them: the in-memory store and the differential suites need them.
    expect(index.token.map((r) => r.code)).toContain('_id');
    expect(index.string.map((r) => r.code)).toContain('phonetic');
    await store.commit({
      writes: [
        {
          resourceType: 'Patient',
          id: 'p1',
          versionId: '1',
          lastUpdated,
          method: 'POST',
          resource,
          index,
          expect: { kind: 'absent' },
        },
      ],
    });
    const codes = await driver.all<{ code: string }>({
      sql: 'SELECT code FROM search_token UNION ALL SELECT code FROM search_string UNION ALL SELECT code FROM search_date',
      params: [],
    });
    const stored = new Set(codes.map((r) => r.code));
    for (const code of unwrittenCodes('Patient')) expect(stored.has(code)).toBe(false);
    expect(stored.has('name')).toBe(true);
    const [row] = await driver.all<{ ms: number }>({
      sql: 'SELECT last_updated_ms AS ms FROM resource_current',
      params: [],
    });
    expect(row?.ms).toBe(Date.parse(lastUpdated));
    driver.close();
  });

  it('migration 0006 fills last_updated_ms for rows stored before it', () => {
    const db = new Database(':memory:');
    db.exec(readFileSync(new URL('../../../migrations/0001_resources.sql', import.meta.url), 'utf8'));
    db.prepare(
      "INSERT INTO resource_current VALUES ('Patient', 'old', 1, '2025-12-31T07:21:30.123Z', 0, 'POST', '{}')",
    ).run();
    for (const name of [
      '0002_search_index',
      '0003_search_index_ordering',
      '0004_search_date_span',
      '0005_search_sort_covering',
      '0006_derived_index_rows',
    ]) {
      db.exec(readFileSync(new URL(`../../../migrations/${name}.sql`, import.meta.url), 'utf8'));
    }
    const row = db.prepare('SELECT last_updated_ms AS ms FROM resource_current').get() as { ms: number };
    expect(row.ms).toBe(Date.parse('2025-12-31T07:21:30.123Z'));
    db.close();
  });
});
