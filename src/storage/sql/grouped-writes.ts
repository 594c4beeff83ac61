/**
 * The version writes of a unit in few statements: version preconditions grouped into a handful
 * of guard rows, current and history rows in multi-row INSERTs. An `absent` precondition needs no
 * guard row: the current row of such a write is a plain INSERT, so the primary key of
 * `resource_current` aborts the batch when the resource exists (deleted or not). A 100-entry transaction becomes
 * about 30 statements instead of 300, well inside D1's per-invocation query budget. Only for
 * units that write each resource once (otherwise the per-write order of sql-resource-store.ts).
 * @module
 */
import type { ReadGuard, ResourceWrite } from '../port.js';
import { MAX_BOUND_PARAMS } from './index-write-sql.js';
import type { SqlStatement, SqlValue } from './sql-driver.js';

/** The columns of a history row. */
export const VERSION_COLUMNS = 'resource_type, id, version_id, last_updated, deleted, method, content';
/** A current row also keeps `last_updated` as epoch ms, the `_lastUpdated` index (derived-index.ts). */
export const CURRENT_COLUMNS = `${VERSION_COLUMNS}, last_updated_ms`;
/** Makes an INSERT into resource_current replace the row that is there. */
export const CURRENT_UPSERT =
  'ON CONFLICT (resource_type, id) DO UPDATE SET version_id = excluded.version_id, ' +
  'last_updated = excluded.last_updated, deleted = excluded.deleted, method = excluded.method, ' +
  'content = excluded.content, last_updated_ms = excluded.last_updated_ms';
const WIDTH = { current: 8, upsert: 8, history: 7 } as const;

/** Version guards, then current rows (new ones inserted, existing ones upserted), then history rows. */
export function groupedWriteStatements(writes: readonly ResourceWrite[]): SqlStatement[] {
  const created: SqlValue[] = [];
  const updated: SqlValue[] = [];
  const all: SqlValue[] = [];
  for (const write of writes) {
    const start = all.length;
    pushRow(all, write);
    const target = write.expect.kind === 'absent' ? created : updated;
    for (let i = start; i < all.length; i++) target.push(all[i]!);
    target.push(lastUpdatedMs(write));
  }
  const statements = versionGuards(writes);
  inserts(statements, created, 'current');
  inserts(statements, updated, 'upsert');
  inserts(statements, all, 'history');
  return statements;
}

/** The epoch milliseconds of `write.lastUpdated`, the current row's `last_updated_ms`. */
export function lastUpdatedMs(write: ResourceWrite): number {
  return Date.parse(write.lastUpdated);
}

/** Appends the seven column values of `write`'s history row, in the order of {@link VERSION_COLUMNS}. */
export function pushRow(out: SqlValue[], write: ResourceWrite): void {
  const content = storedText(write);
  const deleted = write.method === 'DELETE' ? 1 : 0;
  out.push(write.resourceType, write.id, Number(write.versionId), write.lastUpdated, deleted, write.method, content);
}

/** The text stored for `write.resource`, recorded on the write as its `json` (see port.ts). */
export function storedText(write: ResourceWrite): string | null {
  if (!write.resource) return null;
  const json = JSON.stringify(write.resource);
  Object.defineProperty(write, 'json', { value: json, enumerable: false, configurable: true });
  return json;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One guard row per chunk: 1 only when every resource is at its expected version. */
function versionGuards(writes: readonly ResourceWrite[]): SqlStatement[] {
  const versioned = writes.flatMap((w) =>
    w.expect.kind === 'version' ? [{ resourceType: w.resourceType, id: w.id, versionId: w.expect.versionId }] : [],
  );
  return readGuardStatements(versioned);
}

/**
 * Guard rows that hold only when every listed resource is at the listed version: the version
 * preconditions of writes, and the {@link ReadGuard}s of a transaction's reads. A pair listed
 * twice counts once, so the COUNT compares with the number of distinct pairs.
 */
export function readGuardStatements(reads: readonly ReadGuard[]): SqlStatement[] {
  const distinct = [...new Map(reads.map((r) => [`${r.resourceType}/${r.id}/${r.versionId}`, r])).values()];
  return chunks(distinct, Math.floor((MAX_BOUND_PARAMS - 1) / 3)).map((chunk) => ({
    sql:
      'INSERT INTO write_guard (ok) SELECT CASE WHEN (SELECT COUNT(*) FROM resource_current WHERE ' +
      `(resource_type, id, version_id) IN (VALUES ${chunk.map(() => VERSION_TRIPLE).join(', ')})) = ? THEN 1 ELSE 0 END`,
    params: [...chunk.flatMap((r) => [r.resourceType, r.id, Number(r.versionId)]), chunk.length],
  }));
}

/** A row value of a version guard; PostgreSQL types a bare `?` in VALUES as text, not as a version number. */
const VERSION_TRIPLE = '(?, ?, CAST(? AS INTEGER))';

const HEADS = {
  current: `INSERT INTO resource_current (${CURRENT_COLUMNS}) VALUES`,
  upsert: `INSERT INTO resource_current (${CURRENT_COLUMNS}) VALUES`,
  history: `INSERT INTO resource_history (${VERSION_COLUMNS}) VALUES`,
} as const;
type Target = keyof typeof HEADS;

/** SQL texts by target and row count, built on first use (at most 3 × 14 of them). */
const insertSql = new Map<string, string>();

function insertText(target: Target, rows: number): string {
  const key = `${target}/${rows}`;
  let sql = insertSql.get(key);
  if (sql === undefined) {
    const row = `(${new Array(WIDTH[target]).fill('?').join(', ')})`;
    sql = `${HEADS[target]} ${new Array(rows).fill(row).join(', ')}${target === 'upsert' ? ` ${CURRENT_UPSERT}` : ''}`;
    insertSql.set(key, sql);
  }
  return sql;
}

/** Appends INSERTs of the flat row values `values` (7 or 8 per row), at most MAX_BOUND_PARAMS each. */
function inserts(out: SqlStatement[], values: SqlValue[], target: Target): void {
  const width = WIDTH[target];
  const perStatement = Math.floor(MAX_BOUND_PARAMS / width) * width;
  for (let start = 0; start < values.length; start += perStatement) {
    const params = start === 0 && values.length <= perStatement ? values : values.slice(start, start + perStatement);
    out.push({ sql: insertText(target, params.length / width), params });
  }
}
