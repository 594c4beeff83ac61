/**
 * Writes to a SQLite file from a worker thread (Node only). The units of work handed in during
 * one turn of the event loop go to the worker in one message and are committed there as one
 * transaction with a savepoint per unit (group commit, decision 016); each unit's promise settles
 * when the worker reports the COMMIT, so nothing is acknowledged before it is durable. The main
 * thread keeps HTTP, validation and index extraction; the b-tree work of the writes, about 40% of
 * a create, runs beside it (decision 022).
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { SqlStatement, SqlValue } from '../sql/sql-driver.js';

/** Options of {@link startSqliteWriter}. */
export interface SqliteWriterOptions {
  /** The database file (not `:memory:`, which another connection cannot see). */
  path: string;
  /** `PRAGMA` settings of the writing connection, as `name = value`. */
  pragmas: readonly string[];
  /** Most units in one transaction, so that one commit never holds the worker for long. */
  maxUnits?: number;
  /** Prepared statements the worker keeps, and SQL texts numbered before the numbering restarts. */
  statementCacheSize?: number;
}

/** A running writer: `commit` applies statements as one atomic unit; `close` stops the worker. */
export interface SqliteWriter {
  commit(statements: readonly SqlStatement[]): Promise<void>;
  /** Has the writing connection reload the query planner's statistics (changed by another connection). */
  reloadStatistics(): void;
  close(): Promise<void>;
}

/** A unit failure as the worker reports it; `code` is SQLite's (`SQLITE_CONSTRAINT_…`). */
interface WorkerFailure {
  message: string;
  code?: string;
}

interface PendingUnit {
  /** `[textId, paramCount, ...params, textId, …]`: one flat array clones faster than nested ones. */
  flat: SqlValue[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The error of a unit the worker rolled back, with SQLite's `code` as better-sqlite3 gives it. */
export class SqliteWriteError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SqliteWriteError';
  }
}

/**
 * Numbers SQL texts so that each crosses the thread boundary once. Search guards make the set of
 * texts open-ended, so past `limit` texts the numbering restarts between two flushes (never while
 * units built on the old numbers wait to be sent) and the next message tells the worker so.
 */
function createTextNumbering(limit: number) {
  let ids = new Map<string, number>();
  let fresh: [number, string][] = [];
  let restarted = false;
  return {
    idOf(sql: string): number {
      let id = ids.get(sql);
      if (id === undefined) {
        id = ids.size;
        ids.set(sql, id);
        fresh.push([id, sql]);
      }
      return id;
    },
    /** The texts numbered since the last call, and whether the worker must forget older ones. */
    take(): { texts: [number, string][]; resetTexts: boolean } {
      const taken = { texts: fresh, resetTexts: restarted };
      fresh = [];
      restarted = false;
      return taken;
    },
    /** Sends every numbered text again with the next message: a new worker knows none of them. */
    resendAll(): void {
      fresh = [...ids].map(([sql, id]) => [id, sql]);
      restarted = true;
    },
    /** Starts again from 0 when full; call only when every numbered unit has been sent. */
    restartIfFull(): void {
      if (ids.size < limit) return;
      ids = new Map();
      fresh = [];
      restarted = true;
    },
  };
}

/** Starts the writer thread for `options.path`. The worker never keeps the process alive. */
export function startSqliteWriter(options: SqliteWriterOptions): SqliteWriter {
  const maxUnits = options.maxUnits ?? 64;
  const cacheSize = options.statementCacheSize ?? 256;
  const numbering = createTextNumbering(cacheSize * 4);
  const queue: PendingUnit[] = [];
  const inFlight = new Map<number, PendingUnit[]>();
  let nextTurn = 0;
  let scheduled = false;
  let closed: Error | undefined;
  let worker: Worker | undefined;

  const settle = (message: { turn: number; failures: (WorkerFailure | null)[] }) => {
    const units = inFlight.get(message.turn) ?? [];
    inFlight.delete(message.turn);
    if (inFlight.size === 0) worker?.unref();
    units.forEach((unit, i) => {
      const failure = message.failures[i];
      if (failure) unit.reject(new SqliteWriteError(failure.message, failure.code));
      else unit.resolve();
    });
    flush();
  };

  // A writer that dies (not closed by us) fails the units it held: whether their COMMIT ran is
  // unknown to us, so they are reported as failed, never as done. The next flush starts a new one.
  const onExit = (reason: string) => {
    worker = undefined;
    const error = closed ?? new SqliteWriteError(`SQLite writer stopped: ${reason}`);
    for (const units of inFlight.values()) for (const unit of units) unit.reject(error);
    inFlight.clear();
    if (closed) for (const unit of queue.splice(0)) unit.reject(closed);
    else {
      numbering.resendAll();
      // Units that waited for the lost answer go to a new worker.
      if (queue.length > 0) flush();
    }
  };

  const spawn = (): Worker => {
    const started = new Worker(new URL('./sqlite-writer-worker.mjs', import.meta.url), {
      workerData: { path: options.path, pragmas: options.pragmas, statementCacheSize: cacheSize },
    });
    started.unref();
    started.on('message', settle);
    let failure = 'it exited';
    started.on('error', (error) => (failure = error.message));
    started.on('exit', () => onExit(failure));
    return started;
  };
  worker = spawn();

  // One message in flight at a time. Units handed in while the worker commits wait here and go
  // together in the next message, one transaction, as soon as the answer arrives: they would
  // otherwise wait as many messages in the worker's port, each its own COMMIT. A lone writer
  // finds the worker idle and is sent at once; a waiting unit waits at most one hop back to this
  // thread longer than it did in the port (decision 039).
  const flush = () => {
    scheduled = false;
    if (inFlight.size > 0 || queue.length === 0) return;
    const units = queue.splice(0, maxUnits);
    const turn = nextTurn++;
    inFlight.set(turn, units);
    worker ??= spawn();
    // A write in flight keeps the process alive until its answer arrives.
    worker.ref();
    worker.postMessage({ turn, ...numbering.take(), units: units.map((u) => u.flat) });
    // Units still queued were numbered under the current numbering: restart only once all are sent.
    if (queue.length === 0) numbering.restartIfFull();
  };

  return {
    commit(statements) {
      if (closed) return Promise.reject(closed);
      const flat: PendingUnit['flat'] = [];
      for (const s of statements) {
        flat.push(numbering.idOf(s.sql), s.params.length);
        for (const value of s.params) flat.push(value);
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ flat, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    reloadStatistics() {
      // No worker: the next one opens with the current statistics.
      worker?.postMessage({ type: 'reload-statistics' });
    },
    async close() {
      if (closed) return;
      closed = new SqliteWriteError('SQLite writer is closed');
      const running = worker;
      if (!running) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.postMessage({ type: 'close' });
      await exited;
    },
  };
}
