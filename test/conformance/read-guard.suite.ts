/**
 * Read guards of the storage port: a unit of work that read a resource commits only while that
 * resource is still at the version read (a transaction's GET entries, decision 011).
 * @module
 */
import { describe, expect, it } from 'vitest';
import { WriteConflictError } from '../../src/storage/port.js';
import { commitEach, del, put } from './resource-store-fixtures.js';
import type { ResourceStoreHarness } from './resource-store.suite.js';

/** Registers the read-guard cases for one adapter. */
export function describeReadGuards(harness: ResourceStoreHarness): void {
  describe('commit: read guards', () => {
    it('commits when every resource read is still at the version read (a pair listed twice counts once)', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'read', 1), put('Patient', 'read', 2)]);
      const guard = { resourceType: 'Patient', id: 'read', versionId: '2' };
      await store.commit({ writes: [put('Patient', 'other', 1)], reads: [guard, guard] });
      expect((await store.readCurrent('Patient', 'other'))?.versionId).toBe('1');
    });

    it('rejects the whole unit when a resource read has moved on, been deleted or never existed', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'moved', 1), put('Patient', 'moved', 2), put('Patient', 'gone', 1)]);
      await commitEach(store, [del('Patient', 'gone', 2)]);
      for (const read of [
        { resourceType: 'Patient', id: 'moved', versionId: '1' },
        { resourceType: 'Patient', id: 'gone', versionId: '1' },
        { resourceType: 'Patient', id: 'never', versionId: '1' },
      ]) {
        const error = await store.commit({ writes: [put('Patient', 'other', 1)], reads: [read] }).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error, JSON.stringify(read)).toBeInstanceOf(WriteConflictError);
        expect(await store.readCurrent('Patient', 'other')).toBeUndefined();
      }
    });
  });
}
