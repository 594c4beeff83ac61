/**
 * Letting other requests run during a long loop: a Bundle's entries are processed one after
 * another on the one event loop, so a large Bundle gives the loop back every few milliseconds.
 * `setTimeout(0)` is Web-standard and runs on Node and Workers alike.
 * @module
 */

/** Time between yields: short enough that a concurrent read is not held behind a Bundle. */
const SLICE_MS = 10;

/**
 * A function to await between steps of a loop: it yields to the event loop once at least
 * {@link SLICE_MS} have passed since the last yield, and is free otherwise.
 */
export function createYieldPoint(sliceMs = SLICE_MS): () => Promise<void> {
  let since = Date.now();
  return async () => {
    if (Date.now() - since < sliceMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    since = Date.now();
  };
}
