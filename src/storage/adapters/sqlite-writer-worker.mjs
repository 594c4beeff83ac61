// Worker thread of sqlite-writer.ts: the one connection that writes a SQLite file. It receives
// the units of work of one event-loop turn of the main thread in one message, commits them as one
// transaction (group commit, decision 016; how, writer-units.mjs and decision 040), and answers
// per unit in one message.
// Plain JavaScript so that the worker needs no TypeScript loader (tsx does not reach workers).
import Database from 'better-sqlite3';
import { createUnitCommitter } from './writer-units.mjs';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ path: string, pragmas: string[], statementCacheSize: number }} */
const { path, pragmas, statementCacheSize } = workerData;
const db = new Database(path);
for (const pragma of pragmas) db.pragma(pragma);

const committer = createUnitCommitter(db, statementCacheSize);

/** What crosses back for a failed unit: enough to rebuild the error on the main thread. */
function describeError(error) {
  return { message: error instanceof Error ? error.message : String(error), code: error?.code };
}

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  if (message.type === 'reload-statistics') {
    // Reloads sqlite_stat1 (another connection refreshed it); held statements are planned anew.
    db.exec('ANALYZE sqlite_schema');
    return;
  }
  committer.learn(message);
  const failures = committer.commit(message.units).map((error) => (error === null ? null : describeError(error)));
  parentPort.postMessage({ turn: message.turn, failures });
});
