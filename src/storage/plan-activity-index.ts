/**
 * The index of open visits that a store may keep beside active patronage CarePlans (decision
 * 026): `$worklist` asks it for a performer's most urgent visits and its counts per state, and
 * falls back to reading the plans when the store keeps none (the in-memory store).
 * @see https://hl7.org/fhir/R4/careplan.html
 * @module
 */

/**
 * An activity's `detail.status` as the worklist counts it: `open` is a visit still to be made
 * (scheduled, not-started, in-progress) with a dated window, `progressive` the same for a visit
 * added by escalation; `completed`; `cancelled` (cancelled or stopped); `other` for the rest.
 */
export type PlanActivityState = 'open' | 'progressive' | 'completed' | 'cancelled' | 'other';

/** One activity of an active CarePlan, as one performer of the plan sees it. */
export interface PlanActivityRow {
  carePlanId: string;
  /** Position in `CarePlan.activity`. */
  activity: number;
  /** `Organization/[id]`, `Practitioner/[id]` or `PractitionerRole/[id]`. */
  performer: string;
  /** `Patient/[id]`. */
  subject: string;
  state: PlanActivityState;
  visitType: string;
  windowStart: string | null;
  windowEnd: string | null;
  /** Whole days since 1970-01-01 of `windowStart`/`windowEnd` (their date part), when they are dates. */
  startDay: number | null;
  endDay: number | null;
  reason: string;
}

/** Whose visits, and which days (whole days since 1970-01-01, UTC). */
export interface PlanActivityScope {
  performer: string;
  today: number;
  from: number;
  to: number;
}

/** A visit of the worklist: overdue (its window closed before today) or due in `[from, to]`. */
export interface OpenVisit {
  carePlanId: string;
  subject: string;
  visitType: string;
  windowStart: string | null;
  windowEnd: string | null;
  state: 'overdue' | 'due';
  /** 200 + 50 if progressive + days overdue (at most 365); 100 + 50 if progressive − days left (at most 99). */
  urgency: number;
  daysOverdue?: number;
  reason: string;
}

/** Activities of a scope per state: open ones by their window, and the closed ones. */
export interface PlanActivityCounts {
  overdue: number;
  due: number;
  upcoming: number;
  completed: number;
  cancelled: number;
}

/** The queries `$worklist` makes of the index. */
export interface PlanActivityIndex {
  /** The `limit` most urgent visits of `scope`: urgency descending, then window end and start, plan, activity. */
  openVisits(scope: PlanActivityScope, limit: number): Promise<OpenVisit[]>;
  /** Counts per state of every activity of `scope`'s active plans. */
  counts(scope: PlanActivityScope): Promise<PlanActivityCounts>;
  /** Those of `subjects` (`Patient/[id]`) that have an active plan naming `performer`. */
  subjectsWithPlans(performer: string, subjects: readonly string[]): Promise<Set<string>>;
}
