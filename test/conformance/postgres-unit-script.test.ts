// A PostgreSQL unit is sent as scripts of literals (src/storage/sql/postgres-unit-script.ts):
// hostile text and numbers written that way read back exactly as the same values bound as
// parameters, and a value that cannot be a literal (U+0000) fails its unit as binding does.
import { describe, expect, it } from 'vitest';
import type { SqlDriver } from '../../src/storage/sql/sql-driver.js';
import { sqlState } from '../../src/storage/sql/postgres-sql-driver.js';
import { postgresDrivers, postgresKind } from './postgres-harness.js';

const drivers = postgresDrivers();

const HOSTILE_TEXT = [
  "O'Brien",
  "''",
  '\\',
  'ends with a backslash \\',
  "\\'; DROP TABLE search_string; --",
  "E'x'",
  '$$ dollar $$ $tag$ $1 $2',
  '? ?? ?| ?& placeholders',
  '/* open comment',
  '-- line comment',
  'semi;colons;',
  'line\nbreak\r\ncarriage\ttab',
  '\u0001\u0007\u001b\u007f control',
  'Қазақстан — Ӛ Ұ emoji 👶🏽 RTL \u202e עברית combining é',
  '\\x00 \\u0000 \\0 spelled, not real',
  'x'.repeat(100_000),
  '',
  ' ',
];

const HOSTILE_NUMBERS = [0, -0, 1, -1, 0.1, 1e-7, 123456.789, 2 ** 53 - 1, -(2 ** 31), 1e21, 3.2];

async function stored(driver: SqlDriver, id: string) {
  return driver.all<{ code: string; value: string; exact: string }>({
    sql: 'SELECT code, value, exact FROM search_string WHERE resource_type = ? AND id = ? ORDER BY code',
    params: ['Hostile', id],
  });
}

const insertString = (id: string, k: number, text: string) => ({
  sql: 'INSERT INTO search_string (resource_type, id, code, value, exact) VALUES (?, ?, ?, ?, ?)',
  params: ['Hostile', id, `c${String(k).padStart(3, '0')}`, text, text],
});

describe(`a unit of literals on ${postgresKind}`, () => {
  it('reads hostile text back exactly as it was written, and as binding stores it', async () => {
    const driver = await drivers.open();
    await driver.batch(HOSTILE_TEXT.map((text, k) => insertString('script', k, text)));
    for (const [k, text] of HOSTILE_TEXT.entries()) await driver.all(insertString('bound', k, text));
    const viaScript = await stored(driver, 'script');
    expect(viaScript.map((r) => r.value)).toEqual(HOSTILE_TEXT);
    expect(viaScript.map((r) => r.exact)).toEqual(HOSTILE_TEXT);
    expect(viaScript).toEqual(await stored(driver, 'bound'));
  });

  it('reads numbers back as binding stores them', async () => {
    const driver = await drivers.open();
    const insert = (id: string, k: number, value: number) => ({
      sql: 'INSERT INTO search_number (resource_type, id, code, value) VALUES (?, ?, ?, ?)',
      params: ['Hostile', id, `c${String(k).padStart(3, '0')}`, value],
    });
    await driver.batch(HOSTILE_NUMBERS.map((n, k) => insert('script', k, n)));
    for (const [k, n] of HOSTILE_NUMBERS.entries()) await driver.all(insert('bound', k, n));
    const read = (id: string) =>
      driver.all<{ value: number }>({
        sql: 'SELECT value FROM search_number WHERE resource_type = ? AND id = ? ORDER BY code',
        params: ['Hostile', id],
      });
    const viaScript = (await read('script')).map((r) => Number(r.value));
    expect(viaScript).toEqual(HOSTILE_NUMBERS.map((n) => (Object.is(n, -0) ? 0 : n)));
    expect(viaScript).toEqual((await read('bound')).map((r) => Number(r.value)));
  });

  it('fails a unit with U+0000 as binding does, and keeps none of its rows', async () => {
    const driver = await drivers.open();
    const unit = [insertString('nul', 0, 'before'), insertString('nul', 1, 'a\u0000b'), insertString('nul', 2, 'after')];
    const scripted = await driver.batch(unit).then(
      () => undefined,
      (error: unknown) => error,
    );
    const bound = await driver.all(unit[1]!).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(bound).toBeDefined();
    expect(sqlState(scripted)).toBe(sqlState(bound));
    expect(await stored(driver, 'nul')).toEqual([]);
  });
});
