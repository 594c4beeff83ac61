/**
 * `ResourceStore.search` for the SQL store: one page query, one optional count.
 * @module
 */
import type { StoreSearchQuery } from '../../search/search-request.js';
import type { SearchPage } from '../port.js';
import { countStatement, pageStatement } from './search-query.js';
import type { SqlDriver } from './sql-driver.js';
import { toStoredVersion, type VersionRow } from './sql-resource-store.js';

type PageRow = VersionRow & Record<string, string | number>;

/** Runs `query` and shapes the rows into a {@link SearchPage}. */
export async function searchSql(driver: SqlDriver, query: StoreSearchQuery): Promise<SearchPage> {
  const [rows, countRows] = await Promise.all([
    query.count > 0 ? driver.all<PageRow>(pageStatement(query)) : Promise.resolve([]),
    query.total ? driver.all<{ total: number }>(countStatement(query)) : Promise.resolve(undefined),
  ]);
  const before = query.cursor?.direction === 'before';
  const more = rows.length > query.count;
  const pageRows = rows.slice(0, query.count);
  if (before) pageRows.reverse();
  const keysOf = (row: PageRow) => [...query.sort.map((_k, i) => row[`s${i}`]!), row.id];
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const page: SearchPage = { resources: pageRows.map(toStoredVersion) };
  if (countRows) page.total = Number(countRows[0]?.total ?? 0);
  const hasNext = before ? last !== undefined : more;
  const hasPrevious = before ? more : query.cursor !== undefined;
  if (hasNext && last) page.next = { direction: 'after', keys: keysOf(last) };
  if (hasPrevious && first) page.previous = { direction: 'before', keys: keysOf(first) };
  return page;
}
