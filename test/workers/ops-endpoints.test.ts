// The operations endpoints and pages inside workerd with D1, through the real Workers entry.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
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
});
