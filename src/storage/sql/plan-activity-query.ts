/**
 * {@link PlanActivityIndex} over `plan_activity` (migration 0008). Within one index state (open,
 * progressive) the worklist's urgency falls as the window's end rises, so a page is four range
 * scans of the `plan_activity_worklist` index (overdue and due, open and progressive), each in
 * index order and cut at the page's end, merged here; the counts are index range counts. Neutral
 * SQL: `?` placeholders, integer day numbers instead of date functions.
 * @module
 */
import { visitUrgency } from '../../plans/activity-index-rows.js';
import type {
  OpenVisit,
  PlanActivityCounts,
  PlanActivityIndex,
  PlanActivityScope,
  SubjectCondition,
} from '../plan-activity-index.js';
import type { SqlDriver, SqlValue } from './sql-driver.js';

const COLUMNS =
  'care_plan_id, activity, subject, state, visit_type, window_start, window_end, start_day, end_day, reason';
const ORDER = 'ORDER BY end_day, start_day, care_plan_id, activity LIMIT ?';

/**
 * How a scope's subject conditions enter a query: a `WITH allowed` clause before it (bound once,
 * however often the query refers to it), and a filter after each `performer = ?` range.
 */
interface Narrowing {
  prefix: string;
  filter: string;
  params: SqlValue[];
}

const EVERY_SUBJECT: Narrowing = { prefix: '', filter: '', params: [] };
const IN_ALLOWED = ' AND subject IN (SELECT subject FROM allowed)';

/**
 * The patients meeting every condition, from the Patients' search index rows (the same rows a
 * search of `Patient?attached-to=…` reads), as `Patient/[id]` to compare with `subject`.
 */
function narrowingOf(conditions: readonly SubjectCondition[] | undefined): Narrowing {
  if (!conditions?.length) return EVERY_SUBJECT;
  const params: SqlValue[] = [];
  const selects = conditions.map(({ parameter, references }) => {
    const byType = new Map<string, string[]>();
    for (const reference of references) {
      const slash = reference.indexOf('/');
      const type = reference.slice(0, slash);
      byType.set(type, [...(byType.get(type) ?? []), reference.slice(slash + 1)]);
    }
    params.push(parameter);
    const targets = [...byType].map(([type, ids]) => {
      params.push(type, ...ids);
      return `(target_type = ? AND target_id IN (${ids.map(() => '?').join(', ')}))`;
    });
    return (
      "SELECT 'Patient/' || id AS subject FROM search_reference " +
      `WHERE resource_type = 'Patient' AND code = ? AND (${targets.join(' OR ')})`
    );
  });
  return { prefix: `WITH allowed (subject) AS (${selects.join(' INTERSECT ')}) `, filter: IN_ALLOWED, params };
}

/** Whether a condition names no reference at all, so no patient meets it. */
const admitsNobody = (scope: PlanActivityScope) => scope.subjects?.some((c) => c.references.length === 0) ?? false;

// Binds: performer, state, today, limit.
const overdueSql = (n: Narrowing) =>
  `${n.prefix}SELECT ${COLUMNS} FROM plan_activity WHERE performer = ? AND state = ? AND end_day < ?${n.filter} ${ORDER}`;
// Binds: performer, state, max(today, from), to, limit.
const dueSql = (n: Narrowing) =>
  `${n.prefix}SELECT ${COLUMNS} FROM plan_activity WHERE performer = ? AND state = ? AND end_day >= ? AND start_day <= ?${n.filter} ${ORDER}`;

// Binds: performer, today; performer, max(today, from), to; performer, today; performer; performer.
// Upcoming = not overdue − due: the short end of the range is walked, not every open visit.
function countsSql(n: Narrowing): string {
  const open = `performer = ? AND state IN ('open', 'progressive')${n.filter}`;
  return (
    `${n.prefix}SELECT (SELECT COUNT(*) FROM plan_activity WHERE ${open} AND end_day < ?) AS overdue, ` +
    `(SELECT COUNT(*) FROM plan_activity WHERE ${open} AND end_day >= ? AND start_day <= ?) AS due, ` +
    `(SELECT COUNT(*) FROM plan_activity WHERE ${open} AND end_day >= ?) AS not_overdue, ` +
    `(SELECT COUNT(*) FROM plan_activity WHERE performer = ? AND state = 'completed'${n.filter}) AS completed, ` +
    `(SELECT COUNT(*) FROM plan_activity WHERE performer = ? AND state = 'cancelled'${n.filter}) AS cancelled`
  );
}

const NO_COUNTS: PlanActivityCounts = { overdue: 0, due: 0, upcoming: 0, completed: 0, cancelled: 0 };

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
      if (limit <= 0 || admitsNobody(scope)) return [];
      const { performer, today } = scope;
      const dueFrom = Math.max(today, scope.from);
      const n = narrowingOf(scope.subjects);
      const scans = (['open', 'progressive'] as const).flatMap((state) => [
        driver.all<VisitRow>({ sql: overdueSql(n), params: [...n.params, performer, state, today, limit] }),
        driver.all<VisitRow>({ sql: dueSql(n), params: [...n.params, performer, state, dueFrom, scope.to, limit] }),
      ]);
      const rows = (await Promise.all(scans)).flat();
      return rows
        .map((row) => toVisit(row, today))
        .sort(byRank)
        .slice(0, limit)
        .map(withoutRank);
    },
    async counts(scope: PlanActivityScope): Promise<PlanActivityCounts> {
      if (admitsNobody(scope)) return NO_COUNTS;
      const { performer, today } = scope;
      const narrowing = narrowingOf(scope.subjects);
      const [row] = await driver.all<CountRow>({
        sql: countsSql(narrowing),
        params: [
          ...narrowing.params,
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
