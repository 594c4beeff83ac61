/**
 * Checking {@link WriteExpectation}s against current versions, shared by adapters that can
 * check them in-process (memory) and by SQL adapters that explain a failed batch afterwards.
 * @module
 */
import type { ResourceWrite, WriteExpectation } from './port.js';

/**
 * Returns the index of the first write whose expectation does not hold, or `undefined`.
 * Writes earlier in the unit count: a unit may create a resource and update it again.
 */
export function findExpectationConflict(
  writes: readonly ResourceWrite[],
  currentVersionOf: (write: ResourceWrite) => string | undefined,
): number | undefined {
  const pending = new Map<string, string>();
  for (const [index, write] of writes.entries()) {
    const key = `${write.resourceType}/${write.id}`;
    const currentVersion = pending.has(key) ? pending.get(key) : currentVersionOf(write);
    if (!expectationHolds(write.expect, currentVersion)) return index;
    pending.set(key, write.versionId);
  }
  return undefined;
}

/** True when a row whose current version is `currentVersion` (or no row) satisfies `expect`. */
export function expectationHolds(expect: WriteExpectation, currentVersion: string | undefined): boolean {
  return expect.kind === 'absent' ? currentVersion === undefined : currentVersion === expect.versionId;
}
