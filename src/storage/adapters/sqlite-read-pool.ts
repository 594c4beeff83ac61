/**
 * A small pool of reader processes (sqlite-read-process.mjs), each with its own read-only
 * connection to the same WAL file, that run the search statements of the better-sqlite3 driver
 * off the event loop. A statement still running when its request's deadline passes is stopped by
 * killing its process (SIGKILL: better-sqlite3 has no interrupt and a worker thread cannot be
 * stopped inside SQLite), rejected with {@link DeadlineExceededError}, and a new reader takes the
 * killed one's place (docs/decisions/012-sqlite-reads-on-workers.md).
 * @module
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DeadlineExceededError, type Deadline } from '../../lib/deadline.js';
import type { SqlStatement } from '../sql/sql-driver.js';

const READER_SCRIPT = fileURLToPath(new URL('./sqlite-read-process.mjs', import.meta.url));
/** Readers that die before they are ready, in a row, before the pool gives up (a missing file). */
const MAX_FAILED_STARTS = 3;

/** Options of {@link createSqliteReadPool}. */
export interface SqliteReadPoolOptions {
  /** The database file (WAL mode, already migrated by the main connection). */
  path: string;
  /** Number of reader processes, at least 1. */
  size: number;
}

/** Runs read statements on reader processes. */
export interface SqliteReadPool {
  /** Runs `statement` on the next free reader; past `deadline` it is stopped and rejected. */
  all<Row extends object>(statement: SqlStatement, deadline?: Deadline): Promise<Row[]>;
  /** How many readers have been replaced after a deadline (for tests and logs). */
  readonly replaced: number;
  /** Process ids of the current readers (for tests). */
  pids(): number[];
  /**
   * Replaces every reader with a new one. A read-only connection keeps the query planner's
   * statistics it read when it opened, and cannot reload them (`ANALYZE sqlite_schema` writes), so
   * after the statistics change (wal-checkpointer.ts) the readers are renewed: each new connection
   * plans with the current ones. A reader busy with a statement finishes it first; an old reader
   * serves until a new one is ready, so no search waits for the renewal.
   * @see https://sqlite.org/lang_analyze.html
   */
  renew(): void;
  /** Stops every reader and rejects what is still waiting. */
  close(): void;
}

interface Job {
  id: number;
  statement: SqlStatement;
  deadline: Deadline | undefined;
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface Reader {
  child: ChildProcess;
  ready: boolean;
  /** Replaced by {@link SqliteReadPool.renew}: stopped once idle and a new reader is ready. */
  retiring?: boolean;
  job?: Job;
}

type ReaderMessage =
  { ready: true } | { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } };

/** Starts `size` readers at once, so that the first search does not wait for one to start. */
export function createSqliteReadPool(options: SqliteReadPoolOptions): SqliteReadPool {
  const readers: Reader[] = [];
  const queue: Job[] = [];
  let nextId = 0;
  let failedStarts = 0;
  let closed = false;
  let replaced = 0;
  let broken: Error | undefined;

  const spawnReader = (): Reader => {
    const child = fork(READER_SCRIPT, [options.path], { serialization: 'advanced', execArgv: [] });
    const reader: Reader = { child, ready: false };
    child.on('message', (message: ReaderMessage) => onMessage(reader, message));
    child.on('exit', (code, signal) => onExit(reader, `code ${code}, signal ${signal}`));
    child.on('error', () => child.kill('SIGKILL'));
    idle(reader);
    readers.push(reader);
    return reader;
  };

  const onMessage = (reader: Reader, message: ReaderMessage) => {
    if ('ready' in message) {
      reader.ready = true;
      failedStarts = 0;
    } else {
      const job = reader.job;
      if (!job || job.id !== message.id) return;
      settle(job);
      reader.job = undefined;
      idle(reader);
      if ('rows' in message) job.resolve(message.rows);
      else job.reject(Object.assign(new Error(message.error.message), { code: message.error.code }));
    }
    retireIdle();
    dispatch();
  };

  /** Stops the retiring readers that are idle, once a new reader is ready to take their work. */
  const retireIdle = () => {
    if (!readers.some((r) => r.ready && !r.retiring)) return;
    for (const reader of readers.filter((r) => r.retiring && !r.job)) {
      // Out of the list first, so that its exit is not taken for a crash and replaced.
      readers.splice(readers.indexOf(reader), 1);
      reader.child.kill('SIGKILL');
    }
  };

  /** A reader that exits on its own (a crash): its statement fails, and another takes its place. */
  const onExit = (reader: Reader, how: string) => {
    const index = readers.indexOf(reader);
    if (index < 0) return;
    readers.splice(index, 1);
    reader.job?.reject(new Error(`The SQLite reader process exited (${how})`));
    if (reader.job) settle(reader.job);
    // A retiring reader's replacement is already there.
    if (closed || reader.retiring) return;
    if (!reader.ready && ++failedStarts >= MAX_FAILED_STARTS) {
      broken = new Error(`The SQLite reader processes could not start (${how})`);
      for (const job of queue.splice(0)) failJob(job, broken);
      return;
    }
    spawnReader();
    dispatch();
  };

  const dispatch = () => {
    // New readers first: a retiring one still serves while none of them is free. Only during a
    // renewal is there an order to make; every other search takes the list as it is.
    const order = readers.some((r) => r.retiring)
      ? [...readers.filter((r) => !r.retiring), ...readers.filter((r) => r.retiring)]
      : readers;
    for (const reader of order) {
      if (!reader.ready || reader.job) continue;
      const job = queue.shift();
      if (!job) return;
      reader.job = job;
      reader.child.channel?.ref();
      reader.child.send({ id: job.id, sql: job.statement.sql, params: job.statement.params });
    }
  };

  /** The deadline passed: a waiting job leaves the queue; a running one's reader is killed. */
  const expire = (job: Job) => {
    const waiting = queue.indexOf(job);
    if (waiting >= 0) queue.splice(waiting, 1);
    const reader = readers.find((r) => r.job === job);
    if (reader) {
      readers.splice(readers.indexOf(reader), 1);
      reader.child.kill('SIGKILL');
      replaced++;
      if (!reader.retiring) spawnReader();
    }
    job.reject(new DeadlineExceededError('the end of a search statement', job.deadline?.budgetMs ?? 0));
  };

  const failJob = (job: Job, error: Error) => {
    settle(job);
    job.reject(error);
  };

  for (let i = 0; i < Math.max(1, options.size); i++) spawnReader();

  return {
    async all<Row extends object>(statement: SqlStatement, deadline?: Deadline): Promise<Row[]> {
      if (closed) throw new Error('The SQLite reader pool is closed');
      if (broken) throw broken;
      deadline?.check('a search statement');
      return new Promise<Row[]>((resolve, reject) => {
        const job: Job = { id: nextId++, statement, deadline, resolve: resolve as Job['resolve'], reject };
        if (deadline) job.timer = setTimeout(() => expire(job), Math.max(0, deadline.remainingMs()));
        queue.push(job);
        dispatch();
      });
    },
    get replaced() {
      return replaced;
    },
    pids: () => readers.flatMap((r) => (r.child.pid === undefined ? [] : [r.child.pid])),
    renew() {
      if (closed || broken) return;
      const old = readers.filter((r) => !r.retiring);
      for (const reader of old) reader.retiring = true;
      for (let i = 0; i < old.length; i++) spawnReader();
    },
    close() {
      closed = true;
      for (const job of queue.splice(0)) failJob(job, new Error('The SQLite reader pool is closed'));
      for (const reader of readers.splice(0)) {
        if (reader.job) failJob(reader.job, new Error('The SQLite reader pool is closed'));
        reader.child.kill('SIGKILL');
      }
    },
  };
}

function settle(job: Job): void {
  if (job.timer !== undefined) clearTimeout(job.timer);
}

/** An idle reader does not keep the process alive (a script that forgets `close()` still ends). */
function idle(reader: Reader): void {
  reader.child.unref();
  reader.child.channel?.unref();
}
