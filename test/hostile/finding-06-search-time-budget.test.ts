// Issue 17, finding 6: no request holds the server. A search statement that runs past the
// request's time budget is stopped inside SQLite (its reader process is killed and replaced):
// 503 OperationOutcome with Retry-After, nothing stored, and the server goes on answering,
// searches included. The expensive search is a single statement (`_total=none`, no include), so
// no check between statements could catch it: only the reader's deadline can. Its cost: a
// `:contains` pattern of 256 characters (the longest allowed) that almost matches each of ten
// 200 KB names, which SQLite's LIKE compares at every position (about 0.2 s per Patient, seconds in
// all; the budget here is 300 ms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer } from './harness.js';

const BUDGET_MS = 300;
const EXPENSIVE = `/Patient?_total=none&family:contains=${'a'.repeat(255)}b`;
const LONG_NAMED_PATIENTS = 10;
let server: RunningServer;
let longId: string;

beforeAll(async () => {
  server = await startHostileServer({ REQUEST_TIME_BUDGET_MS: String(BUDGET_MS), SQLITE_READ_WORKERS: '2' });
  for (let i = 0; i < LONG_NAMED_PATIENTS; i++) {
    const created = await send(server, '/Patient', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'a'.repeat(200_000) }] }),
    });
    expect(created.status, created.text.slice(0, 300)).toBe(201);
    longId = (created.body as fhir4.Patient).id!;
  }
}, 120_000);
afterAll(() => server?.stop());

describe('finding 6: a search statement past the time budget', () => {
  it('answers 503 OperationOutcome with Retry-After, stores nothing, and the server still answers', async () => {
    const answer = await expectNothingStored(server, () => send(server, EXPENSIVE));
    const outcome = expectOutcomeAnswer(answer, 503);
    expect(outcome.issue[0]!.code).toBe('too-costly');
    expect(outcome.issue[0]!.details?.text).toMatch(/time budget of 300 ms.*search statement/);
    const retry = await fetch(`${server.baseUrl}${EXPENSIVE}`);
    await retry.arrayBuffer();
    expect(retry.status).toBe(503);
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('still answers searches after its readers were replaced', async () => {
    const cheap = await send(server, `/Patient?_id=${longId}&_elements=id`);
    expect(cheap.status, cheap.text.slice(0, 300)).toBe(200);
    expect((cheap.body as fhir4.Bundle).entry?.map((e) => e.resource!.id)).toEqual([longId]);
  });
});
