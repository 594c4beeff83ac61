/**
 * The outbox rows travel in the unit of work: stored when the change commits, not at all when
 * it fails (SQL store over SQLite and the memory store), routed by type and profile, ordered
 * per patient; the claim honours that order, pauses and leases.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBetterSqlite3 } from '../storage/adapters/better-sqlite3-driver.js';
import { createMemoryResourceStore } from '../storage/memory/memory-resource-store.js';
import { WriteConflictError, type OutboxRow, type ResourceWrite } from '../storage/port.js';
import { createSqlResourceStore } from '../storage/sql/sql-resource-store.js';
import type { Destination } from './destinations.js';
import { orderKeyOf, outboxRowsFor, withOutbox } from './route-outbox.js';
import { createSqlOutboxQueue } from './sql-outbox-queue.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

const national: Destination = {
  name: 'national',
  kind: 'fhir',
  url: 'http://national.test/fhir',
  resourceTypes: ['Patient', 'Observation'],
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};
const register: Destination = {
  ...national,
  name: 'register',
  profiles: ['https://example.kz/StructureDefinition/pregnancy'],
};

function create(resource: fhir4.FhirResource & { id: string }): ResourceWrite {
  return {
    resourceType: resource.resourceType,
    id: resource.id,
    versionId: '1',
    lastUpdated: '2026-12-01T00:00:00.000Z',
    method: 'POST',
    resource,
    expect: { kind: 'absent' },
  };
}

const patient = create({ resourceType: 'Patient', id: 'p1' });
const observation = create({
  resourceType: 'Observation',
  id: 'o1',
  status: 'final',
  code: { text: 'weight' },
  subject: { reference: 'Patient/p1' },
});

describe('routing', () => {
  it('keys a patient and what names it as its subject on the patient, anything else on itself', () => {
    expect(orderKeyOf(patient)).toBe('Patient/p1');
    expect(orderKeyOf(observation)).toBe('Patient/p1');
    expect(orderKeyOf(create({ resourceType: 'Organization', id: 'x' }))).toBe('Organization/x');
  });

  it('routes by resource type, and by claimed profile where the destination names profiles', () => {
    const pregnant = create({
      resourceType: 'Patient',
      id: 'p2',
      meta: { profile: ['https://example.kz/StructureDefinition/pregnancy|1.0'] },
    });
    const rows = outboxRowsFor(
      [patient, pregnant, create({ resourceType: 'Organization', id: 'x' })],
      [national, register],
      5,
    );
    expect(rows.map((r) => `${r.destination}:${r.id}`)).toEqual(['national:p1', 'national:p2', 'register:p2']);
  });
});

describe('the outbox in the unit of work', () => {
  it('stores the rows of a committed SQL unit and none of a unit that fails its precondition', async () => {
    const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS });
    const store = withOutbox(createSqlResourceStore(driver), [national], () => 7);
    const queue = createSqlOutboxQueue(driver);
    await store.commit({ writes: [patient, observation] });
    await expect(store.commit({ writes: [patient] })).rejects.toBeInstanceOf(WriteConflictError);
    const rows = await queue.list({}, 10);
    expect(rows.map((r) => [r.resourceType, r.id, r.versionId, r.orderKey, r.state])).toEqual([
      ['Patient', 'p1', '1', 'Patient/p1', 'pending'],
      ['Observation', 'o1', '1', 'Patient/p1', 'pending'],
    ]);
    driver.close();
  });

  it('hands the memory store rows only for units that commit', async () => {
    const received: OutboxRow[] = [];
    const store = withOutbox(createMemoryResourceStore({ outbox: (rows) => received.push(...rows) }), [national]);
    await store.commit({ writes: [patient] });
    await expect(store.commit({ writes: [patient] })).rejects.toBeInstanceOf(WriteConflictError);
    expect(received.map((r) => r.id)).toEqual(['p1']);
  });
});

describe('claims', () => {
  async function seeded() {
    const driver = openBetterSqlite3({ path: ':memory:', migrationsDir: MIGRATIONS });
    const store = withOutbox(createSqlResourceStore(driver), [national], () => 0);
    await store.commit({ writes: [patient, observation] });
    await store.commit({ writes: [create({ resourceType: 'Patient', id: 'p9' })] });
    return { driver, queue: createSqlOutboxQueue(driver) };
  }
  const claimAt = (nowMs: number, owner = `o${nowMs}`) => ({ owner, nowMs, leaseMs: 100, limit: 10 });

  it('skips a row while an earlier row of the same patient is pending, and leases what it claims', async () => {
    const { driver, queue } = await seeded();
    const first = await queue.claim(claimAt(1));
    expect(first.map((d) => d.id)).toEqual(['p1', 'p9']);
    expect(await queue.claim(claimAt(2))).toEqual([]);
    // Once the lease runs out, the rows are claimable again (the dispatcher holding them died).
    expect((await queue.claim(claimAt(200))).map((d) => d.id)).toEqual(['p1', 'p9']);
    driver.close();
  });

  it('releases the next change of a patient once the earlier one is delivered', async () => {
    const { driver, queue } = await seeded();
    const [p1] = await queue.claim(claimAt(1, 'a'));
    expect(await queue.record(p1!, 'a', { outcome: 'delivered', atMs: 2, status: 200 })).toBe(true);
    expect(await queue.record(p1!, 'someone-else', { outcome: 'delivered', atMs: 3, status: 200 })).toBe(false);
    expect((await queue.claim(claimAt(3))).map((d) => d.id)).toEqual(['o1']);
    driver.close();
  });

  it('claims nothing of a paused destination until it resumes', async () => {
    const { driver, queue } = await seeded();
    await queue.setPaused('national', true);
    expect(await queue.claim(claimAt(1))).toEqual([]);
    await queue.setPaused('national', false);
    expect(await queue.claim(claimAt(1))).toHaveLength(2);
    driver.close();
  });
});
