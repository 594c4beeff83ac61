import { describe, expect, it } from 'vitest';
import type { ResourceStore, StoredVersion } from '../storage/port.js';
import { guardStore } from './guarded-store.js';
import { anonymousAdmin, type Principal } from './principal.js';
import { createRequestAccess } from './request-access.js';

/** A store whose one version counts how often its body is looked at. */
function storeWithCountedBody(resourceType: string): { store: ResourceStore; looks: () => number } {
  let looks = 0;
  const version = {
    resourceType,
    id: 'x',
    versionId: '1',
    lastUpdated: '2026-01-01T00:00:00.000Z',
    deleted: false,
    method: 'POST',
  } as StoredVersion;
  Object.defineProperty(version, 'resource', {
    enumerable: true,
    get: () => {
      looks += 1;
      return {
        resourceType,
        id: 'x',
        meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' }] },
      };
    },
  });
  const store = { readCurrent: async () => version } as unknown as ResourceStore;
  return { store, looks: () => looks };
}

describe('guardStore read', () => {
  it('hands a version on without looking at its body when nothing about it depends on the body', async () => {
    const { store, looks } = storeWithCountedBody('Patient');
    const access = createRequestAccess(anonymousAdmin(), store, false);
    expect(await guardStore(store, access).readCurrent('Patient', 'x')).toBeDefined();
    expect(looks()).toBe(0);
  });

  it('records the read for the audit without the body outside the patient compartment', async () => {
    const { store, looks } = storeWithCountedBody('Organization');
    const access = createRequestAccess(anonymousAdmin(), store, true);
    await guardStore(store, access).readCurrent('Organization', 'x');
    expect([...access.entities]).toEqual(['Organization/x']);
    expect(looks()).toBe(0);
  });

  it('still checks the labels of a caller who lacks one', async () => {
    const { store, looks } = storeWithCountedBody('Organization');
    const principal: Principal = { ...anonymousAdmin(), labels: new Set(['V']) };
    const access = createRequestAccess(principal, store, false);
    expect(await guardStore(store, access).readCurrent('Organization', 'x')).toBeUndefined();
    expect(looks()).toBeGreaterThan(0);
  });
});
