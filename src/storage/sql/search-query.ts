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
import { idQuery, join, whereClause, type Fragment } from './search-conditions.js';
import type { SqlStatement } from './sql-driver.js';

const RESOURCE_COLUMNS = 'r0.resource_type, r0.id, r0.version_id, r0.last_updated, r0.deleted, r0.method, r0.content';

/** The statement for one page (one row more than the page, to detect a following page). */
export function pageStatement(query: StoreSearchQuery): SqlStatement {
  const where = whereClause('r0', query.resourceType, query.conditions, 0);
  const keys = query.sort.map((key, i) => ({ ...sortExpression(key), alias: `s${i}` }));
  const selectKeys = keys.map((k) => `${k.sql} AS ${k.alias}`);
  const inner: Fragment = {
    sql: `SELECT ${[RESOURCE_COLUMNS, ...selectKeys].join(', ')} FROM resource_current r0 WHERE ${where.sql}`,
    params: [...keys.flatMap((k) => k.params), ...where.params],
  };
  const reverse = query.cursor?.direction === 'before';
  const columns = [...keys.map((k) => k.alias), 'id'];
  const descending = [...query.sort.map((k) => k.descending), false].map((d) => (reverse ? !d : d));
  const keyset = query.cursor ? keysetSql(columns, descending, query.cursor) : undefined;
  const order = columns.map((c, i) => `${c} ${descending[i] ? 'DESC' : 'ASC'}`).join(', ');
  return {
    sql:
      `SELECT * FROM (${inner.sql}) q` +
      (keyset ? ` WHERE ${keyset.sql}` : '') +
      ` ORDER BY ${order} LIMIT ?`,
    params: [...inner.params, ...(keyset?.params ?? []), query.count + 1],
  };
}

/** The statement counting all matches. */
export function countStatement(query: StoreSearchQuery): SqlStatement {
  const where = whereClause('r0', query.resourceType, query.conditions, 0);
  return { sql: `SELECT COUNT(*) AS total FROM resource_current r0 WHERE ${where.sql}`, params: where.params };
}

/** A guard row that is 0 (violating the CHECK) when any resource matches. */
export function guardStatement(guard: { resourceType: string; conditions: StoreSearchQuery['conditions'] }): SqlStatement {
  const ids = idQuery(guard.resourceType, guard.conditions, 0);
  return {
    sql: `INSERT INTO write_guard (ok) SELECT CASE WHEN EXISTS (${ids.sql}) THEN 0 ELSE 1 END`,
    params: ids.params,
  };
}

function sortExpression(key: SortKey): Fragment {
  const aggregate = key.descending ? 'MAX' : 'MIN';
  const column = key.table === 'date' ? (key.descending ? 'high' : 'low') : key.table === 'reference' ? 'url' : 'value';
  const missing = isNumericSort(key)
    ? key.descending
      ? MISSING_NUMBER_DESC
      : MISSING_NUMBER_ASC
    : key.descending
      ? MISSING_TEXT_DESC
      : MISSING_TEXT_ASC;
  return {
    sql:
      `COALESCE((SELECT ${aggregate}(${column}) FROM search_${key.table} k WHERE k.resource_type = r0.resource_type ` +
      'AND k.id = r0.id AND k.code = ?), ?)',
    params: [key.code, missing],
  };
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
