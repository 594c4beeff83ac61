/**
 * The in-memory reference adapter: the semantics every SQL adapter must match.
 * @module
 */
import {
  WriteConflictError,
  type HistoryPage,
  type HistoryQuery,
  type ResourceStore,
  type ResourceWrite,
  type StoredVersion,
  type OutboxRow,
  type UnitOfWork,
} from '../port.js';
import { findExpectationConflict } from '../expectations.js';
import type { SearchIndexRows } from '../../search/index-rows.js';
import { guardViolated, searchMemory } from './memory-search.js';
import { memoryIntegrityState } from './memory-integrity.js';
import { findIntegrityViolation } from '../integrity.js';

/** Options of {@link createMemoryResourceStore}. */
export interface MemoryStoreOptions {
  /** Receives the outbox rows of each unit, inside its commit (after every check passed). */
  outbox?: (rows: readonly OutboxRow[]) => void;
}

/** Creates an empty in-memory store. Each call returns an independent store. */
export function createMemoryResourceStore(options: MemoryStoreOptions = {}): ResourceStore {
  const current = new Map<string, StoredVersion>();
  const history: StoredVersion[] = [];
  const index = new Map<string, SearchIndexRows>();
  const key = (type: string, id: string) => `${type}/${id}`;

  return {
    async readCurrent(resourceType, id) {
      return clone(current.get(key(resourceType, id)));
    },
    async readVersion(resourceType, id, versionId) {
      return clone(history.find((v) => v.resourceType === resourceType && v.id === id && v.versionId === versionId));
    },
    async history(query) {
      return pageHistory(history, query);
    },
    async commit(unit: UnitOfWork) {
      const guard = (unit.guards ?? []).findIndex((g) => guardViolated({ current, index }, g));
      if (guard >= 0) throw new WriteConflictError(`search guard ${guard} matched an existing resource`);
      const stale = (unit.reads ?? []).find((r) => current.get(key(r.resourceType, r.id))?.versionId !== r.versionId);
      if (stale && unit.writes.length > 0) {
        throw new WriteConflictError(`${stale.resourceType}/${stale.id} is no longer at version ${stale.versionId}`);
      }
      const conflict = findExpectationConflict(unit.writes, (w) => current.get(key(w.resourceType, w.id))?.versionId);
      if (conflict !== undefined) {
        throw new WriteConflictError(`precondition failed for write ${conflict}`, conflict);
      }
      const violation = findIntegrityViolation(unit, memoryIntegrityState({ current, index }));
      if (violation) throw violation;
      for (const write of unit.writes) {
        const version = toStoredVersion(write);
        current.set(key(write.resourceType, write.id), version);
        history.push(version);
        if (write.resource && write.index) index.set(key(write.resourceType, write.id), structuredClone(write.index));
        else index.delete(key(write.resourceType, write.id));
      }
      if (unit.outbox?.length) options.outbox?.(structuredClone(unit.outbox));
    },
    async search(query) {
      return searchMemory({ current, index }, query);
    },
  };
}

function toStoredVersion(write: ResourceWrite): StoredVersion {
  const version: StoredVersion = {
    resourceType: write.resourceType,
    id: write.id,
    versionId: write.versionId,
    lastUpdated: write.lastUpdated,
    deleted: write.method === 'DELETE',
    method: write.method,
  };
  if (write.resource) version.resource = structuredClone(write.resource);
  return version;
}

function pageHistory(all: readonly StoredVersion[], query: HistoryQuery): HistoryPage {
  // A version's history position is its 1-based place in the append-only list.
  const upTo = query.upTo ?? all.length;
  const matching = all
    .slice(0, upTo)
    .filter((v) => !query.resourceType || v.resourceType === query.resourceType)
    .filter((v) => !query.id || v.id === query.id)
    .filter((v) => !query.since || v.lastUpdated >= query.since)
    .filter((v) => !query.before || v.lastUpdated <= query.before)
    .reverse();
  return {
    total: matching.length,
    versions: matching.slice(query.offset, query.offset + query.count).map((v) => structuredClone(v)),
    upTo,
  };
}

function clone<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
