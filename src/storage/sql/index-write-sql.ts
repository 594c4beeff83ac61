/**
 * Statements that replace a resource's search index rows, chunked so that no statement binds
 * more than {@link MAX_BOUND_PARAMS} values (D1's limit per statement). Every create pays for
 * this code, so the values go straight into one flat parameter list per table and the SQL texts
 * of each table and row count are built once (decision 014).
 * @module
 */
import { INDEX_KINDS, type IndexKind, type SearchIndexRows } from '../../search/index-rows.js';
import type { ResourceWrite } from '../port.js';
import { unwrittenCodes } from './derived-index.js';
import { planActivityStatements } from './plan-activity-sql.js';
import type { SqlStatement, SqlValue } from './sql-driver.js';

/** D1 binds at most 100 parameters per statement. */
export const MAX_BOUND_PARAMS = 100;

const COLUMNS: Record<IndexKind, readonly string[]> = {
  token: ['code', 'system', 'value', 'text'],
  string: ['code', 'value', 'exact'],
  date: ['code', 'low', 'high'],
  reference: ['code', 'target_type', 'target_id', 'url'],
  quantity: ['code', 'value', 'system', 'unit', 'canonical_value', 'canonical_unit'],
  number: ['code', 'value'],
  uri: ['code', 'value'],
};

/** Values bound per row: resource_type, id and the kind's columns. */
const WIDTH = Object.fromEntries(INDEX_KINDS.map((kind) => [kind, COLUMNS[kind].length + 2])) as Record<
  IndexKind,
  number
>;

const DELETE_SQL = Object.fromEntries(
  INDEX_KINDS.map((kind) => [kind, `DELETE FROM search_${kind} WHERE resource_type = ? AND id = ?`]),
) as Record<IndexKind, string>;

/** `INSERT … VALUES (…), (…)` texts by kind and row count, built on first use. */
const insertSql = new Map<string, string>();

/** The INSERT text of `rows` rows of `kind`. */
function insertText(kind: IndexKind, rows: number): string {
  const key = `${kind}/${rows}`;
  let sql = insertSql.get(key);
  if (sql === undefined) {
    const tuple = `(${new Array(WIDTH[kind]).fill('?').join(', ')})`;
    sql = `INSERT INTO search_${kind} (resource_type, id, ${COLUMNS[kind].join(', ')}) VALUES ${new Array(rows).fill(tuple).join(', ')}`;
    insertSql.set(key, sql);
  }
  return sql;
}

/**
 * Appends the column values of every row of `kind` in `index`, in the order of {@link COLUMNS},
 * except the rows the store derives from others (derived-index.ts).
 */
function pushValues(out: SqlValue[], kind: IndexKind, index: SearchIndexRows, type: string, id: string): void {
  const skip = unwrittenCodes(type);
  switch (kind) {
    case 'token':
      for (const r of index.token) {
        if (!skip.has(r.code)) out.push(type, id, r.code, r.system ?? null, r.value ?? null, r.text ?? null);
      }
      return;
    case 'string':
      for (const r of index.string) if (!skip.has(r.code)) out.push(type, id, r.code, r.value, r.exact);
      return;
    case 'date':
      for (const r of index.date) if (!skip.has(r.code)) out.push(type, id, r.code, r.low, r.high);
      return;
    case 'reference':
      for (const r of index.reference) {
        if (!skip.has(r.code)) out.push(type, id, r.code, r.targetType ?? null, r.targetId ?? null, r.url);
      }
      return;
    case 'quantity':
      for (const r of index.quantity) {
        if (skip.has(r.code)) continue;
        out.push(
          type,
          id,
          r.code,
          r.value,
          r.system ?? null,
          r.unit ?? null,
          r.canonicalValue ?? null,
          r.canonicalUnit ?? null,
        );
      }
      return;
    case 'number':
      for (const r of index.number) if (!skip.has(r.code)) out.push(type, id, r.code, r.value);
      return;
    case 'uri':
      for (const r of index.uri) if (!skip.has(r.code)) out.push(type, id, r.code, r.value);
      return;
  }
}

/**
 * Index statements of a whole unit: the old rows of every updated or deleted resource go first,
 * then the new rows of all writes, several resources per INSERT. A unit that writes one resource
 * twice falls back to write-by-write order, so the later version's rows win.
 */
export function unitIndexStatements(writes: readonly ResourceWrite[]): SqlStatement[] {
  // The open-visit index of CarePlans (decision 026) is an index like these, replaced with them.
  const visits = planActivityStatements(writes);
  if (writes.length > 1 && new Set(writes.map((w) => `${w.resourceType}/${w.id}`)).size < writes.length) {
    return [...writes.flatMap((w) => [...deleteStatements(w), ...insertStatements([w])]), ...visits];
  }
  return [...writes.flatMap(deleteStatements), ...insertStatements(writes), ...visits];
}

function deleteStatements(write: ResourceWrite): SqlStatement[] {
  if (write.expect.kind === 'absent') return [];
  return INDEX_KINDS.map((kind) => ({ sql: DELETE_SQL[kind], params: [write.resourceType, write.id] }));
}

function insertStatements(writes: readonly ResourceWrite[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const kind of INDEX_KINDS) {
    const values: SqlValue[] = [];
    for (const write of writes) {
      if (write.resource && write.index) pushValues(values, kind, write.index, write.resourceType, write.id);
    }
    if (values.length > 0) chunkInserts(statements, kind, values);
  }
  return statements;
}

/** Splits the flat `values` of `kind` into INSERTs of at most {@link MAX_BOUND_PARAMS} values. */
function chunkInserts(out: SqlStatement[], kind: IndexKind, values: SqlValue[]): void {
  const width = WIDTH[kind];
  const perStatement = Math.floor(MAX_BOUND_PARAMS / width) * width;
  if (values.length <= perStatement) {
    out.push({ sql: insertText(kind, values.length / width), params: values });
    return;
  }
  for (let start = 0; start < values.length; start += perStatement) {
    const params = values.slice(start, start + perStatement);
    out.push({ sql: insertText(kind, params.length / width), params });
  }
}
