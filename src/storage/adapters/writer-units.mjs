// How the SQLite writer thread (sqlite-writer-worker.mjs) commits the units of one message:
// first optimistically, every unit in one transaction without savepoints and the plain row
// INSERTs of consecutive units merged into multi-row INSERTs; if anything in it fails, the
// transaction is rolled back and the units run again one SAVEPOINT each, in order, as before
// (decision 016), so a unit whose guard or key fails fails alone and the others commit.
// Plain JavaScript, like the worker, so that it needs no TypeScript loader. Decision 040.
import { cachedPrepare } from './prepared-statements.mjs';

/**
 * Guard statements that may run after rows of LATER units of the same run were inserted into
 * the search and history tables (never into `resource_current`, whose INSERTs stay in unit
 * order). Each either reads `resource_current` alone, or fails when a row exists, so extra rows
 * can only make it fail where the unit-by-unit order would pass; then the whole message runs again
 * unit by unit. The texts are those of src/storage/sql/integrity-sql.ts (references exist, an
 * identifier is held once) and grouped-writes.ts (versions read); writer-units.test.ts checks
 * that the store's statements are classified as meant.
 */
const ORDERED_CHECKS = [
  /^INSERT INTO write_guard \(ok\) SELECT 0 WHERE \(SELECT COUNT\(\*\) FROM resource_current WHERE deleted = 0 AND \(resource_type, id\) IN \(VALUES \(\?, \?\)(?:, \(\?, \?\))*\)\) < \?$/,
  /^INSERT INTO write_guard \(ok\) SELECT 0 WHERE EXISTS \(SELECT 1 FROM search_token WHERE resource_type = \? AND code = \? AND value = \? AND system = \? AND id <> \?\)(?: OR EXISTS \(SELECT 1 FROM search_token WHERE resource_type = \? AND code = \? AND value = \? AND system = \? AND id <> \?\))*$/,
  /^INSERT INTO write_guard \(ok\) SELECT CASE WHEN \(SELECT COUNT\(\*\) FROM resource_current WHERE \(resource_type, id, version_id\) IN \(VALUES \(\?, \?, CAST\(\? AS INTEGER\)\)(?:, \(\?, \?, CAST\(\? AS INTEGER\)\))*\)\) = \? THEN 1 ELSE 0 END$/,
  /^DELETE FROM write_guard$/,
];

/** `INSERT INTO table (columns) VALUES (?, …), (?, …)`: rows of bound values and nothing else. */
const PLAIN_INSERT = /^(INSERT INTO (\w+) \([\w, ]+\)) VALUES (\(\?(?:, \?)*\))((?:, \(\?(?:, \?)*\))*)$/;

/** Tables whose plain INSERTs keep their place: the guards read `resource_current`; `write_guard` is a guard. */
const IN_PLACE_TABLES = new Set(['resource_current', 'write_guard']);

/** Most rows in one merged INSERT; sizes are powers of two so that few texts are prepared. */
const MAX_ROWS = 64;

/**
 * What a SQL text is to a merged run: `rows` (a plain INSERT whose rows may join those of other
 * units), `ordered` (runs in unit order, see {@link ORDERED_CHECKS}), or `other` (its unit is not
 * merged with others).
 * @param {string} sql
 * @returns {{ kind: 'rows', head: string, width: number } | { kind: 'ordered' } | { kind: 'other' }}
 */
export function classifySql(sql) {
  if (ORDERED_CHECKS.some((pattern) => pattern.test(sql))) return { kind: 'ordered' };
  const match = PLAIN_INSERT.exec(sql);
  if (!match) return { kind: 'other' };
  const [, head, table, tuple, more] = match;
  // Every tuple must be as wide as the first, or the text is not rows of one shape.
  if (more.split(', (').some((part, i) => i > 0 && `(${part}` !== tuple)) return { kind: 'other' };
  if (table === 'write_guard') return { kind: 'other' };
  if (IN_PLACE_TABLES.has(table)) return { kind: 'ordered' };
  return { kind: 'rows', head, width: tuple.split('?').length - 1 };
}

/**
 * The committer of one writer connection. `learn` takes the SQL texts a message numbers;
 * `commit` runs the message's units (`[textId, paramCount, ...params, textId, …]` each) and
 * returns per unit `null` (committed) or the error it failed with.
 * @param {import('better-sqlite3').Database} db
 * @param {number} statementCacheSize
 */
export function createUnitCommitter(db, statementCacheSize) {
  const prepare = cachedPrepare(db, statementCacheSize);
  // A nested call of a better-sqlite3 transaction function runs as a SAVEPOINT.
  const inTransaction = db.transaction((work) => work());
  /** id → { sql, kind, head?, width? }: what the main thread numbered, classified once. */
  const texts = new Map();
  /** head → INSERT texts by log2 of their row count. */
  const mergedTexts = new Map();

  const runUnit = (flat, skipRows) => {
    let i = 0;
    while (i < flat.length) {
      const text = texts.get(flat[i]);
      const count = flat[i + 1];
      if (!(skipRows && text.kind === 'rows')) prepare(text.sql).run(flat.slice(i + 2, i + 2 + count));
      i += 2 + count;
    }
  };

  const isMergeable = (flat) => {
    for (let i = 0; i < flat.length; i += 2 + flat[i + 1]) if (texts.get(flat[i]).kind === 'other') return false;
    return true;
  };

  const insertText = (text, rows) => {
    let byLog = mergedTexts.get(text.head);
    if (!byLog) mergedTexts.set(text.head, (byLog = []));
    const log = Math.log2(rows);
    if (byLog[log] === undefined) {
      const tuple = `(${new Array(text.width).fill('?').join(', ')})`;
      byLog[log] = `${text.head} VALUES ${new Array(rows).fill(tuple).join(', ')}`;
    }
    return byLog[log];
  };

  /** Inserts the flat row values of one table in chunks of a power of two rows, in order. */
  const insertRows = (text, values) => {
    let offset = 0;
    let rows = values.length / text.width;
    while (rows > 0) {
      let size = MAX_ROWS;
      while (size > rows) size /= 2;
      const end = offset + size * text.width;
      prepare(insertText(text, size)).run(values.slice(offset, end));
      offset = end;
      rows -= size;
    }
  };

  /** Units that are all mergeable: every unit's plain rows first, table by table, then each unit's ordered statements. */
  const runMerged = (units) => {
    const byHead = new Map();
    for (const flat of units) {
      for (let i = 0; i < flat.length; i += 2 + flat[i + 1]) {
        const text = texts.get(flat[i]);
        if (text.kind !== 'rows') continue;
        let group = byHead.get(text.head);
        if (!group) byHead.set(text.head, (group = { text, values: [] }));
        for (let k = i + 2; k < i + 2 + flat[i + 1]; k++) group.values.push(flat[k]);
      }
    }
    for (const { text, values } of byHead.values()) insertRows(text, values);
    for (const flat of units) runUnit(flat, true);
  };

  /** Every unit in order; runs of two or more mergeable units merged. Throws on the first failure. */
  const runAll = (units) => {
    let start = 0;
    while (start < units.length) {
      let end = start;
      while (end < units.length && isMergeable(units[end])) end++;
      if (end - start >= 2) {
        runMerged(units.slice(start, end));
        start = end;
      } else {
        runUnit(units[start], false);
        start += 1;
      }
    }
  };

  /** The previous way, kept as the fallback: one transaction, a savepoint per unit. */
  const commitEach = (units) => {
    const failures = new Array(units.length).fill(null);
    try {
      inTransaction(() => {
        units.forEach((flat, i) => {
          try {
            inTransaction(() => runUnit(flat, false));
          } catch (error) {
            failures[i] = error;
          }
        });
      });
    } catch (error) {
      return units.map(() => error);
    }
    return failures;
  };

  return {
    /** @param {{ resetTexts?: boolean, texts: [number, string][] }} message */
    learn(message) {
      if (message.resetTexts) texts.clear();
      for (const [id, sql] of message.texts) texts.set(id, { sql, ...classifySql(sql) });
    },
    /** @param {unknown[][]} units */
    commit(units) {
      try {
        inTransaction(() => runAll(units));
        return units.map(() => null);
      } catch (error) {
        // One unit: its error is its outcome, and the rollback left nothing of it.
        if (units.length === 1) return [error];
      }
      return commitEach(units);
    },
  };
}
