import { describe, expect, it } from 'vitest';
import { createMemoryResourceStore } from '../storage/memory/memory-resource-store.js';
import { validateResource } from '../validation/validate-resource.js';
import { createApp } from './app.js';

const app = createApp({
  store: createMemoryResourceStore(),
  clock: () => new Date(),
  validate: validateResource,
  newId: () => 'p1',
  config: { maxBodyBytes: 1024 * 1024, softwareVersion: 'test' },
});
const FHIR = { 'content-type': 'application/fhir+json' };

describe('X-Request-Id', () => {
  it('echoes the id a client sent, on a success and on an error', async () => {
    const created = await app.request('/fhir/Patient', {
      method: 'POST',
      headers: { ...FHIR, 'x-request-id': 'client-1' },
      body: JSON.stringify({ resourceType: 'Patient' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe('client-1');
    const missing = await app.request('/fhir/Patient/none', { headers: { 'x-request-id': 'client-2' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('client-2');
  });

  it('gives every error an id of its own when the client sent none', async () => {
    const missing = await app.request('/fhir/Patient/none');
    const noRoute = await app.request('/nowhere');
    const ids = [missing, noRoute].map((r) => r.headers.get('x-request-id'));
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
