/**
 * Which searches an index answers in page order, so cheaply that a driver need not move them off
 * its main connection: one equality condition, no sort, no uncapped count. Every other search
 * (ranges, prefixes, `:contains`, `:not`, `:missing`, `_has`, chains, several conditions or
 * values, `_sort`, `_total=accurate`) has a cost that grows with the data, and goes through
 * {@link SqlDriver.search}, which may run it off the event loop and stop it at the deadline.
 * @module
 */
import type { Condition, SearchValue, StoreSearchQuery } from '../../search/search-request.js';

/**
 * True when the page walks one value index in id order and stops after the page, and the count
 * (capped by `totalLimit`) stops after the cap: the cost is bounded by the page size and the
 * cap, whatever the data (search-query.ts, idOrderedPage).
 */
export function isIndexBoundedSearch(query: StoreSearchQuery): boolean {
  if (query.sort.some((key) => key.code !== '_id')) return false;
  if (query.total && query.totalLimit === undefined) return false;
  return query.conditions.length <= 1 && query.conditions.every(isSingleEquality);
}

function isSingleEquality(condition: Condition): boolean {
  if (condition.kind !== 'param' || condition.negate || condition.values.length !== 1) return false;
  return isEqualityValue(condition.values[0]!);
}

function isEqualityValue(value: SearchValue): boolean {
  switch (value.kind) {
    case 'token':
      return value.code !== undefined;
    case 'string':
      return value.mode === 'exact';
    case 'reference':
      return value.url !== undefined || value.id !== undefined;
    case 'uri':
      return value.match === 'equal';
    default:
      return false;
  }
}
