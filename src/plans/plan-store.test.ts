import { describe, expect, it } from 'vitest';
import { parseValidationConfig } from '../config/validation-config.js';
import type { RestContext } from '../rest/context.js';
import { handleRequest } from '../rest/router.js';
import { createMemoryResourceStore } from '../storage/memory/memory-resource-store.js';
import type { StoreSearchQuery } from '../search/search-request.js';
import { createValidator } from '../validation/create-validator.js';
import { findResources } from './plan-store.js';

/** A context whose store records every search it is asked. */
function recordingContext(asked: StoreSearchQuery[]): RestContext {
  const store = createMemoryResourceStore();
  return {
    store: {
      ...store,
      search: (query) => {
        asked.push(query);
        return store.search(query);
      },
    },
    clock: () => new Date(),
    validate: createValidator(parseValidationConfig({})),
    newId: () => crypto.randomUUID(),
  };
}

describe('findResources', () => {
  it('finds the matches without asking the store to count them (nobody reads the total)', async () => {
    const asked: StoreSearchQuery[] = [];
    const ctx = recordingContext(asked);
    for (const [id, gender] of [
      ['a', 'female'],
      ['b', 'male'],
    ])
      await handleRequest(
        ctx,
        { method: 'PUT', url: `Patient/${id}`, body: { resourceType: 'Patient', id, gender } },
        {
          baseUrl: 'http://test/fhir',
        },
      );
    asked.length = 0;
    const found = await findResources<fhir4.Patient>(ctx, 'Patient', { gender: 'female' });
    expect(found.map((p) => p.id)).toEqual(['a']);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ resourceType: 'Patient', count: 100, total: false });
  });
});
