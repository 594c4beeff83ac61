-- Index of the visits of active patronage plans (decision 026, src/storage/sql/plan-activity-sql.ts):
-- one row per activity of an active CarePlan and per performer named on the plan (the polyclinic,
-- the nurse), written in the same atomic batch as the plan's search index rows, so `$worklist` is
-- one range query over a performer's open visits instead of a read of every plan in scope.
-- Days are whole days since 1970-01-01 (UTC), so urgency is integer arithmetic on every database.
-- `state` groups the activity status as the worklist counts it: open (a visit still to be made
-- with a dated window), progressive (the same, added by escalation), completed, cancelled
-- (cancelled or stopped), other. Within one state the worklist's urgency order is the window's
-- end, so each page is a few index range scans that stop after the page.
-- Plans stored before this migration get their rows from `npm run reindex`.

CREATE TABLE plan_activity (
  care_plan_id TEXT NOT NULL,
  activity INTEGER NOT NULL,
  performer TEXT NOT NULL,
  subject TEXT NOT NULL,
  state TEXT NOT NULL,
  visit_type TEXT NOT NULL,
  window_start TEXT,
  window_end TEXT,
  start_day INTEGER,
  end_day INTEGER,
  reason TEXT NOT NULL,
  PRIMARY KEY (care_plan_id, activity, performer)
);

CREATE INDEX plan_activity_worklist ON plan_activity (performer, state, end_day, start_day, care_plan_id, activity);
CREATE INDEX plan_activity_subject ON plan_activity (subject, performer);
