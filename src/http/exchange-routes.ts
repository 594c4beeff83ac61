/**
 * The operator API of the national exchange under `/admin/exchange` (decision 029). JSON in
 * and out; errors are OperationOutcomes like everywhere else.
 * @module
 */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import {
  counters,
  knownDestination,
  parseCount,
  parseFilter,
  parseSeq,
  prometheusText,
  showDelivery,
  type ExchangeOperations,
} from '../exchange/operator-api.js';
import type { AppEnv } from './app.js';

const BASE = '/admin/exchange';

/**
 * Registers the operator API on `app` behind `guard` (who may operate, and the audit of each
 * action); nothing when the gateway forwards nowhere.
 */
export function registerExchangeRoutes(
  app: Hono<AppEnv>,
  ops: ExchangeOperations | undefined,
  guard: MiddlewareHandler,
): void {
  if (!ops) return;
  const now = () => (ops.clock ?? Date.now)();
  const query = (c: Context<AppEnv>) => new URL(c.req.url).searchParams;
  app.use(`${BASE}/*`, guard);
  app.get(`${BASE}/deliveries`, async (c) =>
    c.json({ deliveries: await ops.queue.list(parseFilter(ops, query(c)), parseCount(query(c))) }),
  );
  app.get(`${BASE}/deliveries/:seq`, async (c) => c.json(await showDelivery(ops, parseSeq(c.req.param('seq')))));
  app.post(`${BASE}/deliveries/:seq/retry`, async (c) => {
    const seq = parseSeq(c.req.param('seq'));
    await showDelivery(ops, seq);
    return c.json({ requeued: await ops.queue.requeue({ seq }, now()) });
  });
  // Retry many: every undelivered row matching `state` and `destination` (dead letters by default).
  app.post(`${BASE}/requeue`, async (c) => {
    const filter = parseFilter(ops, query(c));
    return c.json({ requeued: await ops.queue.requeue({ state: 'dead', ...filter }, now()) });
  });
  for (const [action, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post(`${BASE}/destinations/:name/${action}`, async (c) => {
      const name = knownDestination(ops, c.req.param('name'));
      await ops.queue.setPaused(name, paused);
      return c.json({ destination: name, paused });
    });
  }
  app.get(`${BASE}/counters`, async (c) => c.json(await counters(ops)));
  app.get(`${BASE}/metrics`, async (c) =>
    c.text(prometheusText(await counters(ops)), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }),
  );
}
