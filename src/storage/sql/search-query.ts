/**
 * A search page in SQL: conditions (search-conditions.ts), sort keys as correlated MIN/MAX over
 * the index tables, and keyset paging on (sort keys…, id), the same rules as
 * src/search/sort-keys.ts.
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
import { idQuery, join, type Fragment } from './search-conditions.js';
import type { SqlStatement } from './sql-driver.js';

const RESOURCE_COLUMNS = 'r.resource_type, r.id, r.version_id, r.last_updated, r.deleted, r.method, r.content';

/**
 * The statement for one page (one row more than the page, to detect a following page): ids and
 * sort keys first, keyset and LIMIT on them, and only then the resource rows of that page.
 */
export function pageStatement(query: StoreSearchQuery, spanBounds = true): SqlStatement {
  const ids = idQuery(query.resourceType, query.conditions, { depth: 0, spanBounds });
  const keys = query.sort.map((key, i) => ({ ...sortExpression(query.resourceType, key), alias: `s${i}` }));
  const keyed: Fragment = {
    sql: `SELECT ${['q.id', ...keys.map((k) => `${k.sql} AS ${k.alias}`)].join(', ')} FROM (${ids.sql}) q`,
    params: [...keys.flatMap((k) => k.params), ...ids.params],
  };
  const reverse = query.cursor?.direction === 'before';
  const columns = [...keys.map((k) => k.alias), 'id'];
  const descending = [...query.sort.map((k) => k.descending), false].map((d) => (reverse ? !d : d));
  const keyset = query.cursor ? keysetSql(columns, descending, query.cursor) : undefined;
  const order = (prefix: string) => columns.map((c, i) => `${prefix}${c} ${descending[i] ? 'DESC' : 'ASC'}`).join(', ');
  if (keys.length === 0) return idOrderedPage(query, ids, reverse);
  const page =
    `SELECT * FROM (${keyed.sql}) w` + (keyset ? ` WHERE ${keyset.sql}` : '') + ` ORDER BY ${order('')} LIMIT ?`;
  const pageKeys = keys.map((k) => `p.${k.alias}`);
  return {
    sql:
      `SELECT ${[RESOURCE_COLUMNS, ...pageKeys].join(', ')} FROM (${page}) p ` +
      `JOIN resource_current r ON r.resource_type = ? AND r.id = p.id ORDER BY ${order('p.')}`,
    params: [...keyed.params, ...(keyset?.params ?? []), query.count + 1, query.resourceType],
  };
}

/**
 * Default order (by id): the keyset bound and ORDER BY go straight into the id query, so an
 * equality search walks its covering index in id order and stops after one page.
 */
function idOrderedPage(query: StoreSearchQuery, ids: Fragment, reverse: boolean): SqlStatement {
  const bound = query.cursor
    ? { sql: ` AND r0.id ${reverse ? '<' : '>'} ?`, params: [query.cursor.keys[0] ?? null] }
    : { sql: '', params: [] };
  const direction = reverse ? 'DESC' : 'ASC';
  const page = `${ids.sql}${bound.sql} ORDER BY r0.id ${direction} LIMIT ?`;
  return {
    sql: `SELECT ${RESOURCE_COLUMNS} FROM (${page}) p JOIN resource_current r ON r.resource_type = ? AND r.id = p.id ORDER BY p.id ${direction}`,
    params: [...ids.params, ...bound.params, query.count + 1, query.resourceType],
  };
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

/**
 * The sort value of one result row: MIN or MAX over its index rows. `k.code || ''` keeps the
 * planner on the (resource_type, id, code) index: without statistics SQLite would otherwise
 * walk the value index for the MIN/MAX and scan every row of the parameter.
 */
function sortExpression(resourceType: string, key: SortKey): Fragment {
  const aggregate = key.descending ? 'MAX' : 'MIN';
  const column = sortColumn(key);
  const missing = isNumericSort(key)
    ? key.descending
      ? MISSING_NUMBER_DESC
      : MISSING_NUMBER_ASC
    : key.descending
      ? MISSING_TEXT_DESC
      : MISSING_TEXT_ASC;
  return {
    sql:
      `COALESCE((SELECT ${aggregate}(${column}) FROM search_${key.table} k WHERE k.resource_type = ? ` +
      "AND k.id = q.id AND k.code || '' = ?), ?)",
    params: [resourceType, key.code, missing],
  };
}

/** Dates sort by the range start (ascending) or end (descending); quantities canonically when they can. */
function sortColumn(key: SortKey): string {
  if (key.table === 'date') return key.descending ? 'high' : 'low';
  if (key.table === 'reference') return 'url';
  if (key.table === 'quantity') return 'COALESCE(canonical_value, value)';
  return 'value';
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
