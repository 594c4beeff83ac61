/**
 * The small surface a SQL database must offer to back the {@link ResourceStore}. One driver file
 * per database lives in `src/storage/adapters/`.
 * @module
 */

import type { Deadline } from '../../lib/deadline.js';
import type { SqlDialect } from './dialect.js';

/** A bound parameter. Booleans are stored as 0/1 so that SQLite and PostgreSQL agree. */
export type SqlValue = string | number | null;

/** One parameterised statement, `?` placeholders in the neutral form. */
export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

/** Options of {@link SqlDriver.search}. */
export interface SearchReadOptions {
  /** The request's time budget; a driver that can stop a running statement stops it past this. */
  deadline?: Deadline;
}

/** A database connection as the SQL store needs it. */
export interface SqlDriver {
  /** Runs a read and returns its rows (reads by key: cheap, on the driver's main connection). */
  all<Row extends object>(statement: SqlStatement): Promise<Row[]>;
  /**
   * Runs a search read: a page, a count or an include query, whose cost depends on the query and
   * the data. A driver may run it elsewhere than {@link all} (better-sqlite3: on a reader process,
   * off the event loop) and stop it past `options.deadline`, rejecting with the deadline's
   * `DeadlineExceededError`; it always sees every batch that resolved before the call.
   */
  search<Row extends object>(statement: SqlStatement, options?: SearchReadOptions): Promise<Row[]>;
  /** Runs statements as one atomic unit: all apply or none do. Rejects with the driver's error. */
  batch(statements: readonly SqlStatement[]): Promise<void>;
  /** True when `error` is a constraint violation (CHECK, UNIQUE, PRIMARY KEY). */
  isConstraintViolation(error: unknown): boolean;
  /**
   * The database's dialect when it is not SQLite's (PostgreSQL). Code that locks rows itself
   * (the outbox claim) asks it; {@link all} then runs one statement in its own transaction.
   */
  readonly dialect?: SqlDialect;
}
