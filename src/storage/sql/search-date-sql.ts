/**
 * Date conditions over `search_date` (low/high: the inclusive epoch-ms range of each value), with
 * the semantics of `matchDate` in src/search/match-values.ts.
 *
 * A range search such as `ge2025-03-01&lt2025-03-08` is `high >= A AND low < B`: one bound on each
 * column, so neither (low, high) nor (high, low) index can narrow it to a range and SQLite walks
 * half of the parameter's rows. Every row's span (`high - low`) lies between the smallest and the
 * largest span of its parameter, so a bound on `high` implies one on `low`:
 * `high >= A` ⇒ `low >= A - MAX(span)` and `high <= B` ⇒ `low <= B - MIN(span)`. Adding these
 * implied terms never changes the result, and turns the search into a two-sided range on `low`.
 * The MIN/MAX come from the (resource_type, code, (high - low)) index (migration 0004) in one
 * probe. With a wide outlier (an open Period) the implied bound is loose and the scan is as before.
 * @module
 */
import type { RangeValue, SearchValue } from '../../search/search-request.js';
import { derivedSource } from './derived-index.js';
import type { Fragment } from './search-conditions.js';

/** The parameter whose rows a date condition reads, and whether to add the implied bounds. */
export interface DateScope {
  resourceType: string;
  code: string;
  spanBounds: boolean;
}

/** SQL for one date value, or for an `all` (range) of them on the same row. */
export function dateValueSql(scope: DateScope, value: SearchValue): Fragment {
  if (value.kind === 'date') return dateSql(scope, value);
  if (value.kind !== 'all') throw new Error('not a date value');
  const prefixes = value.values.map((v) => (v.kind === 'date' ? v.prefix : undefined));
  const lowCapped = prefixes.some((p) => p === 'lt' || p === 'le');
  const lowFloored = prefixes.includes('sa');
  const parts = value.values.map((v) => {
    const own = dateValueSql(scope, v);
    if (v.kind !== 'date') return own;
    const pairs =
      scope.spanBounds &&
      ((lowCapped && (v.prefix === 'gt' || v.prefix === 'ge')) || (lowFloored && v.prefix === 'eb'));
    const implied = pairs ? impliedLowSql(scope, v) : undefined;
    return implied ? { sql: `(${own.sql} AND ${implied.sql})`, params: [...own.params, ...implied.params] } : own;
  });
  return { sql: `(${parts.map((p) => p.sql).join(' AND ')})`, params: parts.flatMap((p) => p.params) };
}

function dateSql(scope: DateScope, value: RangeValue): Fragment {
  const { low, high } = value;
  switch (value.prefix) {
    case 'eq': {
      if (!scope.spanBounds) return { sql: '(low >= ? AND high <= ?)', params: [low, high] };
      // low >= A alone is open-ended; high <= B caps low too.
      const cap = spanSql(scope, 'MIN');
      return { sql: `(low >= ? AND high <= ? AND low <= ? - ${cap.sql})`, params: [low, high, high, ...cap.params] };
    }
    case 'ne':
      return { sql: 'NOT (low >= ? AND high <= ?)', params: [low, high] };
    case 'gt':
      return { sql: 'high > ?', params: [high] };
    case 'lt':
      return { sql: 'low < ?', params: [low] };
    case 'ge':
      return { sql: 'high >= ?', params: [low] };
    case 'le':
      return { sql: 'low <= ?', params: [high] };
    case 'sa':
      return { sql: 'low > ?', params: [high] };
    case 'eb':
      return { sql: 'high < ?', params: [low] };
    case 'ap': {
      if (!scope.spanBounds) return { sql: '(low <= ? AND high >= ?)', params: [high, low] };
      const floor = spanSql(scope, 'MAX');
      return { sql: `(low <= ? AND high >= ? AND low >= ? - ${floor.sql})`, params: [high, low, low, ...floor.params] };
    }
  }
}

/** The bound on `low` implied by a `gt`/`ge`/`eb` bound on `high`. */
function impliedLowSql(scope: DateScope, value: RangeValue): Fragment | undefined {
  const max = spanSql(scope, 'MAX');
  const min = spanSql(scope, 'MIN');
  switch (value.prefix) {
    case 'gt':
      return { sql: `low > ? - ${max.sql}`, params: [value.high, ...max.params] };
    case 'ge':
      return { sql: `low >= ? - ${max.sql}`, params: [value.low, ...max.params] };
    case 'eb':
      return { sql: `low < ? - ${min.sql}`, params: [value.low, ...min.params] };
    default:
      return undefined;
  }
}

/** The smallest or largest span of the parameter's rows (NULL when it has none, so nothing matches). */
function spanSql(scope: DateScope, aggregate: 'MIN' | 'MAX'): Fragment {
  // Derived instants (`_lastUpdated`) all span 0; an aggregate over their source would scan it.
  const fixed = derivedSource(scope.resourceType, 'date', scope.code)?.fixedSpan;
  // A bare literal is an INTEGER to PostgreSQL, and `? - 0` would type the epoch ms as one too.
  if (fixed !== undefined) return { sql: `CAST(${fixed} AS BIGINT)`, params: [] };
  return {
    sql: `(SELECT ${aggregate}(high - low) FROM search_date WHERE resource_type = ? AND code = ?)`,
    params: [scope.resourceType, scope.code],
  };
}
