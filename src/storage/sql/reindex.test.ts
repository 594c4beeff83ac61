import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractIndexRows } from '../../search/extract-index.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { reindexSqlStore } from './reindex.js';
import { createSqlResourceStore } from './sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

describe('reindexSqlStore', () => {
  it('makes resources stored without index rows searchable, without new versions, idempotently', async () => {
    const driver = openBetterSqlite3({
      path: join(mkdtempSync(join(tmpdir(), 'reindex-')), 'db.sqlite'),
      migrationsDir: MIGRATIONS_DIR,
    });
    const store = createSqlResourceStore(driver);
    const writes = ['a', 'b', 'c'].map((id, i) => ({
      resourceType: 'Patient',
      id,
      versionId: '1',
      lastUpdated: '2026-01-01T00:00:00.000Z',
      method: 'POST' as const,
      resource: { resourceType: 'Patient', id, gender: i === 1 ? 'male' : 'female' } as fhir4.Patient,
      expect: { kind: 'absent' as const },
    }));
    await store.commit({ writes });
    const query = {
      resourceType: 'Patient',
      conditions: [
        {
          kind: 'param' as const,
          table: 'token' as const,
          code: 'gender',
          values: [{ kind: 'token' as const, code: 'female' }],
        },
      ],
      sort: [],
      count: 10,
      total: true,
    };
    expect((await store.search(query)).total).toBe(0);
    expect(await reindexSqlStore(driver, extractIndexRows, 2)).toBe(3);
    expect(await reindexSqlStore(driver, extractIndexRows, 2)).toBe(3);
    const page = await store.search(query);
    expect([page.total, page.resources.map((r) => r.id)]).toEqual([2, ['a', 'c']]);
    expect((await store.readCurrent('Patient', 'a'))?.versionId).toBe('1');
    driver.close();
  });
});
