// A lock held by another connection longer than the store waits: the write fails as
// StorageBusyError (503 with Retry-After at the HTTP edge), writes nothing, and the same write
// succeeds once the lock is gone. Before, it surfaced as SQLite's own error and a 500.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { errorToResponse } from '../../http/errors.js';
import { StorageBusyError } from '../port.js';
import { openBetterSqlite3 } from './better-sqlite3-driver.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const INSERT = {
  sql: "INSERT INTO search_token (resource_type, id, code, system, value) VALUES ('Patient', 'p1', 'identifier', 's', 'v1')",
  params: [],
};
const COUNT = { sql: 'SELECT COUNT(*) AS n FROM search_token', params: [] };

describe.each([
  ['the writer thread', true],
  ['the main connection', false],
])('a SQLite write that finds the database locked, on %s', (_label, writerThread) => {
  it('fails as StorageBusyError, stores nothing, and succeeds once the lock is released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-busy-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const driver = openBetterSqlite3({ path, migrationsDir: MIGRATIONS_DIR, writerThread, busyTimeoutMs: 50 });
    const holder = new Database(path);
    try {
      holder.exec('BEGIN IMMEDIATE');
      const outcome = await driver.batch([INSERT]).catch((thrown: unknown) => thrown);
      expect(outcome).toBeInstanceOf(StorageBusyError);
      holder.exec('ROLLBACK');
      expect(await driver.all(COUNT)).toEqual([{ n: 0 }]);
      await driver.batch([INSERT]);
      expect(await driver.all(COUNT)).toEqual([{ n: 1 }]);
    } finally {
      holder.close();
      driver.close();
    }
  });
});

describe('a busy database at the HTTP edge', () => {
  it('is 503 with Retry-After and a lock-error OperationOutcome, not 500', async () => {
    const response = errorToResponse(new StorageBusyError('The database is busy: database is locked'), 'req-1');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    expect(outcome.issue[0]?.code).toBe('lock-error');
  });
});
