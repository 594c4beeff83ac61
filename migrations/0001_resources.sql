-- Current and historical versions of every resource. One neutral SQL form that SQLite, D1 and
-- PostgreSQL all accept (see src/storage/sql/).

CREATE TABLE resource_current (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  last_updated TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  method TEXT NOT NULL,
  content TEXT,
  PRIMARY KEY (resource_type, id)
);

CREATE TABLE resource_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  last_updated TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  method TEXT NOT NULL,
  content TEXT,
  UNIQUE (resource_type, id, version_id)
);

CREATE INDEX resource_history_by_type ON resource_history (resource_type, seq);

-- Preconditions of a unit of work are rows inserted here inside the same atomic batch: a row
-- with ok = 0 violates the CHECK and aborts the whole batch (D1 has batch(), not transactions).
-- Every batch ends by deleting its guard rows, so the table stays empty.
CREATE TABLE write_guard (
  ok INTEGER NOT NULL CHECK (ok = 1)
);
