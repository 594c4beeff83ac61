// The exchange's dispatcher as Workers run it (decision 035): src/entry/worker.ts's Cron Trigger
// (`scheduled`) and Queue consumer (`queue`) handlers send what the outbox holds, with fetch,
// inside workerd. No second gateway runs inside workerd, so the upstream is a fetch stub that
// records what reaches it; the behaviour against a real upstream is tested on Node.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, describe, expect, it, vi } from 'vitest';
import worker from '../../src/entry/worker.js';

const UPSTREAM = 'http://national.test/fhir';
const RECORD_SYSTEM = 'https://patronage.example.kz/fhir/sid/record';
const vars = {
  ...env,
  LOAD_DEMO_DATA: 'false',
  EXCHANGE_DESTINATIONS: JSON.stringify([
    { name: 'national', url: UPSTREAM, resourceTypes: ['Patient'], backoffBaseMs: 1, backoffMaxMs: 2 },
  ]),
};

const received: fhir4.Bundle[] = [];
const realFetch = globalThis.fetch;
const stub = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
  const request = new Request(input as RequestInfo, init);
  if (!request.url.startsWith(UPSTREAM)) return realFetch(input as RequestInfo, init);
  received.push((await request.json()) as fhir4.Bundle);
  const answer = {
    resourceType: 'Bundle',
    type: 'transaction-response',
    entry: [{ response: { status: '201 Created' } }],
  };
  return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/fhir+json' } });
});

afterAll(() => stub.mockRestore());

async function createPatient(key: string): Promise<void> {
  const ctx = createExecutionContext();
  const body = { resourceType: 'Patient', identifier: [{ system: RECORD_SYSTEM, value: key }] };
  const response = await worker.fetch(
    new Request('http://gateway.test/fhir/Patient', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    }),
    vars,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(201);
}

const sentKeys = () => received.map((bundle) => decodeURIComponent(bundle.entry![0]!.request!.url));

describe('dispatch on Workers', () => {
  it('sends from the Cron Trigger, then from a Queue message, each change once', async () => {
    await createPatient('cron-1');
    expect(received).toEqual([]);
    const cron = createExecutionContext();
    await worker.scheduled({}, vars, cron);
    await waitOnExecutionContext(cron);
    expect(sentKeys()).toEqual([`Patient?identifier=${RECORD_SYSTEM}|cron-1`]);

    await createPatient('queue-1');
    const ackAll = vi.fn();
    const nudge = createExecutionContext();
    await worker.queue({ ackAll }, vars, nudge);
    await waitOnExecutionContext(nudge);
    expect(ackAll).toHaveBeenCalledOnce();
    expect(sentKeys()).toEqual([
      `Patient?identifier=${RECORD_SYSTEM}|cron-1`,
      `Patient?identifier=${RECORD_SYSTEM}|queue-1`,
    ]);

    // Nothing is pending any more: another trigger sends nothing.
    const again = createExecutionContext();
    await worker.scheduled({}, vars, again);
    await waitOnExecutionContext(again);
    expect(received).toHaveLength(2);
  });
});
