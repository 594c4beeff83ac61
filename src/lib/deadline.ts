/**
 * A per-request time budget as a value: created once when a request starts, passed down, and
 * checked between units of work (the statements of a search, later the entries of a Bundle). A
 * check past the deadline throws {@link DeadlineExceededError}, which the HTTP layer answers
 * with 503 and `Retry-After`. It cannot stop work already running (better-sqlite3 statements
 * run to completion on the event loop); the work itself is bounded up front (docs/limits.md).
 * @module
 */

/** Thrown by {@link Deadline.check} once the budget is spent. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly stage: string,
    readonly budgetMs: number,
  ) {
    super(`The request exceeded its time budget of ${budgetMs} ms (stopped before ${stage})`);
    this.name = 'DeadlineExceededError';
  }
}

/** The time budget of one request. */
export interface Deadline {
  readonly budgetMs: number;
  /** Milliseconds left (negative once past). */
  remainingMs(): number;
  /** Throws {@link DeadlineExceededError} when past the deadline; `stage` names the next step. */
  check(stage: string): void;
}

/** A deadline `budgetMs` from now, by the clock `now` (epoch ms). */
export function createDeadline(budgetMs: number, now: () => number = Date.now): Deadline {
  const at = now() + budgetMs;
  return {
    budgetMs,
    remainingMs: () => at - now(),
    check(stage) {
      if (now() > at) throw new DeadlineExceededError(stage, budgetMs);
    },
  };
}
