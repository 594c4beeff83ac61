/**
 * Finding 7 of issue 17: under 1–2 MB requests, two at a time, the server's memory went from
 * 190 MB to 980 MB. The largest share was the validator listing one issue per bad element (a
 * 1 MB body of 500,000 wrongly typed strings made a 158 MB answer). The functional bound checked
 * here: such a resource answers 422 with at most FHIR_MAX_ISSUES issues plus one that counts the
 * rest. The RSS figures are in the bench (`npm run bench -- memory`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer } from './harness.js';

const MAX_ISSUES = 50;
let server: RunningServer;
beforeAll(async () => {
  server = await startHostileServer({ FHIR_MAX_ISSUES: String(MAX_ISSUES) });
});
afterAll(() => server.stop());

const create = (type: string, resource: object) =>
  send(server, `/${type}`, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(resource),
  });

describe('finding 7: an invalid resource lists a bounded number of issues', () => {
  it.each([
    ['100,000 wrongly typed strings', 'Patient', { name: [{ given: Array.from({ length: 100_000 }, () => 7) }] }],
    ['90,000 unknown keys', 'Patient', Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 1]))],
    [
      '25,000 identifiers with bad systems',
      'Patient',
      { identifier: Array.from({ length: 25_000 }, (_, i) => ({ system: `not a uri ${i}`, value: '' })) },
    ],
  ])('answers 422 with at most the configured number of issues for %s', async (_name, type, elements) => {
    const answer = await expectNothingStored(server, () => create(type, { resourceType: type, ...elements }));
    const outcome = expectOutcomeAnswer(answer, 422);
    expect(outcome.issue.length).toBeLessThanOrEqual(MAX_ISSUES + 1);
    const summary = outcome.issue.at(-1)!;
    expect(summary).toMatchObject({ severity: 'error', code: 'too-costly' });
    expect(summary.details?.text).toMatch(/more issues \(\d+ errors\) not listed: at most 50 issues/);
    expect(answer.text.length).toBeLessThan(100_000);
  });
});
