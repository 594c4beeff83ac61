// The operations endpoints and pages inside workerd with D1, through the real Workers entry.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';

async function get(path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://gateway.test${path}`), { ...env }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('Workers: health, readiness, pages', () => {
  it('answers /healthz and /readyz with every check passing on a migrated D1 database', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    const body = (await ready.json()) as { checks: { name: string; ok: boolean }[] };
    expect(ready.status).toBe(200);
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['database', true],
      ['migrations', true],
      ['implementation-guide', true],
    ]);
  });

  it('serves the home page and the OpenAPI document; no /metrics on Workers', async () => {
    expect(await (await get('/')).text()).toContain('href="/api"');
    const openapi = (await (await get('/openapi.json')).json()) as { openapi: string };
    expect(openapi.openapi).toBe('3.1.0');
    expect((await get('/metrics')).status).toBe(404);
  });

  it('logs one JSON line per request with its route template and no query', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await get('/fhir/Patient?identifier=https://fhir.patronage.kz/sid/iin|240315600000');
      const lines = log.mock.calls.map((call) => String(call[0])).filter((line) => line.startsWith('{'));
      const request = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((l) => l.msg === 'request');
      expect(request).toMatchObject({ method: 'GET', route: '/fhir/:type', status: 200, resourceType: 'Patient' });
      expect(lines.join('\n')).not.toContain('240315600000');
    } finally {
      log.mockRestore();
    }
  });

  it('serves the API viewer and its files through the static assets binding, nothing else from it', async () => {
    expect(await (await get('/api')).text()).toContain('src="/api/assets/swagger-ui-bundle.js"');
    const bundle = await get('/api/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await get('/api/assets/package.json')).status).toBe(404);
    expect((await get('/index.html')).status).toBe(404);
  });
});
