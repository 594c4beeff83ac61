import { describe, expect, it } from 'vitest';
import { createBetterSqlite3Driver } from '../adapters/better-sqlite3-driver.js';
import type { ResourceWrite } from '../port.js';
import { createSqlResourceStore } from './sql-resource-store.js';
import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

function storeWithPatient() {
  const db = new Database(':memory:');
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) db.exec(readFileSync(`${MIGRATIONS_DIR}/${name}`, 'utf8'));
  const store = createSqlResourceStore(createBetterSqlite3Driver(db));
  const resource = { resourceType: 'Patient', id: 'p1', gender: 'female' } as fhir4.Patient;
  const write: ResourceWrite = {
    resourceType: 'Patient',
    id: 'p1',
    versionId: '1',
    lastUpdated: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    resource,
    expect: { kind: 'absent' },
  };
  return { store, resource, write, commit: () => store.commit({ writes: [write] }) };
}

describe('SQL store stored content', () => {
  it('keeps the stored text as a non-enumerable json beside the parsed resource', async () => {
    const { store, resource, commit } = storeWithPatient();
    await commit();
    const version = (await store.readCurrent('Patient', 'p1'))!;
    expect(version.json).toBe(JSON.stringify(resource));
    expect(Object.keys(version)).not.toContain('json');
    expect(version.resource).toEqual(resource);
  });

  it('drops the stored text when the resource is replaced', async () => {
    const { store, commit } = storeWithPatient();
    await commit();
    const version = (await store.readCurrent('Patient', 'p1'))!;
    version.resource = { resourceType: 'Patient', id: 'p1' };
    expect(version.json).toBeUndefined();
    expect(version.resource).toEqual({ resourceType: 'Patient', id: 'p1' });
  });

  it('records the text it wrote on the write, so the answer to a create need not serialise again', async () => {
    const { store, write, commit } = storeWithPatient();
    await commit();
    expect(write.json).toBe(JSON.stringify(write.resource));
    expect(Object.keys(write)).not.toContain('json');
    expect((await store.readCurrent('Patient', 'p1'))!.json).toBe(write.json);
  });
});
