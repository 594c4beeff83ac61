/**
 * The outbox rows of a unit of work (decision 029) as multi-row INSERTs, part of the unit's one
 * atomic batch. Neutral SQL: SQLite, D1 and PostgreSQL run the same text.
 * @module
 */
import type { OutboxRow } from '../port.js';
import { MAX_BOUND_PARAMS } from './index-write-sql.js';
import type { SqlStatement, SqlValue } from './sql-driver.js';

const COLUMNS = 'destination, resource_type, resource_id, version_id, method, order_key, created_ms, next_attempt_ms';
const WIDTH = 8;
const ROWS_PER_STATEMENT = Math.floor(MAX_BOUND_PARAMS / WIDTH);

/** INSERTs of `rows` into `exchange_outbox`; none for a unit bound nowhere. */
export function outboxStatements(rows: readonly OutboxRow[] | undefined): SqlStatement[] {
  if (!rows?.length) return [];
  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const params: SqlValue[] = [];
    for (const row of chunk) {
      params.push(row.destination, row.resourceType, row.id, Number(row.versionId), row.method, row.orderKey);
      params.push(row.createdMs, row.createdMs);
    }
    const tuple = `(${new Array(WIDTH).fill('?').join(', ')})`;
    statements.push({
      sql: `INSERT INTO exchange_outbox (${COLUMNS}) VALUES ${new Array(chunk.length).fill(tuple).join(', ')}`,
      params,
    });
  }
  return statements;
}
