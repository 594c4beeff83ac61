/**
 * {@link PlanActivityIndex} over `plan_activity` (migration 0008): a performer's most urgent
 * open visits as one range query over the `plan_activity_worklist` index, sorted and cut in SQL,
 * and its counts per state as one aggregate over the same index. Neutral SQL: `?` placeholders,
 * CASE instead of MIN/MAX, integer day numbers instead of date functions.
 * @module
 */
import type {
  OpenVisit,
  PlanActivityCounts,
  PlanActivityIndex,
  PlanActivityScope,
} from '../plan-activity-index.js';
import type { SqlDriver, SqlValue } from './sql-driver.js';

/** The statuses of a visit still to be made (the worklist's open visits). */
const OPEN = "status IN ('scheduled', 'not-started', 'in-progress')";

// The urgency rule of worklist.ts: overdue 200 (+50 progressive) + days overdue up to 365; due
// 100 (+50 progressive) − days left up to 99. Binds: today ×5.
const URGENCY =
  'CASE WHEN end_day < ? THEN 200 + 50 * progressive + CASE WHEN ? - end_day > 365 THEN 365 ELSE ? - end_day END ' +
  'ELSE 100 + 50 * progressive - CASE WHEN end_day - ? > 99 THEN 99 ELSE end_day - ? END END';

// Binds: today ×5, performer, today, to, from, limit.
const OPEN_VISITS =
  `SELECT care_plan_id, subject, visit_type, window_start, window_end, end_day, reason, ${URGENCY} AS urgency ` +
  `FROM plan_activity WHERE performer = ? AND ${OPEN} AND start_day IS NOT NULL AND end_day IS NOT NULL ` +
  'AND (end_day < ? OR (start_day <= ? AND end_day >= ?)) ' +
  'ORDER BY urgency DESC, end_day, care_plan_id, activity LIMIT ?';

// Binds: today, today, to, from, performer.
const COUNTS =
  'SELECT ' +
  `SUM(CASE WHEN ${OPEN} AND start_day IS NOT NULL AND end_day < ? THEN 1 ELSE 0 END) AS overdue, ` +
  `SUM(CASE WHEN ${OPEN} AND start_day IS NOT NULL AND end_day >= ? AND start_day <= ? AND end_day >= ? THEN 1 ELSE 0 END) AS due, ` +
  `SUM(CASE WHEN ${OPEN} AND start_day IS NOT NULL AND end_day IS NOT NULL THEN 1 ELSE 0 END) AS open_dated, ` +
  "SUM(CASE WHEN status = 'completed' THEN 1 ELSE 0 END) AS completed, " +
  "SUM(CASE WHEN status IN ('cancelled', 'stopped') THEN 1 ELSE 0 END) AS cancelled " +
  'FROM plan_activity WHERE performer = ?';

/** D1 binds at most 100 values per statement; one is the performer. */
const SUBJECTS_PER_QUERY = 90;

interface VisitRow {
  care_plan_id: string;
  subject: string;
  visit_type: string;
  window_start: string | null;
  window_end: string | null;
  end_day: number | string;
  reason: string;
  urgency: number | string;
}

type CountRow = Record<'overdue' | 'due' | 'open_dated' | 'completed' | 'cancelled', number | string | null>;

function toVisit(row: VisitRow, today: number): OpenVisit {
  const endDay = Number(row.end_day);
  const overdue = endDay < today;
  return {
    carePlanId: row.care_plan_id,
    subject: row.subject,
    visitType: row.visit_type,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    state: overdue ? 'overdue' : 'due',
    urgency: Number(row.urgency),
    ...(overdue ? { daysOverdue: today - endDay } : {}),
    reason: row.reason,
  };
}

/** The index over `driver`'s `plan_activity` table. */
export function createSqlPlanActivityIndex(driver: SqlDriver): PlanActivityIndex {
  return {
    async openVisits(scope: PlanActivityScope, limit: number): Promise<OpenVisit[]> {
      if (limit <= 0) return [];
      const { today } = scope;
      const params: SqlValue[] = [today, today, today, today, today, scope.performer, today, scope.to, scope.from, limit];
      const rows = await driver.all<VisitRow>({ sql: OPEN_VISITS, params });
      return rows.map((row) => toVisit(row, today));
    },
    async counts(scope: PlanActivityScope): Promise<PlanActivityCounts> {
      const { today } = scope;
      const [row] = await driver.all<CountRow>({
        sql: COUNTS,
        params: [today, today, scope.to, scope.from, scope.performer],
      });
      const n = (key: keyof CountRow) => Number(row?.[key] ?? 0);
      return {
        overdue: n('overdue'),
        due: n('due'),
        upcoming: n('open_dated') - n('overdue') - n('due'),
        completed: n('completed'),
        cancelled: n('cancelled'),
      };
    },
    async subjectsWithPlans(performer: string, subjects: readonly string[]): Promise<Set<string>> {
      const found = new Set<string>();
      for (let start = 0; start < subjects.length; start += SUBJECTS_PER_QUERY) {
        const chunk = subjects.slice(start, start + SUBJECTS_PER_QUERY);
        const rows = await driver.all<{ subject: string }>({
          sql: `SELECT DISTINCT subject FROM plan_activity WHERE performer = ? AND subject IN (${chunk.map(() => '?').join(', ')})`,
          params: [performer, ...chunk],
        });
        for (const row of rows) found.add(row.subject);
      }
      return found;
    },
  };
}
