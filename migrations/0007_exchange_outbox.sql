-- Transactional outbox of the national exchange (decision 029, src/exchange/). One row per
-- accepted change bound for one destination, inserted in the same atomic batch as the change;
-- the dispatcher claims rows with a lease, sends them and records every attempt.

CREATE TABLE exchange_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  destination TEXT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  version_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  -- Changes with the same key reach a destination in seq order (a patient's compartment).
  order_key TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until_ms INTEGER,
  created_ms INTEGER NOT NULL,
  finished_ms INTEGER
);

CREATE INDEX exchange_outbox_due ON exchange_outbox (state, next_attempt_ms) WHERE state = 'pending';
CREATE INDEX exchange_outbox_order ON exchange_outbox (destination, order_key, seq) WHERE state = 'pending';
CREATE INDEX exchange_outbox_listing ON exchange_outbox (destination, state, seq);

CREATE TABLE exchange_attempt (
  outbox_seq INTEGER NOT NULL,
  attempt INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  -- HTTP status of the answer; NULL when none came (timeout, dropped connection).
  status INTEGER,
  outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'dead')),
  -- The destination's OperationOutcome (JSON) or a description of the transport failure.
  detail TEXT,
  PRIMARY KEY (outbox_seq, attempt)
);

CREATE TABLE exchange_destination_state (
  name TEXT PRIMARY KEY,
  paused INTEGER NOT NULL DEFAULT 0
);
