/**
 * The Workers entry as wrangler ships it: bundled by wrangler's own esbuild pipeline (not
 * vite's, as in test/workers/), run by `unstable_dev` in local workerd with a D1 database that
 * `wrangler d1 migrations apply --local` prepared. Offline; no Cloudflare account.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unstable_dev, type Unstable_DevWorker } from 'wrangler';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OFFLINE = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true' };
const FHIR_JSON = { 'content-type': 'application/fhir+json' };

let worker: Unstable_DevWorker | undefined;
const state = mkdtempSync(join(tmpdir(), 'worker-bundle-'));

beforeAll(async () => {
  Object.assign(process.env, OFFLINE);
  execFileSync(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['d1', 'migrations', 'apply', 'patronage-fhir', '--local', '--persist-to', state],
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: 'ignore' },
  );
  worker = await unstable_dev(join(ROOT, 'src/entry/worker.ts'), {
    config: join(ROOT, 'wrangler.toml'),
    ip: '127.0.0.1',
    persistTo: state,
    logLevel: 'error',
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
  });
});

afterAll(async () => {
  await worker?.stop();
  rmSync(state, { recursive: true, force: true });
});

describe('Workers entry bundled by wrangler', () => {
  it('serves demo data, creates and reads back through local D1', async () => {
    const demo = await worker!.fetch('/fhir/Patient/demo-mother');
    expect(demo.status).toBe(200);
    const created = await worker!.fetch('/fhir/Observation', {
      method: 'POST',
      headers: FHIR_JSON,
      body: JSON.stringify({ resourceType: 'Observation', status: 'final', code: { text: 'weight' } }),
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    const read = await worker!.fetch(new URL(location).pathname);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ resourceType: 'Observation', code: { text: 'weight' } });
  });
});
