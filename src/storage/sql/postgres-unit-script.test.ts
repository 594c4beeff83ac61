// The literal form of a PostgreSQL unit (postgres-unit-script.ts); that such literals read back
// identically on a real server is test/conformance/postgres-unit-script.test.ts.
import { describe, expect, it } from 'vitest';
import { inlineStatement, sqlLiteral, unitParts } from './postgres-unit-script.js';

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

describe('sqlLiteral', () => {
  it('doubles quotes and backslashes inside an escape string', () => {
    expect(sqlLiteral(`O'Brien \\ '; DROP TABLE x; --`)).toBe(`E'O''Brien \\\\ ''; DROP TABLE x; --'`);
  });
  it('writes numbers as the text pg binds, and null as NULL', () => {
    expect(sqlLiteral(42)).toBe(`E'42'`);
    expect(sqlLiteral(-0.5)).toBe(`E'-0.5'`);
    expect(sqlLiteral(1e21)).toBe(`E'1e+21'`);
    expect(sqlLiteral(null)).toBe('NULL');
  });
  it('refuses a string with U+0000, which a Query message cannot carry', () => {
    expect(sqlLiteral('a\u0000b')).toBeUndefined();
  });
});

describe('inlineStatement', () => {
  it('replaces placeholders outside quoted text only', () => {
    const sql = `SELECT '?' AS "q?", ? AS v WHERE x = ?`;
    expect(inlineStatement({ sql, params: ['a', 7] })).toBe(`SELECT '?' AS "q?", E'a' AS v WHERE x = E'7'`);
  });
  it('does not read a value that holds a placeholder as one', () => {
    expect(inlineStatement({ sql: 'SELECT ?, ?', params: ['?', "'?'"] })).toBe(`SELECT E'?', E'''?'''`);
  });
  it('gives up when the placeholder and value counts differ', () => {
    expect(inlineStatement({ sql: 'SELECT ?', params: [] })).toBeUndefined();
    expect(inlineStatement({ sql: 'SELECT ?', params: [1, 2] })).toBeUndefined();
  });
});

describe('unitParts', () => {
  it('joins literal statements into scripts and keeps binding, in order, for one with U+0000', () => {
    const parts = unitParts(
      [
        { sql: 'INSERT INTO t VALUES (?)', params: ['a'] },
        { sql: 'INSERT INTO t VALUES (?)', params: ['b'] },
        { sql: 'INSERT INTO t VALUES (?)', params: ['c\u0000'] },
        { sql: 'INSERT INTO t VALUES (?)', params: [null] },
      ],
      numbered,
    );
    expect(parts).toEqual([
      { script: `INSERT INTO t VALUES (E'a');\nINSERT INTO t VALUES (E'b')` },
      { statement: { sql: 'INSERT INTO t VALUES ($1)', params: ['c\u0000'] } },
      { script: 'INSERT INTO t VALUES (NULL)' },
    ]);
  });
});
