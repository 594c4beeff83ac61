-- Index of the visits of active patronage plans (decision 026, src/storage/sql/plan-activity-sql.ts):
-- one row per activity of an active CarePlan and per performer named on the plan (the polyclinic,
-- the nurse), written in the same atomic batch as the plan's search index rows, so `$worklist` is
-- one range query over a performer's open visits instead of a read of every plan in scope.
-- Days are whole days since 1970-01-01 (UTC), so urgency is integer arithmetic on every database.
-- Plans stored before this migration get their rows from `npm run reindex`.

CREATE TABLE plan_activity (
  care_plan_id TEXT NOT NULL,
  activity INTEGER NOT NULL,
  performer TEXT NOT NULL,
  subject TEXT NOT NULL,
  status TEXT NOT NULL,
  visit_type TEXT NOT NULL,
  progressive INTEGER NOT NULL,
  window_start TEXT,
  window_end TEXT,
  start_day INTEGER,
  end_day INTEGER,
  reason TEXT NOT NULL,
  PRIMARY KEY (care_plan_id, activity, performer)
);

CREATE INDEX plan_activity_worklist ON plan_activity (performer, status, end_day, start_day, progressive);
CREATE INDEX plan_activity_subject ON plan_activity (subject, performer);
