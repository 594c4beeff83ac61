// What the SQLite writer thread knows about the SQL texts it runs (writer-units.mjs): which
// statements of a unit may be merged with those of other units, and the merged texts. Plain
// JavaScript, like the worker, so that it needs no TypeScript loader. Decision 040.

// The guard texts of src/storage/sql/integrity-sql.ts (references exist; an identifier is held
// once) and grouped-writes.ts (versions read); writer-units.test.ts checks that the store's
// statements are classified as meant, so a change there shows up.
const PAIR = '\\(\\?, \\?\\)';
const EXISTS_CHECK = new RegExp(
  '^INSERT INTO write_guard \\(ok\\) SELECT 0 WHERE \\(SELECT COUNT\\(\\*\\) FROM resource_current ' +
    `WHERE deleted = 0 AND \\(resource_type, id\\) IN \\(VALUES ${PAIR}(?:, ${PAIR})*\\)\\) < \\?$`,
);
const HOLDER =
  'EXISTS (SELECT 1 FROM search_token WHERE resource_type = ? AND code = ? AND value = ? AND system = ? AND id <> ?)';
const HOLDER_PATTERN = HOLDER.replace(/[()*?]/g, '\\$&');
const IDENTIFIER_CHECK = new RegExp(
  `^INSERT INTO write_guard \\(ok\\) SELECT 0 WHERE ${HOLDER_PATTERN}(?: OR ${HOLDER_PATTERN})*$`,
);
const TRIPLE = '\\(\\?, \\?, CAST\\(\\? AS INTEGER\\)\\)';
const READ_CHECK = new RegExp(
  '^INSERT INTO write_guard \\(ok\\) SELECT CASE WHEN \\(SELECT COUNT\\(\\*\\) FROM resource_current WHERE ' +
    `\\(resource_type, id, version_id\\) IN \\(VALUES ${TRIPLE}(?:, ${TRIPLE})*\\)\\) = \\? THEN 1 ELSE 0 END$`,
);
const CHECKS = [
  ['exists', EXISTS_CHECK],
  ['identifier', IDENTIFIER_CHECK],
  ['read', READ_CHECK],
  ['clear', /^DELETE FROM write_guard$/],
];

/** `INSERT INTO table (columns) VALUES (?, …), (?, …)`: rows of bound values and nothing else. */
const PLAIN_INSERT = /^(INSERT INTO (\w+) \([\w, ]+\)) VALUES (\(\?(?:, \?)*\))((?:, \(\?(?:, \?)*\))*)$/;

const CURRENT_HEAD = 'INSERT INTO resource_current (resource_type, id, ';

/**
 * What a SQL text is to a run of units merged into one set of statements:
 * - `rows`: a plain INSERT into a table that no check of a run reads except to fail when a row
 *   is there; its rows may join those of other units, inserted before any unit's checks;
 * - `current`: a plain INSERT into `resource_current`, which the checks read both ways;
 * - `exists`, `identifier`, `read`, `clear`: the store's guard statements (see above);
 * - `other`: anything else; a unit holding one is not merged with others.
 * @param {string} sql
 * @returns {{ kind: 'rows' | 'current', head: string, width: number } | { kind: 'exists' | 'identifier' | 'read' | 'clear' | 'other' }}
 */
export function classifySql(sql) {
  for (const [kind, pattern] of CHECKS) if (pattern.test(sql)) return { kind };
  const match = PLAIN_INSERT.exec(sql);
  if (!match) return { kind: 'other' };
  const [, head, table, tuple, more] = match;
  // Every tuple must be as wide as the first, or the text is not rows of one shape.
  if (more.split(', (').some((part, i) => i > 0 && `(${part}` !== tuple)) return { kind: 'other' };
  const width = tuple.split('?').length - 1;
  if (table === 'write_guard') return { kind: 'other' };
  if (table !== 'resource_current') return { kind: 'rows', head, width };
  // writer-units.mjs reads the key of a current row from its first two values.
  return head.startsWith(CURRENT_HEAD) ? { kind: 'current', head, width } : { kind: 'other' };
}

/** Built texts by their shape: merged texts come in few sizes (powers of two), each built once. */
const built = new Map();

function cached(key, build) {
  let text = built.get(key);
  if (text === undefined) built.set(key, (text = build()));
  return text;
}

/** The INSERT of `rows` rows under `head` (`INSERT INTO t (a, b)`), `width` values each. */
export function insertText(head, width, rows) {
  return cached(`${rows}|${head}`, () => {
    const tuple = `(${new Array(width).fill('?').join(', ')})`;
    return `${head} VALUES ${new Array(rows).fill(tuple).join(', ')}`;
  });
}

/** The references check of `pairs` distinct targets, as integrity-sql.ts builds it. */
export function existsText(pairs) {
  return cached(
    `${pairs}|exists`,
    () =>
      'INSERT INTO write_guard (ok) SELECT 0 WHERE (SELECT COUNT(*) FROM resource_current WHERE deleted = 0 AND ' +
      `(resource_type, id) IN (VALUES ${new Array(pairs).fill('(?, ?)').join(', ')})) < ?`,
  );
}

/** The identifier check of `guards` identifiers, as integrity-sql.ts builds it. */
export function identifierText(guards) {
  return cached(
    `${guards}|identifier`,
    () => `INSERT INTO write_guard (ok) SELECT 0 WHERE ${new Array(guards).fill(HOLDER).join(' OR ')}`,
  );
}
