import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteWriteError, startSqliteWriter, type SqliteWriter } from './sqlite-writer.js';

const open: { writer: SqliteWriter; reader: Database.Database; dir: string }[] = [];

function setup(statementCacheSize?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-writer-'));
  const path = join(dir, 'db.sqlite');
  const reader = new Database(path);
  reader.pragma('journal_mode = WAL');
  reader.exec('CREATE TABLE t (v INTEGER PRIMARY KEY, label TEXT)');
  const writer = startSqliteWriter({
    path,
    pragmas: ['synchronous = NORMAL'],
    ...(statementCacheSize ? { statementCacheSize } : {}),
  });
  open.push({ writer, reader, dir });
  const insert = (v: number, label: string | null = null) => ({
    sql: 'INSERT INTO t (v, label) VALUES (?, ?)',
    params: [v, label],
  });
  const values = () => (reader.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);
  return { writer, reader, insert, values };
}

afterEach(async () => {
  for (const { writer, reader, dir } of open.splice(0)) {
    await writer.close();
    reader.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('SQLite writer thread', () => {
  it('commits units before their promises settle, visible to another connection', async () => {
    const { writer, insert, values } = setup();
    await writer.commit([insert(1, 'a'), insert(2, 'b')]);
    expect(values()).toEqual([1, 2]);
  });

  it('rolls back only the failing unit of a turn and reports SQLite’s constraint code', async () => {
    const { writer, insert, values } = setup();
    const results = await Promise.allSettled([
      writer.commit([insert(1)]),
      writer.commit([insert(10), insert(1)]),
      writer.commit([insert(2)]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const failure = (results[1] as PromiseRejectedResult).reason as SqliteWriteError;
    expect(failure).toBeInstanceOf(SqliteWriteError);
    expect(failure.code).toBe('SQLITE_CONSTRAINT_PRIMARYKEY');
    expect(values()).toEqual([1, 2]);
  });

  it('runs the units of one turn in arrival order, each seeing the ones before', async () => {
    const { writer, insert, values } = setup();
    const copyMax = { sql: 'INSERT INTO t (v) SELECT MAX(v) + 1 FROM t', params: [] };
    await Promise.all([writer.commit([insert(1)]), writer.commit([copyMax]), writer.commit([copyMax])]);
    expect(values()).toEqual([1, 2, 3]);
  });

  it('commits units handed in on later turns while a message is in flight, in arrival order', async () => {
    const { writer, insert, values } = setup();
    const copyMax = { sql: 'INSERT INTO t (v) SELECT MAX(v) + 1 FROM t', params: [] };
    const pending = [writer.commit([insert(1)])];
    for (let turn = 0; turn < 20; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      pending.push(writer.commit([copyMax]), writer.commit([copyMax]));
    }
    await Promise.all(pending);
    expect(values()).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
  });

  it('keeps working when the numbering of SQL texts restarts', async () => {
    // A cache of 2 statements restarts the numbering after 8 texts.
    const { writer, reader } = setup(2);
    for (let turn = 0; turn < 5; turn++) {
      const units = Array.from({ length: 6 }, (_u, i) => {
        const v = turn * 6 + i;
        // Each text is distinct (the literal differs), as search guards are.
        return writer.commit([{ sql: `INSERT INTO t (v, label) VALUES (?, 'text ${v}')`, params: [v] }]);
      });
      await Promise.all(units);
    }
    const rows = reader.prepare('SELECT v, label FROM t ORDER BY v').all() as { v: number; label: string }[];
    expect(rows).toHaveLength(30);
    // A text sent under a stale number would run another unit's SQL and store its label.
    for (const row of rows) expect(row.label).toBe(`text ${row.v}`);
  });

  it('fails the units of a writer that dies, and starts a new one for later units', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqlite-writer-'));
    // The folder does not exist yet: the first writer cannot open its file and dies.
    const path = join(dir, 'later', 'db.sqlite');
    const writer = startSqliteWriter({ path, pragmas: [] });
    const insert = { sql: 'INSERT INTO t (v) VALUES (?)', params: [1] };
    await expect(writer.commit([insert])).rejects.toThrow(/SQLite writer stopped/);
    mkdirSync(join(dir, 'later'));
    const reader = new Database(path);
    reader.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
    open.push({ writer, reader, dir });
    await writer.commit([insert]);
    expect(reader.prepare('SELECT v FROM t').all()).toEqual([{ v: 1 }]);
  });

  it('rejects every later commit once it is closed', async () => {
    const { writer, insert } = setup();
    await writer.close();
    await expect(writer.commit([insert(1)])).rejects.toBeInstanceOf(SqliteWriteError);
  });
});
