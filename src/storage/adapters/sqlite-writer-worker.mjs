// Worker thread of sqlite-writer.ts: the one connection that writes a SQLite file. It receives
// the units of work of one event-loop turn of the main thread in one message, commits them as one
// transaction with a savepoint per unit (group commit, decision 016), and answers per unit.
// Plain JavaScript so that the worker needs no TypeScript loader (tsx does not reach workers).
import Database from 'better-sqlite3';
import { cachedPrepare } from './prepared-statements.mjs';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ path: string, pragmas: string[], statementCacheSize: number }} */
const { path, pragmas, statementCacheSize } = workerData;
const db = new Database(path);
for (const pragma of pragmas) db.pragma(pragma);

/** SQL texts the main thread has numbered: a text crosses the thread boundary once. */
const texts = new Map();
const prepare = cachedPrepare(db, statementCacheSize);

// A nested call of a better-sqlite3 transaction function runs as a SAVEPOINT.
const inTransaction = db.transaction((work) => work());

/** Runs one unit's statements: `[textId, paramCount, ...params, textId, …]`. */
function runUnit(flat) {
  let i = 0;
  while (i < flat.length) {
    const statement = prepare(texts.get(flat[i]));
    const count = flat[i + 1];
    statement.run(flat.slice(i + 2, i + 2 + count));
    i += 2 + count;
  }
}

/** What crosses back for a failed unit: enough to rebuild the error on the main thread. */
function describeError(error) {
  return { message: error instanceof Error ? error.message : String(error), code: error?.code };
}

function commitTurn(units) {
  const failures = new Array(units.length).fill(null);
  try {
    inTransaction(() => {
      units.forEach((flat, i) => {
        try {
          inTransaction(() => runUnit(flat));
        } catch (error) {
          failures[i] = describeError(error);
        }
      });
    });
  } catch (error) {
    return units.map(() => describeError(error));
  }
  return failures;
}

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  if (message.resetTexts) texts.clear();
  for (const [id, sql] of message.texts) texts.set(id, sql);
  parentPort.postMessage({ turn: message.turn, failures: commitTurn(message.units) });
});
