/**
 * Statements that replace a resource's search index rows, chunked so that no statement binds
 * more than {@link MAX_BOUND_PARAMS} values (D1's limit per statement).
 * @module
 */
import { INDEX_KINDS, type IndexKind } from '../../search/index-rows.js';
import type { ResourceWrite } from '../port.js';
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

/** Row → column values, in the order of {@link COLUMNS}. */
function rowValues(kind: IndexKind, row: Record<string, unknown>): SqlValue[] {
  const pick = (name: string) => (row[name] ?? null) as SqlValue;
  switch (kind) {
    case 'reference':
      return [pick('code'), pick('targetType'), pick('targetId'), pick('url')];
    case 'quantity':
      return [pick('code'), pick('value'), pick('system'), pick('unit'), pick('canonicalValue'), pick('canonicalUnit')];
    default:
      return COLUMNS[kind].map(pick);
  }
}

/**
 * Index statements of a whole unit: the old rows of every updated or deleted resource go first,
 * then the new rows of all writes, several resources per INSERT. A unit that writes one resource
 * twice falls back to write-by-write order, so the later version's rows win.
 */
export function unitIndexStatements(writes: readonly ResourceWrite[]): SqlStatement[] {
  const keys = new Set(writes.map((w) => `${w.resourceType}/${w.id}`));
  if (keys.size < writes.length) return writes.flatMap((w) => [...deleteStatements(w), ...insertStatements([w])]);
  return [...writes.flatMap(deleteStatements), ...insertStatements(writes)];
}

function deleteStatements(write: ResourceWrite): SqlStatement[] {
  if (write.expect.kind === 'absent') return [];
  return INDEX_KINDS.map((kind) => ({
    sql: `DELETE FROM search_${kind} WHERE resource_type = ? AND id = ?`,
    params: [write.resourceType, write.id],
  }));
}

function insertStatements(writes: readonly ResourceWrite[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const kind of INDEX_KINDS) {
    const values: SqlValue[][] = [];
    for (const write of writes) {
      if (!write.resource || !write.index) continue;
      for (const row of write.index[kind] as unknown as Record<string, unknown>[]) {
        values.push([write.resourceType, write.id, ...rowValues(kind, row)]);
      }
    }
    if (values.length === 0) continue;
    const width = COLUMNS[kind].length + 2;
    const perStatement = Math.floor(MAX_BOUND_PARAMS / width);
    const tuple = `(${new Array(width).fill('?').join(', ')})`;
    for (let start = 0; start < values.length; start += perStatement) {
      const chunk = values.slice(start, start + perStatement);
      statements.push({
        sql: `INSERT INTO search_${kind} (resource_type, id, ${COLUMNS[kind].join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`,
        params: chunk.flat(),
      });
    }
  }
  return statements;
}
