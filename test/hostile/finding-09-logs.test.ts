/**
 * Finding 9 of issue 17: attacker-supplied 1 MB strings were written to the log in full (the UCUM
 * library logs the unit strings it cannot parse). Units in a write and in a search go through the
 * places that used to log; afterwards the server's output has no long line and none of the
 * attacker's strings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, isClientError, send, startHostileServer } from './harness.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(() => server.stop());

const UCUM = 'http://unitsofmeasure.org';
const MB = 1024 * 1024;
// The UCUM library logs a unit it fails on (blanks, empty parentheses) in full.
const HUGE_UNIT = `mg ${'Q'.repeat(MB)}`;
// Short and plausible, so it reaches the library, which logs it unless its console is silenced.
const SHORT_BAD_UNIT = 'zzattacker()';
const FORGED_LINE_UNIT = 'mg\nFORGED LOG LINE';

function observationWithUnit(code: string): string {
  return JSON.stringify({
    resourceType: 'Observation',
    status: 'final',
    code: { text: 'weight' },
    valueQuantity: { value: 3.4, system: UCUM, code },
  });
}

const create = (body: string) =>
  send(server, '/Observation', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body });

const searchByForm = (unit: string) =>
  send(server, '/Observation/_search', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'value-quantity': `5|${UCUM}|${unit}` }).toString(),
  });

describe('finding 9: attacker strings stay out of the log', () => {
  it.each([
    ['a 1 MB unit code', HUGE_UNIT],
    ['a short unit code that is not UCUM', SHORT_BAD_UNIT],
    ['a unit code with a line break', FORGED_LINE_UNIT],
  ])('rejects an Observation with %s with 422 and logs nothing of it', async (_name, unit) => {
    const answer = await expectNothingStored(server, () => create(observationWithUnit(unit)));
    const outcome = expectOutcomeAnswer(answer, 422);
    expect(
      outcome.issue.some(
        (i) =>
          i.expression?.[0] === 'Observation.value.ofType(Quantity).code' ||
          i.expression?.[0]?.includes('valueQuantity.code'),
      ),
    ).toBe(true);
    expect(answer.text.length, 'the answer does not echo a huge code').toBeLessThan(10_000);
  });

  it.each([
    ['a 1 MB unit', HUGE_UNIT],
    ['a short unit that is not UCUM', SHORT_BAD_UNIT],
  ])('answers a search by %s without logging it', async (_name, unit) => {
    const answer = await expectNothingStored(server, () => searchByForm(unit));
    expect(isClientError(answer.status) || answer.status === 200, answer.text.slice(0, 300)).toBe(true);
  });

  it('leaves no long line and no attacker string in the server output', () => {
    const output = server.output();
    const longest = Math.max(...output.split('\n').map((line) => line.length));
    expect(longest).toBeLessThanOrEqual(2_000);
    expect(output).not.toContain('Q'.repeat(100));
    expect(output).not.toContain(SHORT_BAD_UNIT);
    expect(output).not.toContain('FORGED LOG LINE');
  });
});
