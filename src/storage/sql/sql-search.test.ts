// A statement SQLite refuses as too complex is the port's QueryTooComplexError (a 400), not a
// driver error (a 500): issue 17, finding 5, below the parser's depth limits.
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeadline } from '../../lib/deadline.js';
import type { Condition } from '../../search/search-request.js';
import { openBetterSqlite3 } from '../adapters/better-sqlite3-driver.js';
import { QueryTooComplexError } from '../port.js';
import { createSqlResourceStore } from './sql-resource-store.js';
import type { SqlDriver } from './sql-driver.js';

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

  it('runs the page and the count at the same time, each under the request deadline', async () => {
    const events: string[] = [];
    const deadlines: unknown[] = [];
    const watching: SqlDriver = {
      ...driver,
      search: async (statement, options) => {
        const what = statement.sql.startsWith('SELECT COUNT(*)') ? 'count' : 'page';
        deadlines.push(options?.deadline);
        events.push(`start ${what}`);
        // Past one turn of the event loop: a sequential store would not have started the other yet.
        await new Promise((resolve) => setImmediate(resolve));
        events.push(`end ${what}`);
        return driver.search(statement, options);
      },
    };
    const deadline = createDeadline(60_000);
    // A `_has` condition is no index-bounded search: both statements are search reads.
    const query = { resourceType: 'Patient', conditions: [nestedHas(1)], sort: [], count: 10, total: true, deadline };
    await expect(createSqlResourceStore(watching).search(query)).resolves.toMatchObject({ resources: [], total: 0 });
    expect(events.slice(0, 2).sort()).toEqual(['start count', 'start page']);
    expect(deadlines).toEqual([deadline, deadline]);
  });
});
