// Every route the app serves is in /openapi.json and every operation of the document is served
// (issue 16): Hono's own route table (`app.routes`) is compared with the document's paths, both
// ways, for a gateway with every optional part on (growth charts, mappings, the exchange's
// operator API, metrics) and for one with all of them off. The route table exists only on the
// app object, so the gateway is built in-process here, as the Node entry builds it, over SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { readGrowthTablesDir } from '../../src/entry/growth-tables-dir.js';
import { readMappingSources } from '../../src/entry/mapping-files.js';
import { createSqlOutboxQueue } from '../../src/exchange/sql-outbox-queue.js';
import { createGateway, type GatewayRuntime } from '../../src/gateway/create-gateway.js';
import type { AppEnv } from '../../src/http/app.js';
import { createGatewayMetrics } from '../../src/http/ops/gateway-metrics.js';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { openBetterSqlite3 } from '../../src/storage/adapters/better-sqlite3-driver.js';
import { createSqlResourceStore } from '../../src/storage/sql/sql-resource-store.js';
import { WHO_GROWTH_FIXTURES } from '../growth/growth-tables-fixture.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * Routes that are not API operations: `[base]/$validate` answers 404 whatever is sent (R4 defines
 * resource validation on types and instances only), so no document lists it.
 */
const NOT_OPERATIONS = new Set(['ALL /fhir/$validate']);

async function gateway(all: boolean): Promise<{ app: Hono<AppEnv>; openapi: OpenApiDocument }> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-routes-'));
  dirs.push(dir);
  const driver = openBetterSqlite3({ path: join(dir, 'db.sqlite'), migrationsDir: MIGRATIONS_DIR });
  const runtime: GatewayRuntime = all
    ? {
        metrics: createGatewayMetrics(),
        growth: readGrowthTablesDir({ WHO_GROWTH_DIR: WHO_GROWTH_FIXTURES }),
        mappingSources: readMappingSources(),
        outbox: createSqlOutboxQueue(driver),
      }
    : {};
  const env = { LOAD_DEMO_DATA: 'false', BASE_URL: 'http://gateway.test/fhir' };
  const { app } = await createGateway(createSqlResourceStore(driver), env, runtime);
  const response = await app.request('http://gateway.test/openapi.json');
  return { app, openapi: (await response.json()) as OpenApiDocument };
}

/** `METHOD /path` of each route handler (middleware is registered on `*` paths). */
function servedRoutes(app: Hono<AppEnv>): { method: string; path: string }[] {
  const seen = new Set<string>();
  return app.routes
    .filter((route) => !route.path.endsWith('*'))
    .map((route) => ({ method: route.method, path: withoutTrailingSlash(route.path) }))
    .filter((route) => {
      const key = `${route.method} ${route.path}`;
      if (seen.has(key) || NOT_OPERATIONS.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** Each operation of the document as `{ method, path }` from the app root (`/fhir` for FHIR ones). */
function documentedRoutes(openapi: OpenApiDocument): { method: string; path: string }[] {
  return Object.entries(openapi.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: withoutTrailingSlash(operation['x-fhir-capability'] ? `/fhir${path}` : path),
    })),
  );
}

/** `[base]` and `[base]/` are one route (fhir-routes.ts registers both for the Bundle POST). */
function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/**
 * A Hono pattern serves a document path: literal segments equal, `:type` takes a resource type
 * name or `{type}`, any other `:param` a `{param}` of the document; `ALL` takes every method.
 */
function serves(route: { method: string; path: string }, documented: { method: string; path: string }): boolean {
  if (route.method !== 'ALL' && route.method !== documented.method) return false;
  const pattern = route.path.split('/');
  const path = documented.path.split('/');
  if (pattern.length !== path.length) return false;
  return pattern.every((segment, i) => {
    const other = path[i]!;
    if (segment === ':type' && /^[A-Z][A-Za-z]+$/.test(other)) return true;
    if (segment.startsWith(':')) return /^\{[a-z]+\}$/.test(other);
    return segment === other;
  });
}

describe('/openapi.json against the app route table', () => {
  it('with every optional part on: each route is documented and each documented operation served', async () => {
    const { app, openapi } = await gateway(true);
    const routes = servedRoutes(app);
    const documented = documentedRoutes(openapi);
    expect(routes.length).toBeGreaterThan(30);
    const undocumented = routes.filter((route) => !documented.some((d) => serves(route, d)));
    const unserved = documented.filter((d) => !routes.some((route) => serves(route, d)));
    expect(undocumented).toEqual([]);
    expect(unserved).toEqual([]);
    for (const path of ['/healthz', '/metrics', '/ingest/visits', '/admin/exchange/deliveries', '/guide/{type}/{id}'])
      expect(openapi.paths, path).toHaveProperty([path]);
  });

  it('with every optional part off: the optional endpoints leave the document as they leave the app', async () => {
    const { app, openapi } = await gateway(false);
    const routes = servedRoutes(app);
    const documented = documentedRoutes(openapi);
    expect(documented.filter((d) => !routes.some((route) => serves(route, d)))).toEqual([]);
    // $growth-chart keeps its route (it answers 501 while growth scoring is off) but is not offered.
    const undocumented = routes.filter((route) => !documented.some((d) => serves(route, d)));
    expect(undocumented).toEqual([{ method: 'ALL', path: '/fhir/Patient/:id/$growth-chart' }]);
    const chart = await app.request('http://gateway.test/fhir/Patient/x/$growth-chart?indicator=weight-for-age');
    expect(chart.status).toBe(501);
    for (const path of ['/metrics', '/ingest/visits', '/admin/exchange/deliveries'])
      expect(openapi.paths, path).not.toHaveProperty([path]);
  });
});
