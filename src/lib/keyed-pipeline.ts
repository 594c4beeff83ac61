/**
 * Runs asynchronous tasks side by side, at most `limit` at once and never two that share a key at
 * once, and hands their results on in the order the tasks were added. Ingest uses it so that one
 * record's validation runs while another's transaction commits (and the SQLite writer commits
 * several records together), while two records of the same child still commit in file order.
 * @module
 */

/** What {@link keyedPipeline} returns. */
export interface KeyedPipeline<T> {
  /**
   * Starts `task` once fewer than `limit` tasks run and none of them holds one of `keys`; resolves
   * when it has started, so a caller reading a stream reads no further ahead than that.
   */
  add(keys: readonly string[], task: () => Promise<T>): Promise<void>;
  /** Resolves once every added task's result has been handed to `onResult`; rejects with a task's error. */
  finish(): Promise<void>;
}

/** A pipeline of at most `limit` concurrent tasks whose results go to `onResult` in order. */
export function keyedPipeline<T>(limit: number, onResult: (result: T) => void): KeyedPipeline<T> {
  const running = new Map<Promise<void>, ReadonlySet<string>>();
  let reported: Promise<void> = Promise.resolve();
  const blockersOf = (keys: readonly string[]) =>
    [...running].filter(([, held]) => keys.some((key) => held.has(key))).map(([settled]) => settled);

  return {
    async add(keys, task) {
      for (;;) {
        const blockers = blockersOf(keys);
        if (blockers.length === 0 && running.size < limit) break;
        await Promise.race(blockers.length > 0 ? blockers : running.keys());
      }
      const result = task();
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      running.set(settled, new Set(keys));
      // Registered before anyone races on `settled`, so the slot is free when they wake.
      void settled.then(() => running.delete(settled));
      reported = reported.then(() => result.then(onResult));
    },
    finish: () => reported,
  };
}
