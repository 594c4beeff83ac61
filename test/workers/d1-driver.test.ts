// The D1 driver against real D1 in workerd: atomic batches and which errors count as
// constraint violations (the SQL store turns only those into WriteConflictError).
import { describe, expect, it } from 'vitest';
import type { SqlDriver, SqlStatement } from '../../src/storage/sql/sql-driver.js';
import { createFreshD1Driver } from './d1-harness.js';

const GUARD_FAILS: SqlStatement = { sql: 'INSERT INTO write_guard (ok) VALUES (0)', params: [] };

function currentRow(id: string, version: number): SqlStatement {
  return {
    sql: 'INSERT INTO resource_current (resource_type, id, version_id, last_updated, method) VALUES (?, ?, ?, ?, ?)',
    params: ['Patient', id, version, '2026-03-01T08:00:00.000Z', 'PUT'],
  };
}

async function failure(driver: SqlDriver, statements: SqlStatement[]): Promise<unknown> {
  return driver.batch(statements).then(
    () => new Error('expected the batch to fail'),
    (error: unknown) => error,
  );
}

describe('D1 driver', () => {
  it('returns rows as objects keyed by column name', async () => {
    const driver = await createFreshD1Driver();
    await driver.batch([currentRow('a', 1), currentRow('b', 2)]);
    const rows = await driver.all<{ id: string; version_id: number }>({
      sql: 'SELECT id, version_id FROM resource_current WHERE version_id >= ? ORDER BY id',
      params: [1],
    });
    expect(rows).toEqual([
      { id: 'a', version_id: 1 },
      { id: 'b', version_id: 2 },
    ]);
  });

  it('runs a batch atomically: a failing last statement undoes the earlier ones', async () => {
    const driver = await createFreshD1Driver();
    const error = await failure(driver, [currentRow('a', 1), currentRow('b', 1), GUARD_FAILS]);
    expect(driver.isConstraintViolation(error)).toBe(true);
    expect(await driver.all({ sql: 'SELECT id FROM resource_current', params: [] })).toEqual([]);
    expect(await driver.all({ sql: 'SELECT ok FROM write_guard', params: [] })).toEqual([]);
  });

  it('recognises CHECK and PRIMARY KEY violations as constraint violations', async () => {
    const driver = await createFreshD1Driver();
    expect(driver.isConstraintViolation(await failure(driver, [GUARD_FAILS]))).toBe(true);
    await driver.batch([currentRow('a', 1)]);
    expect(driver.isConstraintViolation(await failure(driver, [currentRow('a', 2)]))).toBe(true);
  });

  it('does not take a missing table or a syntax error for a constraint violation', async () => {
    const driver = await createFreshD1Driver();
    const missing = await failure(driver, [{ sql: 'INSERT INTO no_such_table (x) VALUES (1)', params: [] }]);
    expect(missing).toBeInstanceOf(Error);
    expect(driver.isConstraintViolation(missing)).toBe(false);
    const syntax = await failure(driver, [{ sql: 'INSERT INTO resource_current VALUES (', params: [] }]);
    expect(driver.isConstraintViolation(syntax)).toBe(false);
  });
});
