// migrations/ is written once; PostgreSQL applies it rendered by postgresDialect. This checks that
// the two schemas agree: the same tables with the same columns (in order, with matching types and
// NOT NULL), the same indexes on the same keys, and text compared byte-wise ("C") as SQLite does.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { postgresDialect } from '../../src/storage/sql/dialect.js';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';
import { migrationFiles } from '../../src/storage/adapters/pg-migrations.js';
import { MIGRATIONS_DIR, postgresDrivers, postgresKind } from './postgres-harness.js';

const drivers = postgresDrivers();

/** SQLite declared type → the PostgreSQL type its rendering must give. */
const TYPE_OF: Record<string, string> = { INTEGER: 'bigint', TEXT: 'text', REAL: 'double precision' };

interface Shape {
  columns: Record<string, string[]>;
  indexes: Record<string, string>;
}

function sqliteShape(): Shape {
  const db = new Database(':memory:');
  for (const file of migrationFiles(MIGRATIONS_DIR)) db.exec(file.sql);
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const shape: Shape = { columns: {}, indexes: {} };
  for (const { name } of tables) {
    const columns = db.prepare(`PRAGMA table_info(${name})`).all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    // A rowid alias (INTEGER PRIMARY KEY) is NOT NULL though not declared so.
    shape.columns[name] = columns.map((c) => `${c.name} ${TYPE_OF[c.type]} ${c.notnull || c.pk ? 'not null' : 'null'}`);
    const indexes = db.prepare(`PRAGMA index_list(${name})`).all() as { name: string; origin: string }[];
    for (const index of indexes.filter((i) => i.origin === 'c')) {
      const keys = db.prepare(`PRAGMA index_xinfo(${index.name})`).all() as { name: string | null; key: number }[];
      shape.indexes[index.name] = `${name}(${keys
        .filter((k) => k.key)
        .map((k) => k.name ?? 'expr')
        .join(', ')})`;
    }
  }
  db.close();
  return shape;
}

async function postgresShape(driver: SqlDriver): Promise<Shape> {
  const columns = await driver.all<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    collation_name: string | null;
  }>({
    sql:
      'SELECT table_name, column_name, data_type, is_nullable, collation_name FROM information_schema.columns ' +
      "WHERE table_schema = current_schema() AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position",
    params: [],
  });
  const shape: Shape = { columns: {}, indexes: {} };
  for (const c of columns) {
    if (c.data_type === 'text') expect(c.collation_name, `${c.table_name}.${c.column_name}`).toBe('C');
    (shape.columns[c.table_name] ??= []).push(
      `${c.column_name} ${c.data_type} ${c.is_nullable === 'NO' ? 'not null' : 'null'}`,
    );
  }
  const indexes = await driver.all<{ index: string; table: string; keys: string }>({
    sql:
      'SELECT i.relname AS index, t.relname AS table, ' +
      "(SELECT string_agg(CASE WHEN x.attnum = 0 THEN 'expr' ELSE a.attname END, ', ' ORDER BY x.n) " +
      '  FROM unnest(ix.indkey) WITH ORDINALITY AS x(attnum, n) ' +
      '  LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.attnum) AS keys ' +
      'FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid ' +
      "WHERE t.relnamespace = current_schema()::regnamespace AND t.relname <> 'schema_migrations' " +
      'AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)',
    params: [],
  });
  for (const index of indexes) shape.indexes[index.index] = `${index.table}(${index.keys})`;
  return shape;
}

describe(`migrations on SQLite and on ${postgresKind}`, () => {
  it('give the same tables, columns and indexes', async () => {
    const expected = sqliteShape();
    expect(Object.keys(expected.indexes).length).toBeGreaterThan(10);
    expect(await postgresShape(await drivers.open())).toEqual(expected);
  });

  it('render upper-case type keywords (also in comments, harmlessly) and leave lower-case column names', () => {
    const rendered = postgresDialect.migration('CREATE TABLE t (text TEXT, n INTEGER, r REAL); -- INTEGER\n');
    expect(rendered).toBe('CREATE TABLE t (text TEXT COLLATE "C", n BIGINT, r DOUBLE PRECISION); -- BIGINT\n');
  });
});

describe('postgresDialect.statement', () => {
  it('numbers the placeholders and leaves question marks in quotes alone', () => {
    expect(postgresDialect.statement(`SELECT ? AS "a?", '?''?' AS b WHERE x = ? AND y LIKE ? ESCAPE '\\'`)).toBe(
      `SELECT $1 AS "a?", '?''?' AS b WHERE x = $2 AND y LIKE $3 ESCAPE '\\'`,
    );
  });
});
