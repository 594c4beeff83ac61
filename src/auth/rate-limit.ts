/**
 * A per-client rate limit: a token bucket per client key, in memory. On Workers each isolate
 * keeps its own buckets, so the limit there is per isolate, not global (decision 031).
 * @module
 */

/** Takes one request of `key`; returns 0 when allowed, else the seconds to wait. */
export type RateLimiter = (key: string, nowMs: number) => number;

const MOST_CLIENTS = 10_000;

/** A limiter of `perMinute` requests per key, with bursts up to `perMinute`. */
export function createRateLimiter(perMinute: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const ratePerMs = perMinute / 60_000;
  return (key, nowMs) => {
    let bucket = buckets.get(key);
    if (!bucket) {
      // Forget the oldest clients first when a flood of keys arrives, keeping memory bounded.
      if (buckets.size >= MOST_CLIENTS) buckets.delete(buckets.keys().next().value!);
      bucket = { tokens: perMinute, at: nowMs };
      buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(perMinute, bucket.tokens + (nowMs - bucket.at) * ratePerMs);
    bucket.at = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000));
  };
}
