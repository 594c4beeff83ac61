/**
 * Search over the memory store's index rows with the in-memory matcher (the oracle).
 * @module
 */
import type { SearchIndexRows } from '../../search/index-rows.js';
import { matchesAll, type IndexView } from '../../search/memory-matcher.js';
import type { StoreSearchQuery } from '../../search/search-request.js';
import { compareKeys, pageByKeyset, sortValues } from '../../search/sort-keys.js';
import type { SearchPage, StoredVersion } from '../port.js';

/** The memory store's state that search reads. */
export interface MemoryIndex {
  current: ReadonlyMap<string, StoredVersion>;
  index: ReadonlyMap<string, SearchIndexRows>;
}

/** An {@link IndexView} over current, not deleted resources. */
export function indexView(state: MemoryIndex): IndexView {
  return {
    rows(resourceType, id) {
      const key = `${resourceType}/${id}`;
      const version = state.current.get(key);
      if (!version || version.deleted) return undefined;
      return state.index.get(key);
    },
    *ids(resourceType) {
      for (const version of state.current.values()) {
        if (version.resourceType === resourceType && !version.deleted) yield version.id;
      }
    },
  };
}

/** Runs `query` over `state`. */
export function searchMemory(state: MemoryIndex, query: StoreSearchQuery): SearchPage {
  const view = indexView(state);
  const matching: { id: string; keys: (string | number)[] }[] = [];
  for (const id of view.ids(query.resourceType)) {
    if (!matchesAll(view, query.resourceType, id, query.conditions)) continue;
    const rows = view.rows(query.resourceType, id)!;
    matching.push({ id, keys: sortValues(rows, query.sort, id) });
  }
  matching.sort((a, b) => compareKeys(a.keys, b.keys, query.sort));
  const { page, next, previous } = pageByKeyset(matching, query.sort, query.count, query.cursor);
  return {
    resources: page.map((m) => structuredClone(state.current.get(`${query.resourceType}/${m.id}`)!)),
    ...(query.total && matching.length <= (query.totalLimit ?? Infinity) ? { total: matching.length } : {}),
    ...(next ? { next } : {}),
    ...(previous ? { previous } : {}),
  };
}

/** True when some current resource matches the guard's conditions. */
export function guardViolated(
  state: MemoryIndex,
  guard: { resourceType: string; conditions: StoreSearchQuery['conditions'] },
): boolean {
  const view = indexView(state);
  for (const id of view.ids(guard.resourceType)) {
    if (matchesAll(view, guard.resourceType, id, guard.conditions)) return true;
  }
  return false;
}
