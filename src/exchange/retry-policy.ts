/**
 * When a failed delivery is tried again: exponential backoff with jitter, never earlier than the
 * destination's `Retry-After`, and a dead letter once the destination's attempts are spent.
 * @see https://www.rfc-editor.org/rfc/rfc9110#name-retry-after
 * @module
 */
import type { Destination } from './destinations.js';

/**
 * The delay before attempt `attempt + 1` after `attempt` failed: `base · 2^(attempt-1)` capped
 * at `max`, then drawn uniformly from its upper half (jitter spreads retries of a burst of
 * failures, the halving keeps a floor so a retry never comes right back).
 */
export function backoffMs(destination: Destination, attempt: number, random: () => number = Math.random): number {
  const exponential = destination.backoffBaseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  const capped = Math.min(destination.backoffMaxMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/** A `Retry-After` value (seconds or an HTTP date) as milliseconds from `nowMs`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The instant of the next attempt after failed attempt number `attempt` (1-based). */
export function nextAttemptAt(
  destination: Destination,
  attempt: number,
  nowMs: number,
  retryAfter: number | undefined,
  random?: () => number,
): number {
  return nowMs + Math.max(backoffMs(destination, attempt, random), retryAfter ?? 0);
}
