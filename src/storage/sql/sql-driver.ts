/**
 * The small surface a SQL database must offer to back the {@link ResourceStore}. One driver file
 * per database lives in `src/storage/adapters/`.
 * @module
 */

/** A bound parameter. Booleans are stored as 0/1 so that SQLite and PostgreSQL agree. */
export type SqlValue = string | number | null;

/** One parameterised statement, `?` placeholders in the neutral form. */
export interface SqlStatement {
  sql: string;
  params: readonly SqlValue[];
}

/** A database connection as the SQL store needs it. */
export interface SqlDriver {
  /** Runs a read and returns its rows. */
  all<Row extends object>(statement: SqlStatement): Promise<Row[]>;
  /** Runs statements as one atomic unit: all apply or none do. Rejects with the driver's error. */
  batch(statements: readonly SqlStatement[]): Promise<void>;
  /** True when `error` is a constraint violation (CHECK, UNIQUE, PRIMARY KEY). */
  isConstraintViolation(error: unknown): boolean;
}
