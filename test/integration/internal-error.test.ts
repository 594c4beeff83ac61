/**
 * A failure inside the server (here: the storage port rejecting) becomes a 500 OperationOutcome
 * that names the request id and reveals no stack or message of the cause.
 */
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import type { ResourceStore } from '../../src/storage/port.js';
import { validateResource } from '../../src/validation/validate-resource.js';

function appWithBrokenStore() {
  const store: ResourceStore = {
    ...createMemoryResourceStore(),
    readCurrent: () => Promise.reject(new Error('disk on fire at /var/secret/path')),
  };
  return createApp({
    store,
    clock: () => new Date(),
    validate: validateResource,
    newId: () => 'fixed',
    config: { maxBodyBytes: 1024, softwareVersion: 'test' },
  });
}

describe('internal errors', () => {
  it('answers 500 with the request id and no internals', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = await appWithBrokenStore().request('/fhir/Patient/x', { headers: { 'x-request-id': 'req-42' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect(response.headers.get('x-request-id')).toBe('req-42');
    const text = await response.text();
    expect(text).toContain('req-42');
    expect(text).not.toContain('disk on fire');
    expect(text).not.toContain('/var/secret');
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
