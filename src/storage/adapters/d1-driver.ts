/**
 * {@link SqlDriver} for Cloudflare D1 (Workers only). D1 has no interactive transactions; its
 * `batch()` runs a list of statements as one SQL transaction, which is all the SQL store needs.
 *
 * The D1 types are declared structurally below (only what this file calls) so that the main
 * tsconfig, which has `@types/node`, need not load `@cloudflare/workers-types` globals. The
 * real `D1Database` satisfies {@link D1DatabaseLike}; `test/workers/` type-checks that.
 * @see https://developers.cloudflare.com/d1/worker-api/d1-database/
 * @module
 */
import type { SqlDriver, SqlStatement } from '../sql/sql-driver.js';
import { createStatementCache } from '../sql/statement-cache.js';

/** The part of D1's `D1PreparedStatement` this driver uses. */
export interface D1PreparedStatementLike {
  bind(...values: unknown[]): D1PreparedStatementLike;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
}

/** The part of D1's `D1Database` this driver uses. */
export interface D1DatabaseLike {
  prepare(query: string): D1PreparedStatementLike;
  batch(statements: D1PreparedStatementLike[]): Promise<unknown[]>;
}

/**
 * Wraps a D1 binding (e.g. `env.DB`). Unbound statements are prepared once per SQL text (a
 * bounded cache) and bound per call (`bind` returns a new statement, so sharing is safe).
 * @see https://developers.cloudflare.com/d1/worker-api/d1-database/#batch
 */
export function createD1Driver(db: D1DatabaseLike): SqlDriver {
  const prepare = createStatementCache((sql) => db.prepare(sql));
  const bound = (statement: SqlStatement): D1PreparedStatementLike => {
    const prepared = prepare(statement.sql);
    return statement.params.length ? prepared.bind(...statement.params) : prepared;
  };
  const all = async <Row extends object>(statement: SqlStatement): Promise<Row[]> => {
    const result = await bound(statement).all<Row>();
    return result.results;
  };
  return {
    all,
    // D1 runs every query off the isolate and bounds it itself; the deadline is checked between statements.
    search: all,
    async batch(statements) {
      if (statements.length === 0) return;
      await db.batch(statements.map(bound));
    },
    isConstraintViolation: isD1ConstraintViolation,
  };
}

/**
 * D1 reports SQLite errors as plain `Error`s whose message (or `cause`) carries SQLite's text,
 * e.g. `D1_ERROR: CHECK constraint failed: ok = 1: SQLITE_CONSTRAINT`; there is no error code
 * property, so the message is all there is to go on.
 */
export function isD1ConstraintViolation(error: unknown): boolean {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    messages.push(current.message);
    current = current.cause;
  }
  return messages.some((message) => /SQLITE_CONSTRAINT|constraint failed/i.test(message));
}
