// Brings SQLite's query planner statistics (sqlite_stat1) up to date for the tables that need it,
// on the connection given: the driver's main connection at open and on request, the checkpoint
// worker's now and then (better-sqlite3-driver.ts, wal-checkpoint-worker.mjs). Plain JavaScript so
// that the worker needs no TypeScript loader.
//
// Without statistics SQLite guesses every index equally selective, and at 100,000 resources a
// chained search by IIN took 500 ms at p50 instead of 1.3 ms (decision 032). `analysis_limit`
// samples each index instead of reading it whole, so this costs milliseconds even on a large file.
// Mask 0x10003 of `optimize` lists the ANALYZE statements that 0x10002 (every table, not only
// those this connection used) would run, without running them; each then runs as its own short
// transaction. `optimize` itself runs them all in one, which during a bulk load of half a million
// resources held the write lock past the writer's 5 s busy timeout and failed a commit (decision 044).
// @see https://sqlite.org/pragma.html#pragma_optimize

/** The statistics as they stand: a few dozen short rows, so comparing them is cheap. */
function statisticsNow(db) {
  try {
    return JSON.stringify(db.prepare('SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx').raw().all());
  } catch {
    return ''; // no sqlite_stat1 yet
  }
}

/**
 * Analyses the tables whose statistics are missing or stale, one per transaction.
 * @param {import('better-sqlite3').Database} db
 * @returns {boolean} whether the statistics changed (other open connections must reload them)
 */
export function refreshPlannerStatistics(db) {
  const before = statisticsNow(db);
  db.pragma('analysis_limit = 1000');
  for (const [statement] of db.prepare('PRAGMA optimize = 0x10003').raw().all()) db.exec(statement);
  return statisticsNow(db) !== before;
}
