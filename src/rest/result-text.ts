/**
 * The stored text of a result's resource: when the result's version is the write that stored
 * that very resource object, the store's compact text of it (`ResourceWrite.json`) can be sent
 * instead of serialising the resource again.
 * @module
 */
import type { RestResult } from './context.js';

/** The text the store wrote for `result.resource`, when the version is that write; else undefined. */
export function storedTextOf(result: RestResult): string | undefined {
  const written = result.version as { resource?: unknown; json?: string } | undefined;
  return written?.json !== undefined && written.resource === result.resource ? written.json : undefined;
}
