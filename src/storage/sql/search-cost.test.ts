import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../search/parse-search.js';
import type { StoreSearchQuery } from '../../search/search-request.js';
import { isIndexBoundedSearch } from './search-cost.js';

/** The store query the REST layer would build for `Patient?query` (default count and total cap). */
function queryOf(search: string): StoreSearchQuery {
  const parsed = parseSearch('Patient', new URLSearchParams(search), { strict: true, now: Date.now() });
  const total = parsed.total !== 'none';
  return {
    resourceType: 'Patient',
    conditions: parsed.conditions,
    sort: parsed.sort,
    count: 20,
    total,
    ...(total && parsed.total === undefined ? { totalLimit: 1000 } : {}),
  };
}

describe('isIndexBoundedSearch', () => {
  it.each([
    '',
    'identifier=urn:kz:iin|123',
    'gender=female',
    '_id=p-1',
    'family:exact=Kim',
    'organization=Organization/o1',
  ])('keeps %s on the main connection (one equality, answered in page order)', (search) =>
    expect(isIndexBoundedSearch(queryOf(search))).toBe(true),
  );

  it.each([
    'family=Ki',
    'family:contains=im',
    'gender:not=male',
    'gender:missing=true',
    'gender=male,female',
    'gender=female&family:exact=Kim',
    'birthdate=ge2020-01-01',
    '_sort=family',
    'gender=female&_total=accurate',
    '_has:Observation:subject:code=1234',
    'organization.name=Clinic',
  ])('sends %s to the search reads (cost grows with the data)', (search) =>
    expect(isIndexBoundedSearch(queryOf(search))).toBe(false),
  );
});
