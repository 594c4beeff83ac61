// Worker thread of wal-checkpointer.ts: copies the WAL of one SQLite file back into the database
// on its own connection, so the copy and its fsyncs never stall the main event loop; and now and
// then refreshes the query planner's statistics, off the main loop too. Plain JavaScript so that
// the worker needs no TypeScript loader (tsx does not reach worker threads).
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import { refreshPlannerStatistics } from './planner-statistics.mjs';

/** @type {{ path: string, walBytes: number, intervalMs: number, statisticsIntervalMs: number }} */
const { path, walBytes, intervalMs, statisticsIntervalMs } = workerData;
const db = new Database(path);
// The checkpoint's fsyncs (WAL before the copy, database after) are what NORMAL promises.
db.pragma('synchronous = NORMAL');
// A checkpoint on this connection never runs inside a write: keep this one from doing its own.
db.pragma('wal_autocheckpoint = 0');

function walSize() {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

// PASSIVE: copies what it can without waiting for or blocking the writer or readers.
const timer = setInterval(() => {
  if (walSize() < walBytes) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick (or the writer's own autocheckpoint) catches up.
  }
}, intervalMs);

// The statistics refresh waits for the writer rather than the other way round; the other
// connections keep the statistics they read when they opened, so a change is reported and the
// driver has them reload (wal-checkpointer.ts).
db.pragma('busy_timeout = 5000');
const statistics = setInterval(() => {
  try {
    if (refreshPlannerStatistics(db)) parentPort?.postMessage('statistics-changed');
  } catch {
    // Busy or closing: the next round does it.
  }
}, statisticsIntervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  clearInterval(statistics);
  db.close();
  parentPort?.close();
});
