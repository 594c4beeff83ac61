// One read-only SQLite connection in a process of its own, serving the search statements that
// sqlite-read-pool.ts sends it. A process rather than a worker thread: better-sqlite3 offers no
// sqlite3_interrupt, and worker.terminate() waits for a running statement to finish (docs/
// decisions/012), while SIGKILL stops it at once. A killed reader leaves the database intact: it
// writes nothing, and the kernel drops its locks on the WAL index.
// Plain JavaScript so that it starts without a TypeScript loader (tsx, vitest) in about 50 ms.
//
// Protocol (process.send, advanced serialization): it sends { ready: true } once the database is
// open, then answers each { id, sql, params } with { id, rows } or { id, error: { message, code } }.
import { setPriority } from 'node:os';
import process from 'node:process';
import Database from 'better-sqlite3';
import { cachedPrepare } from './prepared-statements.mjs';

const STATEMENT_CACHE_SIZE = 256;
const READER_NICENESS = 10;

// Below the gateway's own process: when the cores are busy, the event loop (reads by id, writes)
// is served first and a long search waits, rather than the other way round.
setPriority(READER_NICENESS);
const db = new Database(process.argv[2], { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
// Search reads walk index b-trees; a 32 MiB page cache per reader keeps the hot ones in memory.
db.pragma('cache_size = -32768');

const prepare = cachedPrepare(db, STATEMENT_CACHE_SIZE);

process.on('message', (message) => {
  const { id, sql, params } = message;
  try {
    process.send({ id, rows: prepare(sql).all(...params) });
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    process.send({ id, error: { message: error.message, code: 'code' in error ? String(error.code) : undefined } });
  }
});
// The gateway went away (exit, crash, or kill): nothing is left to serve.
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
