// The exchange's outbox on D1 inside workerd: the rows are part of the unit's one batch(),
// stored with a committed change and not at all with a failed one; claims and attempts run on
// D1's SQL as on SQLite's.
import { describe, expect, it } from 'vitest';
import type { Destination } from '../../src/exchange/destinations.js';
import { withOutbox } from '../../src/exchange/route-outbox.js';
import { createSqlOutboxQueue } from '../../src/exchange/sql-outbox-queue.js';
import { WriteConflictError, type ResourceWrite } from '../../src/storage/port.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { createFreshD1Driver } from './d1-harness.js';

const national: Destination = {
  name: 'national',
  kind: 'fhir',
  url: 'http://national.test/fhir',
  resourceTypes: ['Patient'],
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

const patient: ResourceWrite = {
  resourceType: 'Patient',
  id: 'p1',
  versionId: '1',
  lastUpdated: '2026-12-01T00:00:00.000Z',
  method: 'POST',
  resource: { resourceType: 'Patient', id: 'p1' },
  expect: { kind: 'absent' },
};

describe('outbox on D1', () => {
  it('stores a row with the committed change only, and records a delivery under its lease', async () => {
    const driver = await createFreshD1Driver();
    const store = withOutbox(createSqlResourceStore(driver), [national], () => 1);
    const queue = createSqlOutboxQueue(driver);
    await store.commit({ writes: [patient] });
    await expect(store.commit({ writes: [patient] })).rejects.toBeInstanceOf(WriteConflictError);
    const [claimed, ...more] = await queue.claim({ owner: 'w', nowMs: 5, leaseMs: 100, limit: 10 });
    expect(more).toEqual([]);
    expect(claimed).toMatchObject({ resourceType: 'Patient', id: 'p1', orderKey: 'Patient/p1', attempts: 0 });
    expect(await queue.record(claimed!, 'w', { outcome: 'delivered', atMs: 6, status: 200 })).toBe(true);
    const shown = await queue.get(claimed!.seq);
    expect(shown!.delivery.state).toBe('delivered');
    expect(shown!.attempts).toEqual([{ attempt: 1, atMs: 6, status: 200, outcome: 'delivered' }]);
  });
});
