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

/**
 * A condition on a visit's subject, as its stored Patient is indexed: the Patient's reference
 * search parameter `parameter` (`attached-to`, `general-practitioner`) names one of `references`
 * (`Type/[id]`). A restricted caller's compartment narrows the index by such conditions
 * (decision 031).
 */
export interface SubjectCondition {
  parameter: string;
  references: readonly string[];
}

/**
 * The most references the subject conditions of one scope may name together: D1 binds at most
 * 100 values per statement, and the counts query binds nine of its own.
 */
export const MAX_SUBJECT_REFERENCES = 80;

/** Whose visits, and which days (whole days since 1970-01-01, UTC). */
export interface PlanActivityScope {
  performer: string;
  today: number;
  from: number;
  to: number;
  /** Only visits of patients meeting every condition (a caller's compartment); none: every patient. */
  subjects?: readonly SubjectCondition[];
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
  /**
   * Whether the index can answer this request; absent means always. An index narrowed to a
   * compartment that names more than {@link MAX_SUBJECT_REFERENCES} references cannot, and the
   * worklist then reads the plans.
   */
  usable?(): Promise<boolean>;
  /** Those of `subjects` (`Patient/[id]`) that have an active plan naming `performer`. */
  subjectsWithPlans(performer: string, subjects: readonly string[]): Promise<Set<string>>;
}
