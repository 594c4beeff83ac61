/**
 * A search page in SQL: conditions (search-conditions.ts), sort keys, and keyset paging on
 * (sort keys…, id), the same rules as src/search/sort-keys.ts.
 *
 * Sort keys are joins, not a subquery per row: each key is one layer that LEFT JOINs the matches
 * to their index rows of the sort parameter on (resource_type, id, code), a covering index since
 * migration 0005, and keeps MIN or MAX per match (GROUP BY). One layer per key, so a resource
 * with many values of two sort parameters adds their counts, not their product.
 * @module
 */
import type { PageCursor, SortKey, StoreSearchQuery } from '../../search/search-request.js';
import {
  MISSING_NUMBER_ASC,
  MISSING_NUMBER_DESC,
  MISSING_TEXT_ASC,
  MISSING_TEXT_DESC,
  isNumericSort,
} from '../../search/sort-keys.js';
import { indexSource } from './derived-index.js';
import { idQuery, join, type Fragment } from './search-conditions.js';
import { dateValueSql } from './search-date-sql.js';
import type { SqlStatement } from './sql-driver.js';

const RESOURCE_COLUMNS = 'r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.method, r.content';

/**
 * The statement for one page (one row more than the page, to detect a following page): ids and
 * sort keys first, keyset and LIMIT on them, and only then the resource rows of that page.
 */
export function pageStatement(query: StoreSearchQuery, spanBounds = true): SqlStatement {
  const ids = idQuery(query.resourceType, query.conditions, { depth: 0, spanBounds });
  const reverse = query.cursor?.direction === 'before';
  if (query.sort.length === 0) return idOrderedPage(query, ids, reverse);
  const keyed = sortKeyedIds(query.resourceType, query.sort, ids);
  const aliases = query.sort.map((_k, i) => `s${i}`);
  const columns = [...aliases, 'id'];
  const descending = [...query.sort.map((k) => k.descending), false].map((d) => (reverse ? !d : d));
  const keyset = query.cursor ? keysetSql(columns, descending, query.cursor) : undefined;
  const order = (prefix: string) => columns.map((c, i) => `${prefix}${c} ${descending[i] ? 'DESC' : 'ASC'}`).join(', ');
  const page =
    `SELECT * FROM (${keyed.sql}) w` + (keyset ? ` WHERE ${keyset.sql}` : '') + ` ORDER BY ${order('')} LIMIT ?`;
  const pageKeys = aliases.map((a) => `p.${a}`);
  return {
    sql:
      `SELECT ${[RESOURCE_COLUMNS, ...pageKeys].join(', ')} FROM (${page}) p ` +
      `JOIN resource_current r ON r.resource_type = ? AND r.id = p.id ORDER BY ${order('p.')}`,
    params: [...keyed.params, ...(keyset?.params ?? []), query.count + 1, query.resourceType],
  };
}

/**
 * `SELECT id, s0, s1, …` for the matches: one layer per sort key around the id query. `_id`
 * needs no join (its one index value is the id itself).
 */
export function sortKeyedIds(resourceType: string, sort: readonly SortKey[], ids: Fragment): Fragment {
  let layer: Fragment = ids;
  let carried: string[] = [];
  sort.forEach((key, i) => {
    const alias = `s${i}`;
    const select = ['p.id', ...carried.map((c) => `p.${c}`)];
    if (key.code === '_id') {
      layer = {
        sql: `SELECT ${[...select, `p.id AS ${alias}`].join(', ')} FROM (${layer.sql}) p`,
        params: layer.params,
      };
    } else {
      // A numeric sort's stand-in (±1e300) is no BIGINT: typed as a float, PostgreSQL takes it.
      const missing = isNumericSort(key) ? 'CAST(? AS DOUBLE PRECISION)' : '?';
      const value = `COALESCE(${key.descending ? 'MAX' : 'MIN'}(${sortColumn(key)}), ${missing})`;
      layer = {
        sql:
          `SELECT ${[...select, `${value} AS ${alias}`].join(', ')} FROM (${layer.sql}) p ` +
          `LEFT JOIN ${indexSource(resourceType, key.table, key.code)} k ON k.resource_type = ? AND k.id = p.id AND k.code = ? ` +
          // The carried keys depend on the id alone; PostgreSQL still wants them grouped by.
          `GROUP BY ${select.join(', ')}`,
        params: [missingValue(key), ...layer.params, resourceType, key.code],
      };
    }
    carried = [...carried, alias];
  });
  return layer;
}

/**
 * Default order (by id): the keyset bound and ORDER BY go straight into the id query, so an
 * equality search walks its covering index in id order and stops after one page.
 */
function idOrderedPage(query: StoreSearchQuery, ids: Fragment, reverse: boolean): SqlStatement {
  const bound = idCursorBound(query, reverse);
  const direction = reverse ? 'DESC' : 'ASC';
  const page = `${ids.sql}${bound.sql} ORDER BY r0.id ${direction} LIMIT ?`;
  return resourcesOfPage(query, { sql: page, params: [...ids.params, ...bound.params, query.count + 1] }, direction);
}

/** ` AND r0.id > ?` (`<` going back) past the cursor of an id-ordered page; nothing on the first. */
function idCursorBound(query: StoreSearchQuery, reverse: boolean): Fragment {
  return query.cursor
    ? { sql: ` AND r0.id ${reverse ? '<' : '>'} ?`, params: [query.cursor.keys[0] ?? null] }
    : { sql: '', params: [] };
}

/** The current rows of the ids `page` selects, in its id order. */
function resourcesOfPage(query: StoreSearchQuery, page: Fragment, direction: 'ASC' | 'DESC'): SqlStatement {
  return {
    sql: `SELECT ${RESOURCE_COLUMNS} FROM (${page.sql}) p JOIN resource_current r ON r.resource_type = ? AND r.id = p.id ORDER BY p.id ${direction}`,
    params: [...page.params, query.resourceType],
  };
}

/**
 * Rows of the index the walk of {@link walkedPageStatement} reads per row of the page at most:
 * enough when at least one indexed resource in 64 matches. A search that finds fewer within the
 * walk falls back to {@link pageStatement}, having spent that many index entries more.
 */
export const WALK_ROWS_PER_PAGE_ROW = 64;

/**
 * The page of a search whose only condition is a date parameter with one index row per resource
 * (one-row-parameters.ts), in the default order (by id), read by walking that parameter's rows in
 * id order (`search_date_resource`) and keeping those in range, up to a bounded number of rows:
 * about `page ÷ share of matches` rows instead of every match. {@link pageStatement} reads every
 * match of the range and sorts them by id, so its cost grows with the data (a week of Encounters:
 * 4,400 matches at 1,000,000 resources) while the walk's depends only on the page and the share.
 * `undefined` when the search is not of that shape. Fewer rows than the page plus one mean the walk
 * was too short to tell: the caller then runs {@link pageStatement}.
 */
export function walkedPageStatement(query: StoreSearchQuery): SqlStatement | undefined {
  const [condition, ...others] = query.conditions;
  if (others.length > 0 || query.sort.length > 0 || query.count <= 0) return undefined;
  if (condition?.kind !== 'param' || condition.table !== 'date' || condition.negate) return undefined;
  if (!condition.oneRowPerResource) return undefined;
  const scope = { resourceType: query.resourceType, code: condition.code, spanBounds: false };
  const inRange = join(
    condition.values.map((value) => dateValueSql(scope, value)),
    ' OR ',
  );
  const reverse = query.cursor?.direction === 'before';
  const direction = reverse ? 'DESC' : 'ASC';
  const bound = idCursorBound(query, reverse);
  const walk =
    `SELECT r0.id, r0.low, r0.high FROM ${indexSource(query.resourceType, 'date', condition.code)} r0 ` +
    `WHERE r0.resource_type = ? AND r0.code = ?${bound.sql} ORDER BY r0.id ${direction} LIMIT ?`;
  const page = {
    sql: `SELECT w.id FROM (${walk}) w WHERE (${inRange.sql}) ORDER BY w.id ${direction} LIMIT ?`,
    params: [
      query.resourceType,
      condition.code,
      ...bound.params,
      (query.count + 1) * WALK_ROWS_PER_PAGE_ROW,
      ...inRange.params,
      query.count + 1,
    ],
  };
  return resourcesOfPage(query, page, direction);
}

/**
 * The statement counting all matches, or with `totalLimit` at most one more than the limit (so
 * the count stops early, and a result above the limit says "more").
 */
export function countStatement(query: StoreSearchQuery, spanBounds = true): SqlStatement {
  const ids = idQuery(query.resourceType, query.conditions, { depth: 0, spanBounds });
  if (query.totalLimit === undefined) {
    return { sql: `SELECT COUNT(*) AS total FROM (${ids.sql}) q`, params: ids.params };
  }
  return {
    sql: `SELECT COUNT(*) AS total FROM (${ids.sql} LIMIT ?) q`,
    params: [...ids.params, query.totalLimit + 1],
  };
}

/** A guard row that is 0 (violating the CHECK) when any resource matches. */
export function guardStatement(guard: {
  resourceType: string;
  conditions: StoreSearchQuery['conditions'];
}): SqlStatement {
  // Without span bounds: a guard's statement binds exactly what its search did before them.
  const ids = idQuery(guard.resourceType, guard.conditions, { depth: 0, spanBounds: false });
  return {
    sql: `INSERT INTO write_guard (ok) SELECT CASE WHEN EXISTS (${ids.sql}) THEN 0 ELSE 1 END`,
    params: ids.params,
  };
}

/** The value a resource without the parameter sorts by: after all others in either direction. */
function missingValue(key: SortKey): number | string {
  if (isNumericSort(key)) return key.descending ? MISSING_NUMBER_DESC : MISSING_NUMBER_ASC;
  return key.descending ? MISSING_TEXT_DESC : MISSING_TEXT_ASC;
}

/** Dates sort by the range start (ascending) or end (descending); quantities canonically when they can. */
function sortColumn(key: SortKey): string {
  if (key.table === 'date') return key.descending ? 'k.high' : 'k.low';
  if (key.table === 'reference') return 'k.url';
  if (key.table === 'quantity') return 'COALESCE(k.canonical_value, k.value)';
  return 'k.value';
}

/** `(c0 > v0) OR (c0 = v0 AND c1 > v1) OR …`, with `<` for descending columns. */
function keysetSql(columns: readonly string[], descending: readonly boolean[], cursor: PageCursor): Fragment {
  const alternatives: Fragment[] = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => ({ sql: `${c} = ?`, params: [cursor.keys[j] ?? null] }));
    const op = descending[i] ? '<' : '>';
    return join([...equal, { sql: `${column} ${op} ?`, params: [cursor.keys[i] ?? null] }], ' AND ', true);
  });
  return join(alternatives, ' OR ', true);
}
