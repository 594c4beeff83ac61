/**
 * {@link PlanActivityIndex} over `plan_activity` (migration 0008). Within one index state (open,
 * progressive) the worklist's urgency falls as the window's end rises, so a page is four range
 * scans of the `plan_activity_worklist` index (overdue and due, open and progressive), each in
 * index order and cut at the page's end, merged here; the counts are index range counts. Neutral
 * SQL: `?` placeholders, integer day numbers instead of date functions.
 * @module
 */
import { visitUrgency } from '../../plans/activity-index-rows.js';
import type { OpenVisit, PlanActivityCounts, PlanActivityIndex, PlanActivityScope } from '../plan-activity-index.js';
import type { SqlDriver } from './sql-driver.js';

const COLUMNS =
  'care_plan_id, activity, subject, state, visit_type, window_start, window_end, start_day, end_day, reason';
const ORDER = 'ORDER BY end_day, start_day, care_plan_id, activity LIMIT ?';

// Binds: performer, state, today, limit.
const OVERDUE = `SELECT ${COLUMNS} FROM plan_activity WHERE performer = ? AND state = ? AND end_day < ? ${ORDER}`;
// Binds: performer, state, max(today, from), to, limit.
const DUE = `SELECT ${COLUMNS} FROM plan_activity WHERE performer = ? AND state = ? AND end_day >= ? AND start_day <= ? ${ORDER}`;

const OPEN = "performer = ? AND state IN ('open', 'progressive')";
// Binds: performer, today; performer, max(today, from), to; performer, today; performer; performer.
// Upcoming = not overdue − due: the short end of the range is walked, not every open visit.
const COUNTS =
  `SELECT (SELECT COUNT(*) FROM plan_activity WHERE ${OPEN} AND end_day < ?) AS overdue, ` +
  `(SELECT COUNT(*) FROM plan_activity WHERE ${OPEN} AND end_day >= ? AND start_day <= ?) AS due, ` +
  `(SELECT COUNT(*) FROM plan_activity WHERE ${OPEN} AND end_day >= ?) AS not_overdue, ` +
  "(SELECT COUNT(*) FROM plan_activity WHERE performer = ? AND state = 'completed') AS completed, " +
  "(SELECT COUNT(*) FROM plan_activity WHERE performer = ? AND state = 'cancelled') AS cancelled";

/** D1 binds at most 100 values per statement; one is the performer. */
const SUBJECTS_PER_QUERY = 90;

interface VisitRow {
  care_plan_id: string;
  activity: number | string;
  subject: string;
  state: string;
  visit_type: string;
  window_start: string | null;
  window_end: string | null;
  start_day: number | string;
  end_day: number | string;
  reason: string;
}

type CountRow = Record<'overdue' | 'due' | 'not_overdue' | 'completed' | 'cancelled', number | string | null>;

type Ranked = OpenVisit & { activity: number; startDay: number; endDay: number };

function toVisit(row: VisitRow, today: number): Ranked {
  const [startDay, endDay] = [Number(row.start_day), Number(row.end_day)];
  const overdue = endDay < today;
  return {
    carePlanId: row.care_plan_id,
    activity: Number(row.activity),
    subject: row.subject,
    visitType: row.visit_type,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    startDay,
    endDay,
    state: overdue ? 'overdue' : 'due',
    urgency: visitUrgency(row.state === 'progressive', endDay, today),
    ...(overdue ? { daysOverdue: today - endDay } : {}),
    reason: row.reason,
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Urgency descending, then the SQL order: window end and start, plan, activity. */
function byRank(a: Ranked, b: Ranked): number {
  return (
    b.urgency - a.urgency ||
    a.endDay - b.endDay ||
    a.startDay - b.startDay ||
    compareText(a.carePlanId, b.carePlanId) ||
    a.activity - b.activity
  );
}

function withoutRank({ activity: _a, startDay: _s, endDay: _e, ...visit }: Ranked): OpenVisit {
  return visit;
}

/** The index over `driver`'s `plan_activity` table. */
export function createSqlPlanActivityIndex(driver: SqlDriver): PlanActivityIndex {
  return {
    async openVisits(scope: PlanActivityScope, limit: number): Promise<OpenVisit[]> {
      if (limit <= 0) return [];
      const { performer, today } = scope;
      const dueFrom = Math.max(today, scope.from);
      const scans = (['open', 'progressive'] as const).flatMap((state) => [
        driver.all<VisitRow>({ sql: OVERDUE, params: [performer, state, today, limit] }),
        driver.all<VisitRow>({ sql: DUE, params: [performer, state, dueFrom, scope.to, limit] }),
      ]);
      const rows = (await Promise.all(scans)).flat();
      return rows
        .map((row) => toVisit(row, today))
        .sort(byRank)
        .slice(0, limit)
        .map(withoutRank);
    },
    async counts(scope: PlanActivityScope): Promise<PlanActivityCounts> {
      const { performer, today } = scope;
      const [row] = await driver.all<CountRow>({
        sql: COUNTS,
        params: [
          performer,
          today,
          performer,
          Math.max(today, scope.from),
          scope.to,
          performer,
          today,
          performer,
          performer,
        ],
      });
      const n = (key: keyof CountRow) => Number(row?.[key] ?? 0);
      return {
        overdue: n('overdue'),
        due: n('due'),
        upcoming: n('not_overdue') - n('due'),
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
