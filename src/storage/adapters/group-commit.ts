/**
 * Group commit for an embedded SQLite file: the units of work that concurrent requests hand in
 * during one turn of the event loop are committed as one SQLite transaction, each inside its own
 * SAVEPOINT. A unit whose guard fails rolls back to its savepoint and rejects alone; the others
 * commit together. What a commit costs in SQLite is mostly the pages it writes to the WAL, and
 * units of the same turn touch the same index leaf pages, so grouping shares that cost.
 * Durability is unchanged: a request's promise settles only after the shared COMMIT
 * (docs/decisions/016-group-commit.md).
 * @module
 */

/** Runs `work` inside a transaction (outermost) or a savepoint (nested), as better-sqlite3 does. */
export type RunInTransaction = (work: () => void) => void;

interface PendingUnit {
  run: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions {
  /** Runs its argument in one transaction (outer) or savepoint (nested). */
  transaction: RunInTransaction;
  /** Schedules the flush after the current turn's I/O callbacks (Node: setImmediate). */
  schedule: (flush: () => void) => void;
  /** Most units in one transaction, so one flush never holds the event loop for long. */
  maxUnits?: number;
}

/** Queues units of work and commits each turn's units together; see the module comment. */
export function createGroupCommit(options: GroupCommitOptions): (run: () => void) => Promise<void> {
  const maxUnits = options.maxUnits ?? 64;
  const queue: PendingUnit[] = [];

  const flush = () => {
    const units = queue.splice(0, maxUnits);
    if (queue.length > 0) options.schedule(flush);
    const failures = new Map<PendingUnit, unknown>();
    try {
      options.transaction(() => {
        for (const unit of units) {
          try {
            options.transaction(unit.run);
          } catch (error) {
            failures.set(unit, error);
          }
        }
      });
    } catch (error) {
      for (const unit of units) unit.reject(error);
      return;
    }
    for (const unit of units) {
      if (failures.has(unit)) unit.reject(failures.get(unit));
      else unit.resolve();
    }
  };

  return (run) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ run, resolve, reject });
      if (queue.length === 1) options.schedule(flush);
    });
}
