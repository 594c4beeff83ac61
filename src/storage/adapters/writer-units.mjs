// How the SQLite writer thread (sqlite-writer-worker.mjs) commits the units of one message.
// First optimistically: every unit in one transaction without savepoints, and consecutive units
// that hold only plain INSERTs and the store's guards merged into few multi-row statements, as a
// transaction Bundle's entries are. If anything of it fails, the transaction is rolled back and
// the units run again one SAVEPOINT each, in order, as before (decision 016): a unit whose
// guard or key fails fails alone and the others commit, exactly as unit by unit. So the merged
// form only has to be right when it succeeds: it must never pass where unit by unit a unit
// would fail, and must leave the same rows. Plain JavaScript, like the worker. Decision 040.
import { cachedPrepare } from './prepared-statements.mjs';
import { classifySql, existsText, identifierText, insertText } from './writer-sql.mjs';

/** Most rows, references and identifiers in one merged statement; powers of two, so few texts. */
const MAX_ROWS = 64;
const MAX_PAIRS = 64;
const MAX_HOLDERS = 16;

/** The largest power of two that is at most `n` and `max`. */
function chunkSize(n, max) {
  let size = max;
  while (size > n) size /= 2;
  return size;
}

const keyOf = (type, id) => `${type}\u0000${id}`;

/**
 * What a run of mergeable units amounts to: their rows by INSERT head, the distinct targets of
 * their references checks (first unit naming each), their identifier checks' values, and whether
 * the checks can run once after all rows (`whole`). That is so unless a unit reads versions or
 * refers to a resource that a LATER unit of the run creates: unit by unit its check would not
 * see it, while one check after all rows would. Then current rows and checks stay in unit order.
 */
function gather(units, texts) {
  const groups = new Map();
  const referrer = new Map();
  const creator = new Map();
  const targets = [];
  const holders = [];
  let whole = true;
  units.forEach((flat, u) => {
    for (let i = 0; i < flat.length; i += 2 + flat[i + 1]) {
      const text = texts.get(flat[i]);
      const start = i + 2;
      const end = start + flat[i + 1];
      if (text.kind === 'rows' || text.kind === 'current') {
        let group = groups.get(text.head);
        if (!group) groups.set(text.head, (group = { ...text, values: [] }));
        for (let k = start; k < end; k++) group.values.push(flat[k]);
        // A current row starts with resource_type and id (writer-sql.mjs checks the columns).
        if (text.kind === 'current')
          for (let k = start; k < end; k += text.width) creator.set(keyOf(flat[k], flat[k + 1]), u);
      } else if (text.kind === 'exists') {
        // The last value is the count of pairs.
        for (let k = start; k < end - 1; k += 2) {
          const key = keyOf(flat[k], flat[k + 1]);
          if (referrer.has(key)) continue;
          referrer.set(key, u);
          targets.push(flat[k], flat[k + 1]);
        }
      } else if (text.kind === 'identifier') {
        for (let k = start; k < end; k++) holders.push(flat[k]);
      } else whole = false;
    }
  });
  for (const [key, u] of referrer) if ((creator.get(key) ?? -1) > u) whole = false;
  return { groups, targets, holders, whole };
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
  /** id → { sql, kind, head?, width? }: the texts the main thread numbered, classified once. */
  const texts = new Map();

  /** Runs a unit's statements in order, except those of the kind `skip` (already run merged). */
  const runUnit = (flat, skip) => {
    for (let i = 0; i < flat.length; i += 2 + flat[i + 1]) {
      const text = texts.get(flat[i]);
      if (text.kind !== skip) prepare(text.sql).run(flat.slice(i + 2, i + 2 + flat[i + 1]));
    }
  };

  /** Runs the statements `textOf(n)` over `values`, `width` per item, n a power of two; `counted` binds n last. */
  const runChunked = (values, width, max, textOf, counted) => {
    for (let offset = 0, items = values.length / width; items > 0;) {
      const size = chunkSize(items, max);
      const params = values.slice(offset, offset + size * width);
      if (counted) params.push(size);
      prepare(textOf(size)).run(params);
      offset += size * width;
      items -= size;
    }
  };

  /** Units that are all mergeable: every unit's rows first, table by table, then the checks. */
  const runMerged = (units) => {
    const { groups, targets, holders, whole } = gather(units, texts);
    for (const { kind, head, width, values } of groups.values()) {
      if (kind === 'rows' || whole) runChunked(values, width, MAX_ROWS, (n) => insertText(head, width, n), false);
    }
    if (!whole) {
      for (const flat of units) runUnit(flat, 'rows');
      return;
    }
    runChunked(targets, 2, MAX_PAIRS, existsText, true);
    runChunked(holders, 5, MAX_HOLDERS, identifierText, false);
  };

  const isMergeable = (flat) => {
    for (let i = 0; i < flat.length; i += 2 + flat[i + 1]) if (texts.get(flat[i]).kind === 'other') return false;
    return true;
  };

  /** Every unit in order; runs of two or more mergeable units merged. Throws on the first failure. */
  const runAll = (units) => {
    for (let start = 0; start < units.length;) {
      let end = start;
      while (end < units.length && isMergeable(units[end])) end++;
      if (end - start >= 2) runMerged(units.slice(start, end));
      else runUnit(units[start], undefined);
      start = Math.max(end, start + 1);
    }
  };

  /** The fallback, as before: one transaction, a savepoint per unit. */
  const commitEach = (units) => {
    const failures = new Array(units.length).fill(null);
    try {
      inTransaction(() => {
        units.forEach((flat, i) => {
          try {
            inTransaction(() => runUnit(flat, undefined));
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
