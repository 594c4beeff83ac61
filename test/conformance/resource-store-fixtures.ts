/**
 * Builders and checks shared by the storage conformance suites: versions at fixed instants,
 * commits one write at a time, compact views of history.
 * @module
 */
import { expect } from 'vitest';
import {
  WriteConflictError,
  type ResourceStore,
  type ResourceWrite,
  type StoredVersion,
  type WriteExpectation,
  type WriteMethod,
} from '../../src/storage/port.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');

/** The instant `seconds` after a fixed start, as the store keeps it. */
export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

export interface WriteOptions {
  /** Seconds after T0 for `lastUpdated`; defaults to `version`. */
  at?: number;
  expect?: WriteExpectation;
  method?: WriteMethod;
  /** Extra elements of the body. */
  body?: Record<string, unknown>;
}

/** A write of version `version`; by default it expects the previous version (or absence). */
export function put(resourceType: string, id: string, version: number, options: WriteOptions = {}): ResourceWrite {
  const versionId = String(version);
  const lastUpdated = at(options.at ?? version);
  const resource = { resourceType, id, meta: { versionId, lastUpdated }, ...options.body } as fhir4.Resource;
  return {
    resourceType,
    id,
    versionId,
    lastUpdated,
    method: options.method ?? 'PUT',
    resource,
    expect: options.expect ?? expectPrevious(version),
  };
}

/** A delete marker as version `version`. */
export function del(resourceType: string, id: string, version: number, options: { at?: number } = {}): ResourceWrite {
  const write = put(resourceType, id, version, { ...options, method: 'DELETE' });
  delete write.resource;
  return write;
}

function expectPrevious(version: number): WriteExpectation {
  return version === 1 ? { kind: 'absent' } : { kind: 'version', versionId: String(version - 1) };
}

/** Commits each write in its own unit of work, in order. */
export async function commitEach(store: ResourceStore, writes: ResourceWrite[]): Promise<void> {
  for (const write of writes) await store.commit({ writes: [write] });
}

/** Everything the store holds, as system history sees it. */
export async function everything(store: ResourceStore) {
  return store.history({ count: 10_000, offset: 0 });
}

/** `type/id/_history/vid` of each version, for compact comparisons. */
export function refs(versions: StoredVersion[]): string[] {
  return versions.map((v) => `${v.resourceType}/${v.id}/_history/${v.versionId}`);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error ?? new Error('rejected with nothing'),
  );
}

export async function expectConflict(promise: Promise<void>, writeIndex: number): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WriteConflictError);
  expect((error as WriteConflictError).writeIndex).toBe(writeIndex);
}
