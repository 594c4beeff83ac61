// A statement SQLite refuses as too complex is the port's QueryTooComplexError (a 400), not a
// driver error (a 500): issue 17, finding 5, below the parser's depth limits.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DeadlineExceededError, createDeadline } from '../../lib/deadline.js';
import type { Condition } from '../../search/search-request.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { QueryTooComplexError } from '../port.js';
import { createSqlResourceStore } from './sql-resource-store.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS_DIR });
afterAll(() => driver.close());

function nestedHas(depth: number): Condition {
  let condition: Condition = {
    kind: 'param',
    table: 'token',
    code: 'gender',
    values: [{ kind: 'token', code: 'male' }],
  };
  for (let i = 0; i < depth; i++) {
    condition = { kind: 'has', sourceType: 'Patient', referenceCode: 'link', where: [condition] };
  }
  return condition;
}

describe('searchSql', () => {
  it('turns "Expression tree is too large" into QueryTooComplexError', async () => {
    const store = createSqlResourceStore(driver);
    const query = { resourceType: 'Patient', conditions: [nestedHas(20)], sort: [], count: 10, total: false };
    await expect(store.search(query)).rejects.toBeInstanceOf(QueryTooComplexError);
    await expect(store.search({ ...query, conditions: [nestedHas(3)] })).resolves.toMatchObject({ resources: [] });
  });

  it('checks the deadline between the page and the count, not before the page', async () => {
    const store = createSqlResourceStore(driver);
    let now = 0;
    const deadline = createDeadline(10, () => (now += 20));
    const query = { resourceType: 'Patient', conditions: [], sort: [], count: 10, total: true, deadline };
    await expect(store.search(query)).rejects.toBeInstanceOf(DeadlineExceededError);
    await expect(store.search({ ...query, total: false })).resolves.toMatchObject({ resources: [] });
  });
});
