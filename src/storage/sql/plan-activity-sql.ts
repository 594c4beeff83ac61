/**
 * Writes the open-visit index (`plan_activity`, migration 0008) of the CarePlans of a unit, in
 * the same atomic batch as their search index rows: a plan's old rows go, its new rows (if it is
 * active) come, write by write in unit order so the last version of a plan wins.
 * @module
 */
import { planActivityRows } from '../../plans/activity-index-rows.js';
import type { PlanActivityRow } from '../plan-activity-index.js';
import type { ResourceWrite } from '../port.js';
import type { SqlStatement, SqlValue } from './sql-driver.js';

const COLUMNS = [
  'care_plan_id',
  'activity',
  'performer',
  'subject',
  'state',
  'visit_type',
  'window_start',
  'window_end',
  'start_day',
  'end_day',
  'reason',
] as const;

/** D1 binds at most 100 values per statement (index-write-sql.ts imports this module, so not its constant). */
const ROWS_PER_INSERT = Math.floor(100 / COLUMNS.length);
const TUPLE = `(${COLUMNS.map(() => '?').join(', ')})`;
const DELETE_SQL = 'DELETE FROM plan_activity WHERE care_plan_id = ?';

function insertText(rows: number): string {
  return `INSERT INTO plan_activity (${COLUMNS.join(', ')}) VALUES ${new Array(rows).fill(TUPLE).join(', ')}`;
}

function values(row: PlanActivityRow): SqlValue[] {
  return [
    row.carePlanId,
    row.activity,
    row.performer,
    row.subject,
    row.state,
    row.visitType,
    row.windowStart,
    row.windowEnd,
    row.startDay,
    row.endDay,
    row.reason,
  ];
}

/** The statements that bring `plan_activity` in line with the CarePlan writes of a unit. */
export function planActivityStatements(writes: readonly ResourceWrite[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  for (const write of writes) {
    if (write.resourceType !== 'CarePlan') continue;
    if (write.expect.kind !== 'absent') statements.push({ sql: DELETE_SQL, params: [write.id] });
    if (!write.resource) continue;
    const rows = planActivityRows({ ...(write.resource as fhir4.CarePlan), id: write.id });
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      statements.push({ sql: insertText(chunk.length), params: chunk.flatMap(values) });
    }
  }
  return statements;
}
