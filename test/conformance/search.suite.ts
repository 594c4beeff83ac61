/**
 * The search conformance suite: the same searches against every {@link ResourceStore} adapter.
 * Hand-worked expectations on patronage-shaped data cover each parameter type, modifier and
 * prefix; on the official R4 examples, queries derived from the data compare the adapter with
 * the in-memory oracle result for result. Web-standard only, so it also runs in workerd (D1).
 * @see https://hl7.org/fhir/R4/search.html
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { FhirError } from '../../src/fhir/outcome.js';
import type { RestContext } from '../../src/rest/context.js';
import { searchType } from '../../src/rest/search.js';
import { createMemoryResourceStore } from '../../src/storage/memory/memory-resource-store.js';
import type { ResourceStore } from '../../src/storage/port.js';
import { R4_EXAMPLE_CASES, SEARCH_CASES } from './search-cases.js';
import { deriveCorpusQueries, type DerivedQuery } from './search-differential.js';
import { R4_SEARCH_EXAMPLES } from './search-examples.js';
import { PATRONAGE_RESOURCES } from './search-patronage-data.js';
import { describeSearchResultParameters } from './search-result-params.suite.js';
import { SUITE_NOW, seedStore } from './search-seed.js';

/** How a runner provides stores. */
export interface SearchHarness {
  /** A new, empty store. */
  createStore(): Promise<ResourceStore>;
  /** How many derived queries to run on the R4 examples (fewer on slow runtimes). */
  derivedQueries?: number;
}

/** A REST context over `store` with the suite's fixed clock. */
export function suiteContext(store: ResourceStore): RestContext {
  return { store, clock: () => new Date(SUITE_NOW), validate: () => [], newId: () => crypto.randomUUID() };
}

/** Runs `Type?query` and returns the Bundle. */
export async function runSearch(ctx: RestContext, query: string, strict = false): Promise<fhir4.Bundle> {
  const [resourceType = '', search = ''] = query.split('?', 2);
  return searchType(ctx, { resourceType, params: new URLSearchParams(search), baseUrl: 'http://test/fhir', strict });
}

/** The ids of the `match` entries, in Bundle order. */
export function matchIds(bundle: fhir4.Bundle): string[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource!.id!);
}

/** Registers the suite for one adapter. */
export function describeSearchConformance(name: string, harness: SearchHarness): void {
  describe(`search conformance: ${name}`, () => {
    let ctx: RestContext;
    beforeAll(async () => {
      const store = await harness.createStore();
      await seedStore(store, PATRONAGE_RESOURCES);
      ctx = suiteContext(store);
    });

    for (const [group, cases] of Object.entries(SEARCH_CASES)) {
      describe(group, () => {
        for (const c of cases) {
          it(`${c.query} → [${c.ids.join(', ')}]`, async () => {
            const ids = matchIds(await runSearch(ctx, `${c.query}&_count=100`));
            expect(c.ordered ? ids : [...ids].sort()).toEqual(c.ordered ? c.ids : [...c.ids].sort());
          });
        }
      });
    }

    describeSearchResultParameters(() => ctx, harness);
    describeDifferential(harness);
  });
}

function describeDifferential(harness: SearchHarness): void {
  describe('R4 examples: adapter equals the in-memory oracle', () => {
    let adapter: RestContext;
    let oracle: RestContext;
    beforeAll(async () => {
      const store = await harness.createStore();
      const memory = createMemoryResourceStore();
      await seedStore(store, R4_SEARCH_EXAMPLES);
      await seedStore(memory, R4_SEARCH_EXAMPLES);
      adapter = suiteContext(store);
      oracle = suiteContext(memory);
    });

    it('loads a corpus of examples of the stored types', () => {
      expect(R4_SEARCH_EXAMPLES.length).toBeGreaterThan(150);
    });

    it('reads back every example of the referral, consent and care types as it was stored', async () => {
      const added = R4_SEARCH_EXAMPLES.filter((r) => ADDED_TYPES.has(r.resourceType));
      expect(added.length).toBeGreaterThan(50);
      for (const example of added) {
        const stored = await adapter.store.readCurrent(example.resourceType, example.id!);
        const { meta: _meta, ...body } = stored!.resource!;
        const { meta: _original, ...expected } = example;
        expect(body, `${example.resourceType}/${example.id}`).toEqual(expected);
      }
    });

    for (const c of R4_EXAMPLE_CASES) {
      it(`${c.query} → [${c.ids.join(', ')}]`, async () => {
        const ids = matchIds(await runSearch(adapter, `${c.query}&_count=100`));
        expect([...ids].sort()).toEqual([...c.ids].sort());
      });
    }

    it('returns the same pages, totals and includes for result parameters', async () => {
      const queries = [
        'Observation?_sort=-date,code&_count=7',
        'Observation?_include=Observation:subject&_revinclude=Observation:has-member&_count=15',
        'Encounter?_revinclude=Observation:encounter&_include=Encounter:subject&_include:iterate=Patient:general-practitioner',
        'Patient?_sort=family,-birthdate&_count=5',
        'Condition?_sort=-onset-date&_count=4&_has:Encounter:diagnosis:status=finished',
        'CarePlan?_count=3&_sort=date',
      ];
      for (const query of queries) {
        const pages = await walk(adapter, query);
        expect((pages[0] as { total: number }).total, query).toBeGreaterThan(0);
        expect(pages, query).toEqual(await walk(oracle, query));
      }
    });

    it('returns the same ids in the same order for queries derived from every parameter type', async () => {
      const queries = deriveCorpusQueries(R4_SEARCH_EXAMPLES, harness.derivedQueries ?? 1500);
      expect(queries.length).toBeGreaterThan(300);
      expect(await compareDerived(adapter, oracle, queries)).toEqual({ mismatches: [], missing: [] });
    });

    // The whole corpus is thinned evenly, so the types added last get their own share.
    it('returns the same ids for queries derived from the referral, consent and care types', async () => {
      const added = R4_SEARCH_EXAMPLES.filter((r) => ADDED_TYPES.has(r.resourceType));
      const queries = deriveCorpusQueries(added, (harness.derivedQueries ?? 1500) / 3);
      expect(new Set(queries.map((q) => q.query.split('?')[0]))).toEqual(ADDED_TYPES);
      expect(await compareDerived(adapter, oracle, queries)).toEqual({ mismatches: [], missing: [] });
    });
  });
}

/** Types served since issue 10, whose R4 examples joined the corpus. */
const ADDED_TYPES: ReadonlySet<string> = new Set([
  'Task',
  'ServiceRequest',
  'Communication',
  'Consent',
  'Procedure',
  'Goal',
]);

/** Runs each query on both stores: results that differ, and sources a query should have found. */
async function compareDerived(
  adapter: RestContext,
  oracle: RestContext,
  queries: readonly DerivedQuery[],
): Promise<{ mismatches: string[]; missing: string[] }> {
  const mismatches: string[] = [];
  const missing: string[] = [];
  for (const { query, mustInclude } of queries) {
    const [got, want] = await Promise.all([outcome(adapter, query), outcome(oracle, query)]);
    if (JSON.stringify(got) !== JSON.stringify(want))
      mismatches.push(`${query}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    if (mustInclude && Array.isArray(got) && !got.includes(mustInclude)) missing.push(`${query} lacks ${mustInclude}`);
  }
  return { mismatches, missing };
}

/** Every page of `query` through its next links: totals, entries (mode and id), link relations. */
async function walk(ctx: RestContext, query: string): Promise<unknown[]> {
  const pages: unknown[] = [];
  let next: string | undefined = query;
  while (next && pages.length < 50) {
    const bundle = await runSearch(ctx, next);
    pages.push({
      total: bundle.total,
      entries: (bundle.entry ?? []).map((e) => `${e.search?.mode}:${e.resource?.resourceType}/${e.resource?.id}`),
      links: (bundle.link ?? []).map((l) => l.relation),
    });
    next = bundle.link?.find((l) => l.relation === 'next')?.url.replace('http://test/fhir/', '');
  }
  return pages;
}

/** Ids of all matches, or the HTTP status of a refused query. */
async function outcome(ctx: RestContext, query: string): Promise<string[] | number> {
  try {
    return matchIds(await runSearch(ctx, `${query}&_count=1000`));
  } catch (thrown) {
    if (thrown instanceof FhirError) return thrown.status;
    throw thrown;
  }
}
