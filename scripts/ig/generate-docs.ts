/**
 * Placeholder replaced below.
 * @module
 */
import type { AnyResource } from './ig-files.js';
import type { InvalidExample } from './invalid-examples.js';

/** Writes docs/ig pages; returns how many. */
export function generateDocs(_resources: readonly AnyResource[], _invalid: readonly InvalidExample[]): number {
  return 0;
}
