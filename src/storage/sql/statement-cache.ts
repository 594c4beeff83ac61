/**
 * A bounded cache of prepared statements keyed by SQL text, for drivers that prepare once and
 * bind per call. Search builds SQL from the query, so the set of texts is open-ended; without
 * a bound a long-lived process (or a Workers isolate, 128 MB) would keep every one.
 * @module
 */

/** Looks up or prepares the statement for a SQL text. */
export type StatementCache<T> = (sql: string) => T;

/** Default number of statements kept; the fixed write and read texts fit with room to spare. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/**
 * Creates a cache that calls `prepare` on a miss and keeps the `limit` most recently used
 * statements (a Map keeps insertion order; a hit moves the entry to the end).
 */
export function createStatementCache<T>(
  prepare: (sql: string) => T,
  limit = DEFAULT_STATEMENT_CACHE_SIZE,
): StatementCache<T> {
  const cache = new Map<string, T>();
  return (sql) => {
    const hit = cache.get(sql);
    if (hit !== undefined) {
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return statement;
  };
}
