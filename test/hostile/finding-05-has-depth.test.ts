// Issue 17, finding 5: `_has` chained 15–29 deep answered 500 (SQLite "Expression tree is too
// large"), 30 and more 400. Nesting is now limited (docs/limits.md): every depth beyond the
// limit is a 400 OperationOutcome naming the parameter, and the server keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer } from './harness.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startHostileServer();
  // p-a links to p-b: `Patient?_has:Patient:link:gender=male` finds p-b.
  for (const [id, link] of [
    ['p-b', undefined],
    ['p-a', 'Patient/p-b'],
  ] as const) {
    const body = {
      resourceType: 'Patient',
      id,
      gender: 'male',
      ...(link ? { link: [{ other: { reference: link }, type: 'seealso' }] } : {}),
    };
    const put = await send(server, `/Patient/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    expect(put.status, put.text).toBe(201);
  }
}, 60_000);
afterAll(() => server?.stop());

const hasChain = (depth: number) => `/Patient?${'_has:Patient:link:'.repeat(depth)}gender=male`;
const forwardChain = (depth: number) => `/Patient?${'link:Patient.'.repeat(depth)}gender=male`;

describe('finding 5: deeply nested _has and chains', () => {
  it.each([15, 20, 29, 30])('_has chained %i deep is a 400 OperationOutcome naming the parameter', async (depth) => {
    const answer = await expectNothingStored(server, () => send(server, hasChain(depth)));
    const outcome = expectOutcomeAnswer(answer, 400);
    expect(outcome.issue[0]!.code).toBe('too-costly');
    expect(outcome.issue[0]!.diagnostics ?? outcome.issue[0]!.details?.text).toMatch(/at most 4 levels/);
    expect(outcome.issue[0]!.expression?.[0]).toMatch(/^(_has:Patient:link:)+gender$/);
  });

  it.each([5, 30, 200])('a forward chain %i levels deep is a 400 OperationOutcome', async (depth) => {
    const answer = await expectNothingStored(server, () => send(server, forwardChain(depth)));
    const outcome = expectOutcomeAnswer(answer, 400);
    expect(outcome.issue[0]!.code).toBe('too-costly');
  });

  it('still answers _has and chains within the limit', async () => {
    const has = await send(server, hasChain(1));
    expect(has.status, has.text).toBe(200);
    const ids = ((has.body as fhir4.Bundle).entry ?? []).map((e) => e.resource!.id);
    expect(ids).toEqual(['p-b']);
    for (const path of [hasChain(4), forwardChain(4)]) {
      const answer = await send(server, path);
      expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
    }
  });
});
