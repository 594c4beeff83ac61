/**
 * The dispatcher's and the operator's view of the outbox (decision 029): claim due rows under a
 * lease, record each attempt, list, requeue, pause. Implemented over SQL in
 * `sql-outbox-queue.ts`; rows are written by the store's commit (port.ts `UnitOfWork.outbox`).
 * @module
 */
import type { OutboxRow } from '../storage/port.js';

/** Where a delivery stands. `dead`: the destination refused it for good, or attempts ran out. */
export type DeliveryState = 'pending' | 'delivered' | 'dead';

/** The states, for validating query parameters. */
export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'delivered', 'dead'];

/** One outbox row as stored: one version of one resource bound for one destination, and its progress. */
export interface Delivery extends OutboxRow {
  seq: number;
  state: DeliveryState;
  attempts: number;
  /** Not claimed before this instant (epoch ms): the retry delay. */
  nextAttemptMs: number;
  finishedMs?: number;
}

/** How one attempt ended. */
export type AttemptOutcome = 'delivered' | 'retry' | 'dead';

/** One recorded attempt of a delivery, with the destination's answer. */
export interface Attempt {
  attempt: number;
  atMs: number;
  /** HTTP status; absent when no answer came (timeout, dropped connection). */
  status?: number;
  outcome: AttemptOutcome;
  /** The destination's OperationOutcome as JSON text, or what went wrong on the way. */
  detail?: string;
}

/** What the dispatcher reports after an attempt. */
export interface AttemptReport {
  outcome: AttemptOutcome;
  atMs: number;
  status?: number;
  detail?: string;
  /** For `retry`: not before this instant. */
  nextAttemptMs?: number;
}

/** Options of {@link OutboxQueue.claim}. */
export interface ClaimOptions {
  /** Unique per claim: the rows' lease is recorded under it. */
  owner: string;
  nowMs: number;
  leaseMs: number;
  limit: number;
}

/** Filter of {@link OutboxQueue.list} and {@link OutboxQueue.requeue}. */
export interface DeliveryFilter {
  state?: DeliveryState;
  destination?: string;
}

/** Deliveries per destination and state, for monitoring. */
export interface DeliveryCount {
  destination: string;
  state: DeliveryState;
  count: number;
}

/** The outbox as the dispatcher and the operator API use it. */
export interface OutboxQueue {
  /**
   * Leases up to `limit` due rows: pending, past their retry delay, not leased by anyone else,
   * of a destination not paused, and with no earlier pending row of the same destination and
   * order key (a patient's later change waits for the earlier one).
   */
  claim(options: ClaimOptions): Promise<Delivery[]>;
  /** Records an attempt of a row leased by `owner`; false (nothing recorded) when the lease was lost. */
  record(delivery: Delivery, owner: string, report: AttemptReport): Promise<boolean>;
  list(filter: DeliveryFilter, limit: number): Promise<Delivery[]>;
  get(seq: number): Promise<{ delivery: Delivery; attempts: Attempt[] } | undefined>;
  /** Makes matching pending or dead rows due now; the number of rows requeued. */
  requeue(filter: DeliveryFilter & { seq?: number }, nowMs: number): Promise<number>;
  setPaused(destination: string, paused: boolean): Promise<void>;
  pausedDestinations(): Promise<string[]>;
  counts(): Promise<DeliveryCount[]>;
}
