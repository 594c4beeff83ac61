/**
 * A {@link SqlDriver} that reports how long each call took, for the metrics of the Node entry.
 * @module
 */
import type { SqlDriver } from './sql-driver.js';

/** Which driver call an observation is of. */
export type DriverOperation = 'read' | 'search' | 'batch';

/** Receives the duration of each call in seconds, failed calls included. */
export type DriverTimer = (operation: DriverOperation, seconds: number) => void;

/** `driver` with every call timed through `observe`. */
export function timeSqlDriver<D extends SqlDriver>(driver: D, observe: DriverTimer): D {
  const timed = async <T>(operation: DriverOperation, call: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await call();
    } finally {
      observe(operation, (performance.now() - started) / 1000);
    }
  };
  return {
    ...driver,
    all: (statement) => timed('read', () => driver.all(statement)),
    search: (statement, options) => timed('search', () => driver.search(statement, options)),
    batch: (statements) => timed('batch', () => driver.batch(statements)),
    isConstraintViolation: (error) => driver.isConstraintViolation(error),
  };
}
