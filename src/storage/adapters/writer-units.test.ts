import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emptyIndexRows } from '../../search/index-rows.js';
import { IDENTIFIER_CODE } from '../integrity.js';
import type { ResourceWrite, UnitOfWork } from '../port.js';
import type { SqlStatement } from '../sql/sql-driver.js';
import { createSqlResourceStore } from '../sql/sql-resource-store.js';
import { classifySql } from './writer-sql.mjs';
import { createUnitCommitter } from './writer-units.mjs';

const MIGRATIONS = fileURLToPath(new URL('../../../migrations', import.meta.url));
const IIN = 'https://fhir.patronage.kz/sid/iin';

function openDatabase(): Database.Database {
  const db = new Database(':memory:');
  for (const name of readdirSync(MIGRATIONS)
    .filter((n) => n.endsWith('.sql'))
    .sort()) {
    db.exec(readFileSync(join(MIGRATIONS, name), 'utf8'));
  }
  return db;
}

/** The statements the SQL store hands its driver for each unit, in order. */
async function statementsOf(units: UnitOfWork[]): Promise<SqlStatement[][]> {
  const batches: SqlStatement[][] = [];
  const store = createSqlResourceStore({
    all: async () => [],
    search: async () => [],
    batch: async (statements) => void batches.push([...statements]),
    isConstraintViolation: () => false,
  });
  for (const unit of units) await store.commit(unit);
  return batches;
}

/** Numbers the texts as sqlite-writer.ts does and flattens each unit to `[textId, count, ...params, …]`. */
function flatten(batches: SqlStatement[][]) {
  const ids = new Map<string, number>();
  const units = batches.map((statements) =>
    statements.flatMap((s) => {
      if (!ids.has(s.sql)) ids.set(s.sql, ids.size);
      return [ids.get(s.sql)!, s.params.length, ...s.params];
    }),
  );
  return { texts: [...ids].map(([sql, id]) => [id, sql] as [number, string]), units };
}

interface CreateOptions {
  version?: string;
  references?: string[];
  iin?: string;
}

/** A unit writing `type/id` (a create unless `version` names the version it replaces). */
function unit(type: string, id: string, options: CreateOptions = {}): UnitOfWork {
  const index = emptyIndexRows();
  const references = options.references ?? [];
  for (const target of references) {
    const [targetType, targetId] = target.split('/');
    index.reference.push({ code: 'subject', targetType: targetType!, targetId: targetId!, url: target });
  }
  if (options.iin) index.token.push({ code: IDENTIFIER_CODE, system: IIN, value: options.iin, text: null });
  index.string.push({ code: 'name', value: id, exact: id });
  const versionId = String(Number(options.version ?? 0) + 1);
  const write: ResourceWrite = {
    resourceType: type,
    id,
    versionId,
    lastUpdated: '2026-12-02T05:00:00.000Z',
    method: options.version ? 'PUT' : 'POST',
    resource: { resourceType: type, id, meta: { versionId } } as fhir4.Resource,
    expect: options.version ? { kind: 'version', versionId: options.version } : { kind: 'absent' },
    index,
  };
  return {
    writes: [write],
    integrity: {
      references: references.map((r) => ({ resourceType: r.split('/')[0]!, id: r.split('/')[1]! })),
      identifiers: options.iin ? [{ resourceType: type, id, system: IIN, value: options.iin }] : [],
    },
  };
}

const TABLES = [
  'resource_current',
  'resource_history',
  'search_token',
  'search_string',
  'search_reference',
  'write_guard',
] as const;

function dump(db: Database.Database) {
  return Object.fromEntries(
    TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY ${t === 'write_guard' ? '1' : '1, 2, 3'}`).all()]),
  );
}

/**
 * Commits `units` as one writer message and, on a second database, one transaction per unit in
 * order (what the message must amount to); returns both outcomes and end states.
 */
async function commitBothWays(setup: UnitOfWork[], units: UnitOfWork[]) {
  const { texts, units: flat } = flatten(await statementsOf([...setup, ...units]));
  const merged = openDatabase();
  const reference = openDatabase();
  const committer = createUnitCommitter(merged, 64);
  committer.learn({ texts });
  const setupUnits = flat.slice(0, setup.length);
  const messageUnits = flat.slice(setup.length);
  for (const u of setupUnits) expect(committer.commit([u])).toEqual([null]);
  const outcome = committer.commit(messageUnits).map((e) => (e === null ? 'ok' : 'failed'));
  const referenceCommitter = createUnitCommitter(reference, 64);
  referenceCommitter.learn({ texts });
  const expected = [...setupUnits, ...messageUnits]
    .map((u) => referenceCommitter.commit([u])[0])
    .slice(setup.length)
    .map((e) => (e === null ? 'ok' : 'failed'));
  return { outcome, expected, state: dump(merged), expectedState: dump(reference) };
}

describe('classifySql', () => {
  it('classifies the statements of a create as rows to merge and checks to keep in order', async () => {
    const [statements] = await statementsOf([unit('Encounter', 'e1', { references: ['Patient/p'], iin: '1' })]);
    const kinds = statements!.map((s) => [s.sql.slice(0, 36), classifySql(s.sql).kind]);
    expect(kinds).toEqual([
      ['INSERT INTO resource_current (resour', 'current'],
      ['INSERT INTO resource_history (resour', 'rows'],
      ['INSERT INTO search_token (resource_t', 'rows'],
      ['INSERT INTO search_string (resource_', 'rows'],
      ['INSERT INTO search_reference (resour', 'rows'],
      ['INSERT INTO write_guard (ok) SELECT ', 'exists'],
      ['INSERT INTO write_guard (ok) SELECT ', 'identifier'],
    ]);
  });

  it('keeps an update’s statements out of merged runs', async () => {
    const [statements] = await statementsOf([unit('Patient', 'p', { version: '1' })]);
    const kinds = new Set(statements!.map((s) => classifySql(s.sql).kind));
    expect(kinds.has('other')).toBe(true);
  });

  it('reads the width of a multi-row INSERT and refuses tuples of different widths', () => {
    expect(classifySql('INSERT INTO t (a, b) VALUES (?, ?), (?, ?)')).toEqual({
      kind: 'rows',
      head: 'INSERT INTO t (a, b)',
      width: 2,
    });
    expect(classifySql('INSERT INTO t (a, b) VALUES (?, ?), (?)').kind).toBe('other');
    expect(classifySql('INSERT INTO t (a) SELECT MAX(a) + 1 FROM t').kind).toBe('other');
    expect(classifySql('INSERT INTO write_guard (ok) VALUES (?)').kind).toBe('other');
  });
});

describe('createUnitCommitter', () => {
  it('commits a message of creates to the same rows, history order included, as one unit at a time', async () => {
    const units = Array.from({ length: 12 }, (_, i) =>
      unit('Encounter', `e${i}`, { references: ['Patient/p'], iin: `iin-${i}` }),
    );
    const result = await commitBothWays([unit('Patient', 'p')], units);
    expect(result.outcome).toEqual(new Array(12).fill('ok'));
    expect(result.state).toEqual(result.expectedState);
    expect(result.state.search_token).toHaveLength(12);
  });

  it('runs a message of creates in fewer statements than its units hold', async () => {
    const units = Array.from({ length: 10 }, (_, i) => unit('Patient', `p${i}`, { iin: `iin-${i}` }));
    const batches = await statementsOf(units);
    // Each unit holds five statements: its current row, history row, token and string rows and
    // identifier check.
    expect(batches.map((b) => b.length)).toEqual(new Array(10).fill(5));
    const { texts, units: flat } = flatten(batches);
    const db = openDatabase();
    let runs = 0;
    const prepare = db.prepare.bind(db);
    db.prepare = ((...args: Parameters<typeof db.prepare>) => {
      const statement = prepare(...args);
      const run = statement.run.bind(statement);
      statement.run = (...params: unknown[]) => ((runs += 1), run(...params));
      return statement;
    }) as typeof db.prepare;
    const committer = createUnitCommitter(db, 64);
    committer.learn({ texts });
    expect(committer.commit(flat)).toEqual(new Array(10).fill(null));
    // The current, history, token and string rows and the identifier checks of all ten go in
    // statements of 8 and 2 each.
    expect(runs).toBe(10);
    expect(db.prepare('SELECT COUNT(*) AS n FROM search_token').get()).toEqual({ n: 10 });
  });

  it('fails only the unit whose identifier an earlier unit of the message holds', async () => {
    const units = [unit('Patient', 'a', { iin: 'x' }), unit('Patient', 'b', { iin: 'x' }), unit('Patient', 'c')];
    const result = await commitBothWays([], units);
    expect(result.outcome).toEqual(['ok', 'failed', 'ok']);
    expect(result.outcome).toEqual(result.expected);
    expect(result.state).toEqual(result.expectedState);
  });

  it('fails a reference to a resource that only a later unit of the message creates, as unit order would', async () => {
    const units = [unit('Encounter', 'e', { references: ['Patient/later'] }), unit('Patient', 'later')];
    const result = await commitBothWays([], units);
    expect(result.outcome).toEqual(['failed', 'ok']);
    expect(result.state).toEqual(result.expectedState);
  });

  it('fails only the unit whose reference names no resource', async () => {
    const units = [
      unit('Encounter', 'e1', { references: ['Patient/p'] }),
      unit('Encounter', 'e2', { references: ['Patient/p', 'Patient/none'] }),
      unit('Encounter', 'e3', { references: ['Patient/p'] }),
    ];
    const result = await commitBothWays([unit('Patient', 'p')], units);
    expect(result.outcome).toEqual(['ok', 'failed', 'ok']);
    expect(result.state).toEqual(result.expectedState);
  });

  it('accepts a reference to a resource an earlier unit of the message creates', async () => {
    const units = [unit('Patient', 'first'), unit('Encounter', 'e', { references: ['Patient/first'] })];
    const result = await commitBothWays([], units);
    expect(result.outcome).toEqual(['ok', 'ok']);
    expect(result.state).toEqual(result.expectedState);
  });

  it('fails a create of an existing id alone, leaving none of its rows', async () => {
    const units = [unit('Patient', 'new1'), unit('Patient', 'old', { iin: 'y' }), unit('Patient', 'new2')];
    const result = await commitBothWays([unit('Patient', 'old')], units);
    expect(result.outcome).toEqual(['ok', 'failed', 'ok']);
    expect(result.state).toEqual(result.expectedState);
    expect(result.state.search_token).toEqual([]);
  });

  it('checks the versions units read in unit order', async () => {
    const read = (u: UnitOfWork, versionId: string): UnitOfWork => ({
      ...u,
      reads: [{ resourceType: 'Patient', id: 'p', versionId }],
    });
    const units = [read(unit('Encounter', 'e1'), '1'), read(unit('Encounter', 'e2'), '2'), unit('Encounter', 'e3')];
    const result = await commitBothWays([unit('Patient', 'p')], units);
    expect(result.outcome).toEqual(['ok', 'failed', 'ok']);
    expect(result.state).toEqual(result.expectedState);
  });

  it('keeps an update between creates in its place', async () => {
    const units = [
      unit('Patient', 'a', { iin: '1' }),
      unit('Patient', 'p', { version: '1', iin: '2' }),
      unit('Patient', 'b', { iin: '3' }),
      unit('Patient', 'c', { iin: '2' }),
    ];
    const result = await commitBothWays([unit('Patient', 'p')], units);
    expect(result.outcome).toEqual(['ok', 'ok', 'ok', 'failed']);
    expect(result.state).toEqual(result.expectedState);
  });
});
