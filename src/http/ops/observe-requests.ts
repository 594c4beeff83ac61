/**
 * The middleware that observes every request once it is answered: a log line and, where the
 * runtime keeps metrics, its count and latency.
 * @module
 */
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { isR4ResourceType } from '../../fhir/resource-types.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { requestIdOf } from './request-id.js';
import type { RequestLogger } from './request-log.js';

/** What the observing middleware writes to. */
export interface RequestObservers {
  logger: RequestLogger;
  /** Absent on Workers. */
  metrics?: GatewayMetrics;
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Middleware logging (and counting) each request after its answer is ready. */
export function observeRequests(observers: RequestObservers): MiddlewareHandler {
  const { logger, metrics } = observers;
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const durationMs = performance.now() - started;
      // Methods are a bounded label set; anything unusual is counted together.
      const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER';
      const route = answeringRoute(c);
      const status = c.res.status;
      const resourceType = knownResourceType(c.req.param('type'));
      logger.request({
        requestId: requestIdOf(c.req.raw),
        method,
        route,
        status,
        durationMs: Math.round(durationMs * 1000) / 1000,
        ...(resourceType ? { resourceType } : {}),
      });
      metrics?.requests.inc({ method, route, status: String(status) });
      metrics?.latency.observe({ method, route }, durationMs / 1000);
    }
  };
}

/** The template of the route that answered, or `unmatched` when only middleware ran. */
function answeringRoute(c: Context): string {
  const route = routePath(c, -1);
  return route === '*' || route === '/*' || route === '' ? 'unmatched' : route;
}

/** `type` when it is an R4 resource type (the path segment is client text otherwise). */
function knownResourceType(type: string | undefined): string | undefined {
  return type !== undefined && isR4ResourceType(type) ? type : undefined;
}
