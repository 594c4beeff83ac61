/**
 * `ResourceStore.search` for the SQL store: one page query and one optional count, run at the same
 * time, each as a driver search read (which a driver may run off the event loop, on a connection
 * of its own, and stop at the request's deadline). A database error that means
 * "this query is too complex" becomes a {@link QueryTooComplexError} (a 400, not a 500).
 * @module
 */
import type { StoreSearchQuery } from '../../search/search-request.js';
import { QueryTooComplexError, type SearchPage } from '../port.js';
import { countStatement, pageStatement, walkedPageStatement } from './search-query.js';
import type { SqlDriver, SqlStatement } from './sql-driver.js';
import { FhirError, error } from '../../fhir/outcome.js';
import { MAX_BOUND_PARAMS } from './index-write-sql.js';
import { isIndexBoundedSearch } from './search-cost.js';
import { toStoredVersion, type VersionRow } from './sql-resource-store.js';

type PageRow = VersionRow & Record<string, string | number>;

/** Runs `query` and shapes the rows into a {@link SearchPage}. */
export async function searchSql(driver: SqlDriver, query: StoreSearchQuery): Promise<SearchPage> {
  // The implied date bounds cost bound values; a statement they would push over the limit goes without.
  const bounded = pageStatement(query);
  const spanBounds = bounded.params.length <= MAX_BOUND_PARAMS;
  const page = spanBounds ? bounded : pageStatement(query, false);
  if (page.params.length > MAX_BOUND_PARAMS) {
    // D1 binds at most 100 values per statement; refuse the same everywhere rather than fail there.
    throw new FhirError(
      400,
      error(
        'too-long',
        `The search needs ${page.params.length} bound values; at most ${MAX_BOUND_PARAMS} are supported`,
      ),
    );
  }
  // Both at once: a page and its count are independent reads, and a range search's count costs
  // about as much as its page (decision 038: 4.7 and 1.8 ms for a week of Encounters at 1,000,000).
  const [rows, countRows] = await Promise.all([
    query.count > 0 ? readPage(driver, page, query) : [],
    query.total ? run<{ total: number }>(driver, countStatement(query, spanBounds), query) : undefined,
  ]);
  const before = query.cursor?.direction === 'before';
  const more = rows.length > query.count;
  const pageRows = rows.slice(0, query.count);
  if (before) pageRows.reverse();
  const keysOf = (row: PageRow) => [...query.sort.map((_k, i) => row[`s${i}`]!), row.id];
  const first = pageRows[0];
  const last = pageRows[pageRows.length - 1];
  const result: SearchPage = { resources: pageRows.map(toStoredVersion) };
  const total = countRows ? Number(countRows[0]?.total ?? 0) : undefined;
  if (total !== undefined && total <= (query.totalLimit ?? Infinity)) result.total = total;
  const hasNext = before ? last !== undefined : more;
  const hasPrevious = before ? more : query.cursor !== undefined;
  if (hasNext && last) result.next = { direction: 'after', keys: keysOf(last) };
  if (hasPrevious && first) result.previous = { direction: 'before', keys: keysOf(first) };
  return result;
}

/** The page: by a bounded walk where the search allows one and it finds the page, else `page`. */
async function readPage(driver: SqlDriver, page: SqlStatement, query: StoreSearchQuery): Promise<PageRow[]> {
  const walked = walkedPageStatement(query);
  if (walked) {
    const rows = await run<PageRow>(driver, walked, query);
    if (rows.length > query.count) return rows;
  }
  return run<PageRow>(driver, page, query);
}

/**
 * SQLite's (and D1's) refusals of a statement that is too large or too deep, as opposed to a
 * failure of the database: the limits in src/search/search-limits.ts keep requests below them.
 * @see https://www.sqlite.org/limits.html
 */
const TOO_COMPLEX =
  /expression tree is too large|too many sql variables|like or glob pattern too complex|parser stack overflow|too many (terms|columns|arguments)|string or blob too big|at most \d+ tables in a join/i;

/**
 * Runs one statement of the search: on the driver's main connection when an index bounds its
 * cost (search-cost.ts), else as a search read that the driver may run off the event loop and
 * stop past the request's deadline.
 */
async function run<Row extends object>(
  driver: SqlDriver,
  statement: SqlStatement,
  query: StoreSearchQuery,
): Promise<Row[]> {
  try {
    if (isIndexBoundedSearch(query)) return await driver.all<Row>(statement);
    return await driver.search<Row>(statement, query.deadline ? { deadline: query.deadline } : {});
  } catch (thrown) {
    if (thrown instanceof Error && TOO_COMPLEX.test(thrown.message)) {
      throw new QueryTooComplexError(`The search is too complex for the database (${thrown.message})`);
    }
    throw thrown;
  }
}
