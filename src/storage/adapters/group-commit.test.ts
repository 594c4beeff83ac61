import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

function setup(maxUnits?: number, path = ':memory:') {
  const db = new Database(path);
  db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
  let commits = 0;
  const inTransaction = db.transaction((work: () => void) => work());
  const commit = createGroupCommit({
    transaction: (work) => {
      if (!db.inTransaction) commits++;
      inTransaction(work);
    },
    schedule: (flush) => setImmediate(flush),
    ...(maxUnits ? { maxUnits } : {}),
  });
  const insert = (v: number) => () => void db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
  const values = () => (db.prepare('SELECT v FROM t ORDER BY v').all() as { v: number }[]).map((r) => r.v);
  return { db, commit, insert, values, commits: () => commits };
}

describe('group commit', () => {
  it('commits the units of one turn in one transaction', async () => {
    const { commit, insert, values, commits } = setup();
    await Promise.all([1, 2, 3, 4].map((v) => commit(insert(v))));
    expect(values()).toEqual([1, 2, 3, 4]);
    expect(commits()).toBe(1);
  });

  it('rolls back only the unit that fails, and rejects it alone', async () => {
    const { commit, insert, values } = setup();
    const failing = () => {
      insert(10)();
      insert(1)(); // duplicate key of the first unit: this unit's savepoint rolls back, 10 included
    };
    const results = await Promise.allSettled([commit(insert(1)), commit(failing), commit(insert(2))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(values()).toEqual([1, 2]);
  });

  it('makes a settled unit visible to another connection', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'group-commit-')), 'db.sqlite');
    const { commit, insert } = setup(undefined, path);
    const reader = new Database(path, { readonly: true });
    const seen = await commit(insert(5)).then(() => reader.prepare('SELECT v FROM t').all());
    expect(seen).toEqual([{ v: 5 }]);
    reader.close();
  });

  it('splits a large turn into transactions of at most maxUnits', async () => {
    const { commit, insert, values, commits } = setup(3);
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((v) => commit(insert(v))));
    expect(values()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(commits()).toBe(3);
  });
});
