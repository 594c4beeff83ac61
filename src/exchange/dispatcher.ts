/**
 * The dispatcher of the transactional outbox (decision 029): claims due rows under a lease,
 * sends each to its destination, records the attempt. Rows of one claim never share a
 * destination and order key (the claim skips a row while an earlier one of its patient is
 * pending), so they are sent concurrently. Runtime-neutral: senders are passed in.
 * @module
 */
import type { Destination } from './destinations.js';
import type { AttemptReport, Delivery, OutboxQueue } from './outbox-queue.js';
import { nextAttemptAt } from './retry-policy.js';
import type { SendResult } from './send-result.js';

/** A destination and the function that sends to it. */
export interface DispatchTarget {
  destination: Destination;
  send(delivery: Delivery): Promise<SendResult>;
}

/** What a dispatcher needs. */
export interface DispatcherOptions {
  queue: OutboxQueue;
  targets: readonly DispatchTarget[];
  /** Names this dispatcher in lease tokens (host, process id). */
  name: string;
  /** How long a claimed row stays leased; longer than any destination's timeout. */
  leaseMs?: number;
  /** Rows per claim. */
  batchSize?: number;
  clock?: () => number;
  random?: () => number;
}

/** A dispatcher: one round at a time, or until nothing is due. */
export interface Dispatcher {
  /** Claims and sends one batch; the number of rows it attempted. */
  dispatchOnce(): Promise<number>;
  /** Dispatches rounds until a round finds nothing due; the number of rows attempted. */
  drain(): Promise<number>;
}

const DEFAULT_BATCH = 32;

/** Creates a dispatcher. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const clock = options.clock ?? Date.now;
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const targets = new Map(options.targets.map((t) => [t.destination.name, t]));
  const longestTimeout = Math.max(0, ...options.targets.map((t) => t.destination.timeoutMs));
  const leaseMs = options.leaseMs ?? longestTimeout * 2 + 5_000;
  let claims = 0;

  const attempt = async (delivery: Delivery, owner: string): Promise<void> => {
    const target = targets.get(delivery.destination);
    // A row for a destination no longer configured waits (pending) until it is configured again.
    if (!target) return;
    let result: SendResult;
    try {
      result = await target.send(delivery);
    } catch (error) {
      result = { kind: 'retry', detail: `sending failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    await options.queue.record(
      delivery,
      owner,
      reportOf(target.destination, delivery, result, clock(), options.random),
    );
  };

  const dispatchOnce = async (): Promise<number> => {
    const owner = `${options.name}:${claims++}:${crypto.randomUUID()}`;
    const due = await options.queue.claim({ owner, nowMs: clock(), leaseMs, limit: batchSize });
    await Promise.all(due.map((delivery) => attempt(delivery, owner)));
    return due.length;
  };

  return {
    dispatchOnce,
    async drain() {
      let total = 0;
      for (let round = await dispatchOnce(); round > 0; round = await dispatchOnce()) total += round;
      return total;
    },
  };
}

/** The attempt record of `result`: delivered, retried later, or dead once refused or out of attempts. */
export function reportOf(
  destination: Destination,
  delivery: Delivery,
  result: SendResult,
  nowMs: number,
  random?: () => number,
): AttemptReport {
  const status = result.status === undefined ? {} : { status: result.status };
  if (result.kind === 'delivered') return { outcome: 'delivered', atMs: nowMs, ...status };
  const number = delivery.attempts + 1;
  if (result.kind === 'refused' || number >= destination.maxAttempts) {
    return { outcome: 'dead', atMs: nowMs, detail: result.detail, ...status };
  }
  const nextAttemptMs = nextAttemptAt(destination, number, nowMs, result.retryAfterMs, random);
  return { outcome: 'retry', atMs: nowMs, detail: result.detail, nextAttemptMs, ...status };
}

/** A running timer loop; `stop` resolves once the round in flight ends. */
export interface DispatchLoop {
  stop(): Promise<void>;
}

/**
 * Runs `dispatcher` every `intervalMs`, draining what is due each time; a failing round is
 * reported to `onError` and the loop goes on. Rounds never overlap.
 */
export function startDispatchLoop(
  dispatcher: Dispatcher,
  intervalMs: number,
  onError: (error: unknown) => void,
): DispatchLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const tick = () => {
    inFlight = dispatcher
      .drain()
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
