// Start-up behaviour of src/entry/worker.ts, called directly with a chosen env. This file has
// its own workerd instance, so the entry's once-per-isolate state starts empty here.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';

async function fetchWith(vars: Record<string, string>, path: string): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://gateway.test${path}`), { ...env, ...vars }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

// One test, because the two behaviours share the entry's once-per-isolate state.
describe('Workers entry', () => {
  it('answers a failed start with a 500 OperationOutcome, then builds once for concurrent requests', async () => {
    const bad = await fetchWith({ MAX_BODY_BYTES: 'lots' }, '/fhir/metadata');
    expect(bad.status).toBe(500);
    expect(await bad.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    // The failure was not cached; five concurrent first requests load the demo data once.
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => fetchWith({}, '/fhir/Patient/demo-child/_history')),
    );
    for (const response of responses) expect(response.status).toBe(200);
    const bundle = (await responses[0]!.json()) as fhir4.Bundle;
    expect(bundle.total).toBe(1);
  });
});
