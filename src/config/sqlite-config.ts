/**
 * Settings of the Node entry's embedded SQLite database (Workers uses D1 and has none of these).
 * See docs/limits.md (Search) and docs/decisions/012-sqlite-reads-on-workers.md.
 * @module
 */
import { z } from 'zod';

/** Reader processes for search reads when `SQLITE_READ_WORKERS` is not set. */
export const DEFAULT_SQLITE_READ_WORKERS = 2;

/** Typed SQLite settings. */
export interface SqliteConfig {
  /** Reader processes that run search reads off the event loop; 0 runs them on the main connection. */
  readWorkers: number;
}

const Schema = z.object({
  SQLITE_READ_WORKERS: z.coerce.number().int().min(0).max(32).default(DEFAULT_SQLITE_READ_WORKERS),
});

/** Parses `env`; throws a readable error on a malformed setting. */
export function parseSqliteConfig(env: Record<string, string | undefined>): SqliteConfig {
  const result = Schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return { readWorkers: result.data.SQLITE_READ_WORKERS };
}
