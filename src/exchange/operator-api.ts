/**
 * The exchange's operator API, transport-free (decision 029): list and show deliveries, retry
 * and requeue them, pause and resume destinations, counters as JSON and as Prometheus text.
 * Who may call it is decided in front of the routes (`src/auth/operator-access.ts`). HTTP routes
 * are in `src/http/exchange-routes.ts`.
 * @module
 */
import { badRequest, notFound } from '../fhir/outcome.js';
import type { Destination } from './destinations.js';
import { DELIVERY_STATES, type DeliveryFilter, type DeliveryState, type OutboxQueue } from './outbox-queue.js';

/** What the operator API works on. */
export interface ExchangeOperations {
  queue: OutboxQueue;
  destinations: readonly Destination[];
  clock?: () => number;
}

/** Most deliveries one listing returns. */
export const MAX_LISTED = 500;

/** The filter of query parameters `state` and `destination`, checked. */
export function parseFilter(ops: ExchangeOperations, query: URLSearchParams): DeliveryFilter {
  const filter: DeliveryFilter = {};
  const state = query.get('state');
  if (state !== null) {
    if (!DELIVERY_STATES.includes(state as DeliveryState)) {
      throw badRequest(`state must be one of ${DELIVERY_STATES.join(', ')}`, 'state');
    }
    filter.state = state as DeliveryState;
  }
  const destination = query.get('destination');
  if (destination !== null) filter.destination = knownDestination(ops, destination);
  return filter;
}

/** `name` if it is a configured destination; 404 otherwise. */
export function knownDestination(ops: ExchangeOperations, name: string): string {
  if (!ops.destinations.some((d) => d.name === name)) throw notFound(`No destination named ${name}`);
  return name;
}

/** The `_count` query parameter, 1..{@link MAX_LISTED}, 100 by default. */
export function parseCount(query: URLSearchParams): number {
  const text = query.get('_count');
  if (text === null) return 100;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > MAX_LISTED) {
    throw badRequest(`_count must be an integer from 1 to ${MAX_LISTED}`, '_count');
  }
  return count;
}

/** A delivery sequence number from a path segment. */
export function parseSeq(text: string): number {
  const seq = Number(text);
  if (!/^[1-9][0-9]{0,15}$/.test(text) || !Number.isSafeInteger(seq)) throw notFound(`No delivery ${text}`);
  return seq;
}

/** One delivery with its attempts; an attempt's OperationOutcome parsed. */
export async function showDelivery(ops: ExchangeOperations, seq: number): Promise<object> {
  const found = await ops.queue.get(seq);
  if (!found) throw notFound(`No delivery ${seq}`);
  const attempts = found.attempts.map(({ detail, ...rest }) => ({ ...rest, ...detailOf(detail) }));
  return { ...found.delivery, attempts };
}

function detailOf(detail: string | undefined): object {
  if (detail === undefined) return {};
  try {
    const parsed = JSON.parse(detail) as { resourceType?: string };
    if (parsed?.resourceType === 'OperationOutcome') return { outcome: parsed };
  } catch {
    // Not JSON: a transport failure described in words.
  }
  return { detail };
}

/** Counters per destination and state (zero counts included), and which destinations are paused. */
export async function counters(ops: ExchangeOperations): Promise<{
  destinations: { name: string; paused: boolean; counts: Record<DeliveryState, number> }[];
}> {
  const [counts, paused] = await Promise.all([ops.queue.counts(), ops.queue.pausedDestinations()]);
  return {
    destinations: ops.destinations.map(({ name }) => {
      const byState = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
      for (const row of counts) if (row.destination === name) byState[row.state] = row.count;
      return { name, paused: paused.includes(name), counts: byState };
    }),
  };
}

/**
 * The counters in the Prometheus text exposition format.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */
export function prometheusText(snapshot: Awaited<ReturnType<typeof counters>>): string {
  const lines = [
    '# HELP exchange_deliveries Outbox deliveries by destination and state.',
    '# TYPE exchange_deliveries gauge',
  ];
  for (const d of snapshot.destinations) {
    for (const state of DELIVERY_STATES) {
      lines.push(`exchange_deliveries{destination="${d.name}",state="${state}"} ${d.counts[state]}`);
    }
  }
  lines.push('# HELP exchange_destination_paused 1 when the destination is paused.');
  lines.push('# TYPE exchange_destination_paused gauge');
  for (const d of snapshot.destinations)
    lines.push(`exchange_destination_paused{destination="${d.name}"} ${d.paused ? 1 : 0}`);
  return `${lines.join('\n')}\n`;
}
