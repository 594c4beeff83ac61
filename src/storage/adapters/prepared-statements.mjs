// The prepared-statement cache of the SQLite connections that run outside the main thread (the
// writer thread, the reader processes): plain JavaScript, like them, so that they need no
// TypeScript loader. The same bounded, most-recently-used policy as src/storage/sql/statement-cache.ts.

/**
 * Returns `prepare(sql)` for `db`, keeping the `limit` most recently used statements (a Map keeps
 * insertion order; a hit moves its entry to the end).
 * @param {import('better-sqlite3').Database} db
 * @param {number} limit
 */
export function cachedPrepare(db, limit) {
  const statements = new Map();
  return (sql) => {
    const hit = statements.get(sql);
    if (hit !== undefined) {
      statements.delete(sql);
      statements.set(sql, hit);
      return hit;
    }
    const statement = db.prepare(sql);
    statements.set(sql, statement);
    if (statements.size > limit) statements.delete(statements.keys().next().value);
    return statement;
  };
}
