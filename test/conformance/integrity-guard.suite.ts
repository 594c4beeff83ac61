/**
 * Integrity guards of the storage port: references that must name live resources, deletes of
 * resources still referenced, identifiers declared unique. Checked against the state the unit
 * leaves, inside the same atomic commit, so a concurrent create and delete cannot both win.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { emptyIndexRows, type SearchIndexRows } from '../../src/search/index-rows.js';
import {
  DanglingReferenceError,
  DuplicateIdentifierError,
  MAX_REFERRERS_LISTED,
  ReferencedResourceError,
  WriteConflictError,
  type ResourceStore,
  type ResourceWrite,
  type UnitOfWork,
} from '../../src/storage/port.js';
import { commitEach, del, everything, put } from './resource-store-fixtures.js';
import type { ResourceStoreHarness } from './resource-store.suite.js';

const IIN = 'https://fhir.patronage.kz/sid/iin';

/** A write whose index holds references to `targets` (relative, or absolute when they contain `:`). */
function referring(type: string, id: string, version: number, targets: string[]): ResourceWrite {
  const index = emptyIndexRows();
  for (const url of targets) {
    const [targetType, targetId] = url.split('/').slice(-2);
    index.reference.push({ code: 'subject', targetType: targetType!, targetId: targetId!, url });
  }
  return withIndex(put(type, id, version), index);
}

/** A Patient write indexed with the identifier `system|value`. */
function holding(id: string, version: number, value: string, system = IIN): ResourceWrite {
  const index = emptyIndexRows();
  index.token.push({ code: 'identifier', system, value, text: null });
  return withIndex(put('Patient', id, version), index);
}

function withIndex(write: ResourceWrite, index: SearchIndexRows): ResourceWrite {
  return { ...write, index };
}

const mustExist = (writeIndex: number, ...keys: string[]) => ({
  references: keys.map((k) => ({
    resourceType: k.split('/')[0]!,
    id: k.split('/')[1]!,
    writeIndex,
    expression: 'Observation.subject',
  })),
});
const unreferenced = (writeIndex: number, key: string) => ({
  unreferenced: [{ resourceType: key.split('/')[0]!, id: key.split('/')[1]!, writeIndex }],
});
const unique = (write: ResourceWrite, value: string, writeIndex = 0, system = IIN) => ({
  identifiers: [{ resourceType: write.resourceType, id: write.id, system, value, writeIndex }],
});

async function failure(store: ResourceStore, unit: UnitOfWork): Promise<unknown> {
  return store.commit(unit).then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Registers the integrity-guard cases for one adapter. */
export function describeIntegrityGuards(harness: ResourceStoreHarness): void {
  describeReferenceTargets(harness);
  describeUnreferenced(harness);
  describeUniqueIdentifiers(harness);
  describeIntegrityRaces(harness);
}

function describeReferenceTargets(harness: ResourceStoreHarness): void {
  describe('commit: reference targets must exist', () => {
    it('commits a reference to a live resource, or to one the same unit creates', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1)]);
      await store.commit({
        writes: [referring('Observation', 'o1', 1, ['Patient/p1'])],
        integrity: mustExist(0, 'Patient/p1'),
      });
      const unit = { writes: [put('Patient', 'p2', 1), referring('Observation', 'o2', 1, ['Patient/p2'])] };
      await store.commit({ ...unit, integrity: mustExist(1, 'Patient/p2') });
      expect((await everything(store)).total).toBe(4);
    });

    it('rejects a reference to a resource never stored, deleted, or deleted by the same unit', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'gone', 1), del('Patient', 'gone', 2), put('Patient', 'here', 1)]);
      const cases: UnitOfWork[] = [
        { writes: [referring('Observation', 'o', 1, ['Patient/never'])], integrity: mustExist(0, 'Patient/never') },
        { writes: [referring('Observation', 'o', 1, ['Patient/gone'])], integrity: mustExist(0, 'Patient/gone') },
        {
          writes: [del('Patient', 'here', 2), referring('Observation', 'o', 1, ['Patient/here'])],
          integrity: mustExist(1, 'Patient/here'),
        },
      ];
      for (const unit of cases) {
        const error = await failure(store, unit);
        expect(error, JSON.stringify(unit.integrity)).toBeInstanceOf(DanglingReferenceError);
        expect((error as DanglingReferenceError).missing).toEqual(unit.integrity!.references);
        expect((error as DanglingReferenceError).writeIndex).toBe(unit.writes.length - 1);
      }
      expect((await everything(store)).total).toBe(3);
    });

    it('lists every missing target and only those', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1)]);
      const write = referring('Observation', 'o', 1, ['Patient/p1', 'Patient/x', 'Practitioner/y']);
      const error = await failure(store, {
        writes: [write],
        integrity: mustExist(0, 'Patient/p1', 'Patient/x', 'Practitioner/y'),
      });
      expect((error as DanglingReferenceError).missing.map((m) => `${m.resourceType}/${m.id}`)).toEqual([
        'Patient/x',
        'Practitioner/y',
      ]);
    });
  });
}

function describeUnreferenced(harness: ResourceStoreHarness): void {
  describe('commit: a deleted resource must not be referenced', () => {
    it('rejects deleting a resource a current resource refers to, naming the referrer', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1), referring('Observation', 'o1', 1, ['Patient/p1'])]);
      const error = await failure(store, {
        writes: [del('Patient', 'p1', 2)],
        integrity: unreferenced(0, 'Patient/p1'),
      });
      expect(error).toBeInstanceOf(ReferencedResourceError);
      expect((error as ReferencedResourceError).referrers).toEqual([{ resourceType: 'Observation', id: 'o1' }]);
      expect((error as ReferencedResourceError).more).toBe(false);
      expect((await store.readCurrent('Patient', 'p1'))?.deleted).toBe(false);
    });

    it('allows it once the referrer is deleted, or when the same unit deletes or rewrites the referrer', async () => {
      const store = await harness.createStore();
      const targets = ['a', 'b', 'c'].map((id) => put('Patient', id, 1));
      const referrers = ['a', 'b', 'c'].map((id) => referring('Observation', id, 1, [`Patient/${id}`]));
      await commitEach(store, [...targets, ...referrers]);
      await commitEach(store, [del('Observation', 'a', 2)]);
      await store.commit({ writes: [del('Patient', 'a', 2)], integrity: unreferenced(0, 'Patient/a') });
      await store.commit({
        writes: [del('Observation', 'b', 2), del('Patient', 'b', 2)],
        integrity: unreferenced(1, 'Patient/b'),
      });
      await store.commit({
        writes: [put('Observation', 'c', 2), del('Patient', 'c', 2)],
        integrity: unreferenced(1, 'Patient/c'),
      });
      for (const id of ['a', 'b', 'c']) expect((await store.readCurrent('Patient', id))?.deleted).toBe(true);
    });

    it('lets an AuditEvent name a deleted resource: stored before, or written in the delete itself', async () => {
      const store = await harness.createStore();
      await commitEach(store, [put('Patient', 'p1', 1), referring('AuditEvent', 'read-1', 1, ['Patient/p1'])]);
      await store.commit({
        writes: [del('Patient', 'p1', 2), referring('AuditEvent', 'delete-1', 1, ['Patient/p1'])],
        integrity: unreferenced(0, 'Patient/p1'),
      });
      expect((await store.readCurrent('Patient', 'p1'))?.deleted).toBe(true);
    });

    it('ignores absolute references (another server) and rejects a referrer the same unit writes', async () => {
      const store = await harness.createStore();
      await commitEach(store, [
        put('Patient', 'p1', 1),
        put('Patient', 'p2', 1),
        referring('Observation', 'far', 1, ['https://other.example/fhir/Patient/p1']),
      ]);
      await store.commit({ writes: [del('Patient', 'p1', 2)], integrity: unreferenced(0, 'Patient/p1') });
      const unit = { writes: [referring('Observation', 'near', 1, ['Patient/p2']), del('Patient', 'p2', 2)] };
      const error = await failure(store, { ...unit, integrity: unreferenced(1, 'Patient/p2') });
      expect((error as ReferencedResourceError).referrers).toEqual([{ resourceType: 'Observation', id: 'near' }]);
    });

    it(`lists at most ${MAX_REFERRERS_LISTED} referrers and says there are more`, async () => {
      const store = await harness.createStore();
      const count = MAX_REFERRERS_LISTED + 2;
      const writes = Array.from({ length: count }, (_, i) => referring('Observation', `o${i}`, 1, ['Patient/p1']));
      await store.commit({ writes: [put('Patient', 'p1', 1), ...writes] });
      const error = await failure(store, {
        writes: [del('Patient', 'p1', 2)],
        integrity: unreferenced(0, 'Patient/p1'),
      });
      expect((error as ReferencedResourceError).referrers).toHaveLength(MAX_REFERRERS_LISTED);
      expect((error as ReferencedResourceError).more).toBe(true);
    });
  });
}

function describeUniqueIdentifiers(harness: ResourceStoreHarness): void {
  describe('commit: identifiers declared unique', () => {
    it('rejects a second resource with the identifier, naming the first', async () => {
      const store = await harness.createStore();
      await commitEach(store, [holding('first', 1, '900101300017')]);
      const second = holding('second', 1, '900101300017');
      const error = await failure(store, { writes: [second], integrity: unique(second, '900101300017') });
      expect(error).toBeInstanceOf(DuplicateIdentifierError);
      expect((error as DuplicateIdentifierError).existing).toEqual({ resourceType: 'Patient', id: 'first' });
      expect(await store.readCurrent('Patient', 'second')).toBeUndefined();
    });

    it('allows the same value in another system, an update of the holder, and reuse after a delete', async () => {
      const store = await harness.createStore();
      await commitEach(store, [holding('first', 1, '900101300017')]);
      const other = holding('other', 1, '900101300017', 'urn:oid:1.2.3');
      await store.commit({ writes: [other], integrity: unique(other, '900101300017', 0, 'urn:oid:1.2.3') });
      const again = holding('first', 2, '900101300017');
      await store.commit({ writes: [again], integrity: unique(again, '900101300017') });
      await commitEach(store, [del('Patient', 'first', 3)]);
      const reuse = holding('reuse', 1, '900101300017');
      await store.commit({ writes: [reuse], integrity: unique(reuse, '900101300017') });
      expect((await store.readCurrent('Patient', 'reuse'))?.versionId).toBe('1');
    });

    it('rejects two resources of one unit with the same identifier', async () => {
      const store = await harness.createStore();
      const [a, b] = [holding('a', 1, '850520400015'), holding('b', 1, '850520400015')];
      const identifiers = [...unique(a, '850520400015', 0).identifiers, ...unique(b, '850520400015', 1).identifiers];
      const error = await failure(store, { writes: [a, b], integrity: { identifiers } });
      expect(error).toBeInstanceOf(DuplicateIdentifierError);
      expect((await everything(store)).total).toBe(0);
    });

    it('reports a failing search guard as a lost race before a duplicate identifier', async () => {
      const store = await harness.createStore();
      await commitEach(store, [holding('first', 1, '240315600000')]);
      const second = holding('second', 1, '240315600000');
      const conditions = [
        {
          kind: 'param' as const,
          table: 'token' as const,
          code: 'identifier',
          values: [{ kind: 'token' as const, system: IIN, code: '240315600000' }],
        },
      ];
      const error = await failure(store, {
        writes: [second],
        guards: [{ resourceType: 'Patient', conditions }],
        integrity: unique(second, '240315600000'),
      });
      expect(error).toBeInstanceOf(WriteConflictError);
    });
  });
}

function describeIntegrityRaces(harness: ResourceStoreHarness): void {
  describe('concurrent commits with integrity guards', () => {
    it('of a create referring to a resource and the delete of that resource exactly one wins', async () => {
      const store = await harness.createStore();
      const ids = Array.from({ length: 10 }, (_, i) => `p${i}`);
      await commitEach(
        store,
        ids.map((id) => put('Patient', id, 1)),
      );
      const results = await Promise.all(
        ids.map(async (id, i) => {
          const create = () =>
            store.commit({
              writes: [referring('Observation', `o${i}`, 1, [`Patient/${id}`])],
              integrity: mustExist(0, `Patient/${id}`),
            });
          const remove = () =>
            store.commit({ writes: [del('Patient', id, 2)], integrity: unreferenced(0, `Patient/${id}`) });
          // Half the pairs start the delete first.
          return Promise.allSettled(i % 2 ? [remove(), create()] : [create(), remove()]);
        }),
      );
      for (const pair of results) {
        expect(pair.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of pair) {
          if (r.status === 'rejected')
            expect([DanglingReferenceError, ReferencedResourceError]).toContain(r.reason.constructor);
        }
      }
    });

    it('of concurrent creates with the same unique identifier exactly one wins', async () => {
      const store = await harness.createStore();
      const writes = ['a', 'b', 'c', 'd', 'e'].map((id) => holding(id, 1, '900101300017'));
      const results = await Promise.allSettled(
        writes.map((w) => store.commit({ writes: [w], integrity: unique(w, '900101300017') })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DuplicateIdentifierError);
      expect((await everything(store)).total).toBe(1);
    });
  });
}
