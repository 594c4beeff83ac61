/**
 * Operations endpoints outside the FHIR base: `/healthz` (the process answers), `/readyz`
 * (database reachable, migrations applied, guide loaded; 503 otherwise) and, on Node,
 * `/metrics` in the Prometheus text format. Their bodies are plain JSON or text, not FHIR.
 * @module
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../app.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { PROMETHEUS_TEXT } from './metrics.js';
import { runReadinessChecks, type ReadinessCheck } from './readiness.js';

/** What the operations endpoints need. */
export interface OpsRoutesOptions {
  readiness: readonly ReadinessCheck[];
  /** Absent on Workers: `/metrics` is then not served. */
  metrics?: GatewayMetrics;
}

// Probes must never be cached by a proxy between the orchestrator and the gateway.
const NO_STORE = { 'cache-control': 'no-store' };

/** Registers the operations endpoints on `app`. */
export function registerOpsRoutes(app: Hono<AppEnv>, options: OpsRoutesOptions): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NO_STORE));
  app.get('/readyz', async (c) => {
    const checks = await runReadinessChecks(options.readiness);
    const ready = checks.every((check) => check.ok);
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503, NO_STORE);
  });
  const metrics = options.metrics;
  if (metrics) {
    app.get('/metrics', (c) => c.body(metrics.render(), 200, { 'content-type': PROMETHEUS_TEXT, ...NO_STORE }));
  }
}
