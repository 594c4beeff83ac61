/**
 * The storage conformance suite: the behaviour every {@link ResourceStore} adapter must share.
 * A runner per adapter calls {@link describeResourceStoreConformance} with a factory; each test
 * builds its own fresh, empty store. The suite uses only the port and Web-standard APIs, so it
 * runs in Node (memory, better-sqlite3, later PostgreSQL) and in workerd (D1) alike.
 * @see https://hl7.org/fhir/R4/http.html#concurrency
 * @module
 */
import { describe, expect, it } from 'vitest';
import { WriteConflictError, type ResourceStore } from '../../src/storage/port.js';
import { describeIntegrityGuards } from './integrity-guard.suite.js';
import { describeReadGuards } from './read-guard.suite.js';
import { at, commitEach, del, everything, expectConflict, put, refs } from './resource-store-fixtures.js';

/** How a runner provides stores to the suite. */
export interface ResourceStoreHarness {
  /** Returns a new, empty store with no state shared with stores returned before. */
  createStore(): Promise<ResourceStore>;
}

/** Registers the whole suite for one adapter. */
export function describeResourceStoreConformance(name: string, harness: ResourceStoreHarness): void {
  describe(`ResourceStore conformance: ${name}`, () => {
    describeReads(harness);
    describeReadVersion(harness);
    describeHistory(harness);
    describeHistoryFilters(harness);
    describeCommit(harness);
    describeConflicts(harness);
    describeReadGuards(harness);
    describeIntegrityGuards(harness);
    describeSameResource(harness);
    describeConcurrency(harness);
  });
}

function describeReads(harness: ResourceStoreHarness): void {
  describe('readCurrent', () => {
    it('returns undefined for a resource never stored', async () => {
      const store = await harness.createStore();
      expect(await store.readCurrent('Patient', 'nobody')).toBeUndefined();
      expect(await store.readVersion('Patient', 'nobody', '1')).toBeUndefined();
    });

    it('returns the latest version with its body and metadata', async () => {
      const store = await harness.createStore();
      await commitEach(store, [
        put('Patient', 'p1', 1, { method: 'POST' }),
        put('Patient', 'p1', 2, { body: { gender: 'female' } }),
      ]);
      const current = await store.readCurrent('Patient', 'p1');
      expect(current).toEqual({
        resourceType: 'Patient',
        id: 'p1',
        versionId: '2',
        lastUpdated: at(2),
        deleted: false,
        method: 'PUT',
        resource: { resourceType: 'Patient', id: 'p1', meta: { versionId: '2', lastUpdated: at(2) }, gender: 'female' },
      });
    });

    it('returns a delete marker without a body after a delete', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1), del('Patient', 'p1', 2)]);
      const current = await store.readCurrent('Patient', 'p1');
      expect(current).toMatchObject({ versionId: '2', lastUpdated: at(2), deleted: true, method: 'DELETE' });
      expect(current?.resource).toBeUndefined();
    });

    it('keeps resource types apart for the same id', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'same', 1), put('Patient', 'same', 2), put('Observation', 'same', 1)]);
      expect((await store.readCurrent('Patient', 'same'))?.versionId).toBe('2');
      expect((await store.readCurrent('Observation', 'same'))?.versionId).toBe('1');
      expect(await store.readVersion('Observation', 'same', '2')).toBeUndefined();
    });
  });
}

function describeReadVersion(harness: ResourceStoreHarness): void {
  describe('readVersion', () => {
    it('returns every stored version, including the delete marker', async () => {
      const store = await harness.createStore();
      await commitEach(store, [
        put('Patient', 'p1', 1, { body: { active: true } }),
        put('Patient', 'p1', 2),
        del('Patient', 'p1', 3),
      ]);
      const first = await store.readVersion('Patient', 'p1', '1');
      expect(first).toMatchObject({ versionId: '1', deleted: false, resource: { active: true } });
      expect((await store.readVersion('Patient', 'p1', '2'))?.resource).not.toHaveProperty('active');
      const marker = await store.readVersion('Patient', 'p1', '3');
      expect(marker).toMatchObject({ versionId: '3', deleted: true, method: 'DELETE' });
      expect(marker?.resource).toBeUndefined();
    });

    it('returns undefined for an unknown version, id or type', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1)]);
      expect(await store.readVersion('Patient', 'p1', '2')).toBeUndefined();
      expect(await store.readVersion('Patient', 'p2', '1')).toBeUndefined();
      expect(await store.readVersion('Observation', 'p1', '1')).toBeUndefined();
      expect(await store.readVersion('Patient', 'p1', 'x')).toBeUndefined();
    });

    it('treats version ids as exact strings ("01" is not version "1")', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1)]);
      for (const versionId of ['01', '1.0', ' 1', '1e0', '0x1']) {
        expect(await store.readVersion('Patient', 'p1', versionId), versionId).toBeUndefined();
      }
    });

    it('returns copies: changing a committed or returned body does not change the store', async () => {
      const store = await harness.createStore();
      const write = put('Patient', 'p1', 1, { body: { gender: 'male' } });
      await store.commit({ writes: [write] });
      (write.resource as fhir4.Patient).gender = 'other';
      const read = await store.readCurrent('Patient', 'p1');
      (read?.resource as fhir4.Patient).gender = 'unknown';
      expect(((await store.readCurrent('Patient', 'p1'))?.resource as fhir4.Patient).gender).toBe('male');
      expect(((await store.readVersion('Patient', 'p1', '1'))?.resource as fhir4.Patient).gender).toBe('male');
    });
  });
}

/** Patient a (3 versions), Observation o (1), Patient b (2, last a delete), interleaved in time. */
async function seedHistory(store: ResourceStore): Promise<void> {
  await commitEach(store, [
    put('Patient', 'a', 1, { at: 1 }),
    put('Observation', 'o', 1, { at: 2 }),
    put('Patient', 'b', 1, { at: 3 }),
    put('Patient', 'a', 2, { at: 4 }),
    del('Patient', 'b', 2, { at: 5 }),
    put('Patient', 'a', 3, { at: 6 }),
  ]);
}

function describeHistory(harness: ResourceStoreHarness): void {
  describe('history: scope and order', () => {
    it('instance history lists versions newest first with the total', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const page = await store.history({ resourceType: 'Patient', id: 'a', count: 10, offset: 0 });
      expect(page.total).toBe(3);
      expect(refs(page.versions)).toEqual(['Patient/a/_history/3', 'Patient/a/_history/2', 'Patient/a/_history/1']);
      const deleted = await store.history({ resourceType: 'Patient', id: 'b', count: 10, offset: 0 });
      expect(deleted.versions.map((v) => [v.versionId, v.deleted, v.method])).toEqual([
        ['2', true, 'DELETE'],
        ['1', false, 'PUT'],
      ]);
    });

    it('type history covers every id of one type only, newest first', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const page = await store.history({ resourceType: 'Patient', count: 10, offset: 0 });
      expect(page.total).toBe(5);
      expect(refs(page.versions)).toEqual([
        'Patient/a/_history/3',
        'Patient/b/_history/2',
        'Patient/a/_history/2',
        'Patient/b/_history/1',
        'Patient/a/_history/1',
      ]);
    });

    it('system history covers all types, newest first', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const page = await everything(store);
      expect(page.total).toBe(6);
      expect(page.versions.map((v) => v.lastUpdated)).toEqual([6, 5, 4, 3, 2, 1].map(at));
      expect(refs(page.versions)).toContain('Observation/o/_history/1');
    });
  });
}

function describeHistoryFilters(harness: ResourceStoreHarness): void {
  describe('history: paging and time filters', () => {
    it('pages with count and offset without changing the total', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const all = refs((await everything(store)).versions);
      const pages = [];
      for (let offset = 0; offset < 8; offset += 4) {
        const page = await store.history({ count: 4, offset });
        expect(page.total).toBe(6);
        pages.push(...refs(page.versions));
      }
      expect(pages).toEqual(all);
      const beyond = await store.history({ count: 4, offset: 40 });
      expect(beyond).toMatchObject({ total: 6, versions: [] });
      expect((await store.history({ count: 0, offset: 0 })).versions).toEqual([]);
    });

    it('pins later pages to the first page upTo, so writes in between neither repeat nor shift rows', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const all = refs((await everything(store)).versions);
      const first = await store.history({ count: 3, offset: 0 });
      await commitEach(store, [put('Patient', 'a', 4, { at: 7 }), put('Patient', 'c', 1, { at: 8 })]);
      const second = await store.history({ count: 3, offset: 3, upTo: first.upTo });
      expect(second.total).toBe(6);
      expect(second.upTo).toBe(first.upTo);
      expect([...refs(first.versions), ...refs(second.versions)]).toEqual(all);
      const fresh = await store.history({ count: 3, offset: 0 });
      expect(fresh.total).toBe(8);
      expect(fresh.upTo).toBeGreaterThan(first.upTo);
    });

    it('since keeps versions updated at or after the instant, and counts only those', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const page = await store.history({ since: at(4), count: 2, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.versions.map((v) => v.lastUpdated)).toEqual([at(6), at(5)]);
      const typed = await store.history({ resourceType: 'Observation', since: at(4), count: 10, offset: 0 });
      expect(typed).toMatchObject({ total: 0, versions: [] });
    });

    it('before keeps versions updated at or before the instant', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      const page = await store.history({ resourceType: 'Patient', before: at(4), count: 10, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.versions.map((v) => v.lastUpdated)).toEqual([at(4), at(3), at(1)]);
    });

    it('an unknown resource or type has an empty history', async () => {
      const store = await harness.createStore();
      await seedHistory(store);
      expect(await store.history({ resourceType: 'Patient', id: 'zzz', count: 10, offset: 0 })).toMatchObject({
        total: 0,
        versions: [],
      });
      expect(await store.history({ resourceType: 'Encounter', count: 10, offset: 0 })).toMatchObject({
        total: 0,
        versions: [],
      });
    });
  });
}

function describeCommit(harness: ResourceStoreHarness): void {
  describe('commit: all or nothing', () => {
    it('an empty unit of work changes nothing', async () => {
      const store = await harness.createStore();
      await store.commit({ writes: [] });
      expect(await everything(store)).toMatchObject({ total: 0, versions: [] });
    });

    it('a unit whose last write has a stale version leaves nothing behind', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'c', 1), put('Patient', 'c', 2)]);
      const before = await everything(store);
      const unit = {
        writes: [
          put('Patient', 'a', 1),
          put('Observation', 'b', 1),
          put('Patient', 'c', 3, { expect: { kind: 'version', versionId: '1' } }),
        ],
      };
      await expectConflict(store.commit(unit), 2);
      expect(await store.readCurrent('Patient', 'a')).toBeUndefined();
      expect(await store.readCurrent('Observation', 'b')).toBeUndefined();
      expect((await store.readCurrent('Patient', 'c'))?.versionId).toBe('2');
      expect(await store.readVersion('Patient', 'c', '3')).toBeUndefined();
      expect(await everything(store)).toEqual(before);
    });

    it('a unit whose last write creates an existing resource leaves nothing behind', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'c', 1)]);
      const before = await everything(store);
      const unit = { writes: [put('Patient', 'a', 1), put('Patient', 'a', 2), put('Patient', 'c', 1)] };
      await expectConflict(store.commit(unit), 2);
      expect(await store.readCurrent('Patient', 'a')).toBeUndefined();
      expect(await store.history({ resourceType: 'Patient', id: 'a', count: 10, offset: 0 })).toMatchObject({
        total: 0,
        versions: [],
      });
      expect(await everything(store)).toEqual(before);
    });
  });
}

function describeConflicts(harness: ResourceStoreHarness): void {
  describe('commit: failed expectations', () => {
    it('rejects a create that expects absence when the resource exists', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1, { body: { gender: 'female' } })]);
      await expectConflict(store.commit({ writes: [put('Patient', 'p1', 1, { body: { gender: 'male' } })] }), 0);
      expect(((await store.readCurrent('Patient', 'p1'))?.resource as fhir4.Patient).gender).toBe('female');
    });

    it('rejects an update whose expected version is stale', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1), put('Patient', 'p1', 2)]);
      await expectConflict(
        store.commit({ writes: [put('Patient', 'p1', 2, { expect: { kind: 'version', versionId: '1' } })] }),
        0,
      );
      expect((await store.history({ resourceType: 'Patient', id: 'p1', count: 10, offset: 0 })).total).toBe(2);
    });

    it('rejects an update that expects a version of a resource never stored', async () => {
      const store = await harness.createStore();
      await expectConflict(store.commit({ writes: [put('Patient', 'p1', 2)] }), 0);
      expect(await store.readCurrent('Patient', 'p1')).toBeUndefined();
    });
  });
}

function describeSameResource(harness: ResourceStoreHarness): void {
  describe('commit: several versions of one resource', () => {
    it('applies a create and an update of the same resource in one unit', async () => {
      const store = await harness.createStore();
      await store.commit({
        writes: [
          put('Patient', 'p1', 1, { method: 'POST' }),
          put('Patient', 'p1', 2, { at: 1, body: { active: true } }),
        ],
      });
      const current = await store.readCurrent('Patient', 'p1');
      expect(current).toMatchObject({ versionId: '2', resource: { active: true } });
      const history = await store.history({ resourceType: 'Patient', id: 'p1', count: 10, offset: 0 });
      expect(history.versions.map((v) => [v.versionId, v.method])).toEqual([
        ['2', 'PUT'],
        ['1', 'POST'],
      ]);
    });

    it('checks a second write of the same resource against the first write of the unit', async () => {
      const store = await harness.createStore();
      await expectConflict(store.commit({ writes: [put('Patient', 'p1', 1), put('Patient', 'p1', 1, { at: 2 })] }), 1);
      expect(await everything(store)).toMatchObject({ total: 0, versions: [] });
    });

    it('counts a delete marker as present: re-creating must expect its version', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1), del('Patient', 'p1', 2)]);
      await expectConflict(store.commit({ writes: [put('Patient', 'p1', 1, { at: 3 })] }), 0);
      await store.commit({ writes: [put('Patient', 'p1', 3, { body: { active: false } })] });
      expect(await store.readCurrent('Patient', 'p1')).toMatchObject({
        versionId: '3',
        deleted: false,
        resource: { active: false },
      });
      const history = await store.history({ resourceType: 'Patient', id: 'p1', count: 10, offset: 0 });
      expect(history.versions.map((v) => [v.versionId, v.deleted])).toEqual([
        ['3', false],
        ['2', true],
        ['1', false],
      ]);
    });
  });
}

function describeConcurrency(harness: ResourceStoreHarness): void {
  describe('concurrent commits', () => {
    it('of concurrent updates expecting the same version exactly one wins', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1)]);
      const contenders = ['a', 'b', 'c', 'd'].map((tag) => put('Patient', 'p1', 2, { body: { gender: tag } }));
      const results = await Promise.allSettled(contenders.map((write) => store.commit({ writes: [write] })));
      const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [contenders[i]!] : []));
      expect(winners).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WriteConflictError);
      expect((await store.readCurrent('Patient', 'p1'))?.resource).toEqual(winners[0]!.resource);
      expect((await store.history({ resourceType: 'Patient', id: 'p1', count: 10, offset: 0 })).total).toBe(2);
    });

    it('of concurrent creates of the same id exactly one wins', async () => {
      const store = await harness.createStore();
      const contenders = ['a', 'b', 'c'].map((tag) => put('Patient', 'p1', 1, { body: { gender: tag } }));
      const results = await Promise.allSettled(contenders.map((write) => store.commit({ writes: [write] })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await everything(store)).total).toBe(1);
    });
  });
}
