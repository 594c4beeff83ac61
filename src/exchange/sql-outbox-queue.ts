/**
 * {@link OutboxQueue} over a {@link SqlDriver}, in neutral SQL (no RETURNING): a claim is one
 * UPDATE that leases rows under a token unique to the claim, then a read of the rows holding
 * that token. SQLite and D1 run each batch as one write transaction, so two dispatchers' claims
 * are serialised and never lease the same row. On PostgreSQL, where the dispatchers of several
 * gateways claim at once, the UPDATE runs alone (READ COMMITTED) and its choice of rows is
 * `FOR UPDATE SKIP LOCKED`: a claim passes over rows another claim is leasing instead of waiting
 * or failing, and re-checks a row another claim leased since its snapshot (decision 032).
 * @module
 */
import type { SqlDriver, SqlValue } from '../storage/sql/sql-driver.js';
import { sqliteDialect, type SqlDialect } from '../storage/sql/dialect.js';
import type { WriteMethod } from '../storage/port.js';
import type {
  Attempt,
  AttemptOutcome,
  ClaimOptions,
  Delivery,
  DeliveryCount,
  DeliveryFilter,
  DeliveryState,
  OutboxQueue,
} from './outbox-queue.js';

interface OutboxRecord {
  seq: number;
  destination: string;
  resource_type: string;
  resource_id: string;
  version_id: number;
  method: string;
  order_key: string;
  state: string;
  attempts: number;
  next_attempt_ms: number;
  created_ms: number;
  finished_ms: number | null;
}

interface AttemptRecord {
  attempt: number;
  at_ms: number;
  status: number | null;
  outcome: string;
  detail: string | null;
}

const COLUMNS =
  'seq, destination, resource_type, resource_id, version_id, method, order_key, state, attempts, ' +
  'next_attempt_ms, created_ms, finished_ms';

/**
 * Leases due rows: pending, their time come, not leased (or the lease ran out), their destination
 * not paused, and no earlier pending row of their destination and order key (per-patient order).
 * An earlier row another claim is leasing right now is still pending, so its successors wait.
 */
const claimSql = (dialect: SqlDialect) =>
  'UPDATE exchange_outbox SET lease_owner = ?, lease_until_ms = ? WHERE seq IN (' +
  'SELECT o.seq FROM exchange_outbox o WHERE o.state = ? AND o.next_attempt_ms <= ? ' +
  'AND (o.lease_until_ms IS NULL OR o.lease_until_ms <= ?) ' +
  'AND o.destination NOT IN (SELECT name FROM exchange_destination_state WHERE paused = 1) ' +
  'AND NOT EXISTS (SELECT 1 FROM exchange_outbox e WHERE e.destination = o.destination ' +
  'AND e.order_key = o.order_key AND e.state = ? AND e.seq < o.seq) ' +
  `ORDER BY o.seq LIMIT ?${dialect.skipLocked('o')})`;

// The attempt row is inserted only while the lease is held; its number follows the row's count.
const INSERT_ATTEMPT =
  'INSERT INTO exchange_attempt (outbox_seq, attempt, at_ms, status, outcome, detail) ' +
  'SELECT seq, attempts + 1, ?, ?, ?, ? FROM exchange_outbox WHERE seq = ? AND lease_owner = ?';

const FINISH =
  'UPDATE exchange_outbox SET state = ?, attempts = attempts + 1, finished_ms = ?, ' +
  'lease_owner = NULL, lease_until_ms = NULL WHERE seq = ? AND lease_owner = ?';

const RESCHEDULE =
  'UPDATE exchange_outbox SET attempts = attempts + 1, next_attempt_ms = ?, ' +
  'lease_owner = NULL, lease_until_ms = NULL WHERE seq = ? AND lease_owner = ?';

/** Creates the queue over `driver`; the schema of `migrations/0007_exchange_outbox.sql` must be applied. */
export function createSqlOutboxQueue(driver: SqlDriver): OutboxQueue {
  const read = (sql: string, params: readonly SqlValue[]) => driver.all<OutboxRecord>({ sql, params });
  const dialect = driver.dialect ?? sqliteDialect;
  const claim = claimSql(dialect);
  return {
    async claim({ owner, nowMs, leaseMs, limit }: ClaimOptions) {
      const params = [owner, nowMs + leaseMs, 'pending', nowMs, nowMs, 'pending', limit];
      // PostgreSQL: one statement on its own (READ COMMITTED), where SKIP LOCKED does its work; in
      // a SERIALIZABLE unit two claims that chose the same row would abort and retry instead.
      if (dialect.name === 'postgres') await driver.all({ sql: claim, params });
      else await driver.batch([{ sql: claim, params }]);
      const rows = await read(
        `SELECT ${COLUMNS} FROM exchange_outbox WHERE lease_owner = ? AND state = 'pending' ORDER BY seq`,
        [owner],
      );
      return rows.map(toDelivery);
    },
    async record(delivery, owner, report) {
      await driver.batch([
        {
          sql: INSERT_ATTEMPT,
          params: [report.atMs, report.status ?? null, report.outcome, report.detail ?? null, delivery.seq, owner],
        },
        report.outcome === 'retry'
          ? { sql: RESCHEDULE, params: [report.nextAttemptMs ?? report.atMs, delivery.seq, owner] }
          : { sql: FINISH, params: [report.outcome, report.atMs, delivery.seq, owner] },
      ]);
      const held = await driver.all<{ n: number }>({
        sql: 'SELECT COUNT(*) AS n FROM exchange_attempt WHERE outbox_seq = ? AND attempt = ? AND at_ms = ?',
        params: [delivery.seq, delivery.attempts + 1, report.atMs],
      });
      return Number(held[0]?.n ?? 0) > 0;
    },
    async list(filter, limit) {
      const { where, params } = filterSql(filter);
      return (
        await read(`SELECT ${COLUMNS} FROM exchange_outbox ${where} ORDER BY seq LIMIT ?`, [...params, limit])
      ).map(toDelivery);
    },
    async get(seq) {
      const rows = await read(`SELECT ${COLUMNS} FROM exchange_outbox WHERE seq = ?`, [seq]);
      if (!rows[0]) return undefined;
      const attempts = await driver.all<AttemptRecord>({
        sql: 'SELECT attempt, at_ms, status, outcome, detail FROM exchange_attempt WHERE outbox_seq = ? ORDER BY attempt',
        params: [seq],
      });
      return { delivery: toDelivery(rows[0]), attempts: attempts.map(toAttempt) };
    },
    async requeue(filter, nowMs) {
      const { where, params } = filterSql({ ...filter, seq: filter.seq });
      const scope = `${where ? `${where} AND` : 'WHERE'} state <> 'delivered'`;
      const count = await driver.all<{ n: number }>({
        sql: `SELECT COUNT(*) AS n FROM exchange_outbox ${scope}`,
        params,
      });
      await driver.batch([
        {
          sql: `UPDATE exchange_outbox SET state = 'pending', next_attempt_ms = ?, finished_ms = NULL ${scope}`,
          params: [nowMs, ...params],
        },
      ]);
      return Number(count[0]?.n ?? 0);
    },
    async setPaused(destination, paused) {
      await driver.batch([
        {
          sql:
            'INSERT INTO exchange_destination_state (name, paused) VALUES (?, ?) ' +
            'ON CONFLICT (name) DO UPDATE SET paused = excluded.paused',
          params: [destination, paused ? 1 : 0],
        },
      ]);
    },
    async pausedDestinations() {
      const rows = await driver.all<{ name: string }>({
        sql: 'SELECT name FROM exchange_destination_state WHERE paused = 1 ORDER BY name',
        params: [],
      });
      return rows.map((r) => r.name);
    },
    async counts() {
      const rows = await driver.all<{ destination: string; state: string; n: number }>({
        sql: 'SELECT destination, state, COUNT(*) AS n FROM exchange_outbox GROUP BY destination, state ORDER BY destination, state',
        params: [],
      });
      return rows.map((r): DeliveryCount => ({
        destination: r.destination,
        state: r.state as DeliveryState,
        count: Number(r.n),
      }));
    },
  };
}

function filterSql(filter: DeliveryFilter & { seq?: number | undefined }): { where: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, value: SqlValue | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    params.push(value);
  };
  add('seq = ?', filter.seq);
  add('state = ?', filter.state);
  add('destination = ?', filter.destination);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

function toDelivery(row: OutboxRecord): Delivery {
  const delivery: Delivery = {
    seq: Number(row.seq),
    destination: row.destination,
    resourceType: row.resource_type,
    id: row.resource_id,
    versionId: String(row.version_id),
    method: row.method as WriteMethod,
    orderKey: row.order_key,
    state: row.state as DeliveryState,
    attempts: Number(row.attempts),
    nextAttemptMs: Number(row.next_attempt_ms),
    createdMs: Number(row.created_ms),
  };
  if (row.finished_ms !== null) delivery.finishedMs = Number(row.finished_ms);
  return delivery;
}

function toAttempt(row: AttemptRecord): Attempt {
  const attempt: Attempt = {
    attempt: Number(row.attempt),
    atMs: Number(row.at_ms),
    outcome: row.outcome as AttemptOutcome,
  };
  if (row.status !== null) attempt.status = Number(row.status);
  if (row.detail !== null) attempt.detail = row.detail;
  return attempt;
}
