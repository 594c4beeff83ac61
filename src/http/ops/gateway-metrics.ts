/**
 * The gateway's metrics: requests by route and status, request latency, validation failures by
 * profile and database statement time. Label values are bounded sets (route templates, known
 * profiles, status codes), never request data.
 * @module
 */
import { Counter, Histogram } from './metrics.js';

// Seconds; from a cached read (~1 ms) to a search at its time budget (10 s).
const LATENCY_BOUNDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DATABASE_BOUNDS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5];

/** Every metric the gateway records. */
export interface GatewayMetrics {
  requests: Counter;
  latency: Histogram;
  validationFailures: Counter;
  database: Histogram;
  /** All of them in the Prometheus text format. */
  render(): string;
}

/** A fresh set of the gateway's metrics. */
export function createGatewayMetrics(): GatewayMetrics {
  const requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status.',
    labelNames: ['method', 'route', 'status'],
  });
  const latency = new Histogram(
    {
      name: 'gateway_http_request_duration_seconds',
      help: 'Time from receiving a request to its answer, by method and route template.',
      labelNames: ['method', 'route'],
    },
    LATENCY_BOUNDS,
  );
  const validationFailures = new Counter({
    name: 'gateway_validation_failures_total',
    help: 'Resources that failed validation (at least one error issue), by profile.',
    labelNames: ['profile'],
  });
  const database = new Histogram(
    {
      name: 'gateway_database_duration_seconds',
      help: 'Time of database calls, by operation (read, search, write batch).',
      labelNames: ['operation'],
    },
    DATABASE_BOUNDS,
  );
  const all = [requests, latency, validationFailures, database];
  return {
    requests,
    latency,
    validationFailures,
    database,
    render: () => `${all.flatMap((metric) => metric.render()).join('\n')}\n`,
  };
}
