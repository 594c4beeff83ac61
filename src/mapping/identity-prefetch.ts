/**
 * The identities of a mapped record looked up together: one search per resource type and
 * identifier system (`identifier=s|a,s|b,…`) instead of one per resource, before the record's
 * transaction runs. The transaction's conditional creates and updates, and the record-hash
 * look-up, then ask the store for each identity on its own as before; a store wrapper answers
 * those searches from the prefetched resources, filtered with the in-memory matcher (the oracle
 * that every SQL rendering must agree with), so each answer is the one the store would give.
 *
 * Guarantees kept: the answers are as current as a search made at the start of the record (the
 * transaction's own searches all run before its commit, and a "nothing matches" still becomes a
 * guard checked in the commit); the first commit through the wrapper empties it, so nothing
 * searched after a write (the visit-plan reaction) is answered from before it.
 * @see https://hl7.org/fhir/R4/search.html#token
 * @see https://hl7.org/fhir/R4/http.html#cond-update
 * @module
 */
import type { RestContext } from '../rest/context.js';
import { extractIndexRows } from '../search/extract-index.js';
import { matchesAll, type IndexView } from '../search/memory-matcher.js';
import { escapeSearchValue } from '../search/escape-search-value.js';
import { parseSearch } from '../search/parse-search.js';
import type { Condition, StoreSearchQuery } from '../search/search-request.js';
import type { ResourceStore, SearchPage, StoredVersion } from '../storage/port.js';
import { identityQuery } from './engine.js';

/** A resource to look up by its business identifier. */
export interface IdentityLookup {
  resourceType: string;
  identity: { system: string; value: string };
}

/** Most identities asked in one search; a record has a handful per type. */
const VALUES_PER_SEARCH = 20;

/** The context with a store that answers the searches for `lookups` from one search per type and system. */
export async function withPrefetchedIdentities(ctx: RestContext, lookups: readonly IdentityLookup[]): Promise<RestContext> {
  const answers = new Map<string, StoredVersion[]>();
  const now = ctx.clock().getTime();
  for (const group of groupsOf(lookups)) {
    const found = await searchGroup(ctx.store, group, now);
    if (!found) continue;
    // Index rows once per resource found, not once per identity asked of it.
    const indexed = found.map((stored) => ({ stored, rows: stored.resource ? extractIndexRows(stored.resource) : undefined }));
    for (const lookup of group) {
      const conditions = singleConditions(lookup, now);
      const matching = indexed.filter((entry) => matches(entry, conditions)).map((entry) => entry.stored);
      answers.set(keyOf(lookup.resourceType, conditions), matching);
    }
  }
  if (answers.size === 0) return ctx;
  return { ...ctx, store: answeringStore(ctx.store, answers) };
}

/** Lookups grouped by resource type and identifier system, in groups of at most {@link VALUES_PER_SEARCH}. */
function groupsOf(lookups: readonly IdentityLookup[]): IdentityLookup[][] {
  const groups = new Map<string, IdentityLookup[]>();
  for (const lookup of lookups) {
    const key = `${lookup.resourceType}|${lookup.identity.system}`;
    const group = groups.get(key) ?? [];
    if (!group.some((l) => l.identity.value === lookup.identity.value)) group.push(lookup);
    groups.set(key, group);
  }
  return [...groups.values()].flatMap((group) => {
    const chunks: IdentityLookup[][] = [];
    for (let i = 0; i < group.length; i += VALUES_PER_SEARCH) chunks.push(group.slice(i, i + VALUES_PER_SEARCH));
    return chunks;
  });
}

/**
 * Every current resource holding one of the group's identifiers, or `undefined` when the page
 * may have left one out (then each identity is searched on its own, as before).
 */
async function searchGroup(store: ResourceStore, group: readonly IdentityLookup[], now: number): Promise<StoredVersion[] | undefined> {
  const { resourceType, identity } = group[0]!;
  const system = escapeSearchValue(identity.system);
  const values = group.map((l) => `${system}|${escapeSearchValue(l.identity.value)}`);
  const { conditions } = parseSearch(resourceType, new URLSearchParams({ identifier: values.join(',') }), { strict: true, now });
  // Two matches per identity tell none, one and several apart, as the conditional forms ask.
  const count = group.length * 2 + 1;
  const page = await store.search({ resourceType, conditions, sort: [], count, total: false });
  return page.resources.length < count ? page.resources : undefined;
}

/** The conditions of the search that asks for one identity, as the conditional forms parse it. */
function singleConditions(lookup: IdentityLookup, now: number): Condition[] {
  return parseSearch(lookup.resourceType, new URLSearchParams(identityQuery(lookup.identity)), { strict: true, now })
    .conditions;
}

function keyOf(resourceType: string, conditions: readonly Condition[]): string {
  return `${resourceType} ${JSON.stringify(conditions)}`;
}

/** Whether the stored resource satisfies the conditions, by the in-memory matcher over its index rows. */
function matches(
  { stored, rows }: { stored: StoredVersion; rows: ReturnType<typeof extractIndexRows> | undefined },
  conditions: readonly Condition[],
): boolean {
  if (!rows) return false;
  const view: IndexView = {
    rows: (type, id) => (type === stored.resourceType && id === stored.id ? rows : undefined),
    ids: (type) => (type === stored.resourceType ? [stored.id] : []),
  };
  return matchesAll(view, stored.resourceType, stored.id, conditions);
}

/** The store, answering a plain first-page search for a prefetched identity once, until the first commit. */
function answeringStore(store: ResourceStore, answers: Map<string, StoredVersion[]>): ResourceStore {
  const answerable = (query: StoreSearchQuery) =>
    query.sort.length === 0 && !query.cursor && !query.total && query.count > 0 && answers.size > 0;
  return {
    readCurrent: (resourceType, id) => store.readCurrent(resourceType, id),
    readVersion: (resourceType, id, versionId) => store.readVersion(resourceType, id, versionId),
    history: (query) => store.history(query),
    search: (query) => {
      const key = keyOf(query.resourceType, query.conditions);
      const found = answerable(query) ? answers.get(key) : undefined;
      // A longer answer would have a next page: the store says how it links it.
      if (!found || found.length > query.count) return store.search(query);
      // Each answer is given once: its versions are the caller's to keep, as a store's are.
      answers.delete(key);
      const page: SearchPage = { resources: found };
      return Promise.resolve(page);
    },
    commit: (unit) => {
      answers.clear();
      return store.commit(unit);
    },
    ...(store.planActivities && { planActivities: store.planActivities }),
  };
}
