/**
 * Finding 10 of issue 17, the parts about single resources: invalid input that was accepted
 * with 2xx. Strings (lone surrogates, escaped control characters, whitespace only), duplicate
 * JSON keys, a wrongly typed client `meta`, unsafe narrative XHTML, contained resources nothing
 * refers to, a FHIRPath Patch without operations, and a history `_at` that is not a date.
 * Each is now a 4xx OperationOutcome with a location, and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../runtime/node-server.js';
import { expectNothingStored, expectOutcomeAnswer, send, startHostileServer, type RawAnswer } from './harness.js';

const FHIR_JSON = { 'content-type': 'application/fhir+json' };
const NS = 'xmlns=\\"http://www.w3.org/1999/xhtml\\"';

let server: RunningServer;
let patientId: string;

beforeAll(async () => {
  server = await startHostileServer();
  const created = await createText('{"resourceType":"Patient","gender":"female"}');
  expect(created.status).toBe(201);
  patientId = (created.body as fhir4.Patient).id!;
}, 60_000);

afterAll(() => server?.stop());

function createText(body: string): Promise<RawAnswer> {
  return send(server, '/Patient', { method: 'POST', headers: FHIR_JSON, body });
}

function expressionsOf(outcome: fhir4.OperationOutcome): string[] {
  return outcome.issue.filter((i) => i.severity === 'error').flatMap((i) => i.expression ?? []);
}

/** Posts `body` as a new Patient; expects `status` with an error located at `expression`. */
async function expectRejected(body: string, status: number, expression: string): Promise<fhir4.OperationOutcome> {
  const outcome = expectOutcomeAnswer(await expectNothingStored(server, () => createText(body)), status);
  expect(expressionsOf(outcome)).toContain(expression);
  return outcome;
}

describe('finding 10: strings', () => {
  it.each([
    ['a lone surrogate escape', String.raw`"\ud800"`],
    ['a lone low surrogate escape', String.raw`"a\udfffb"`],
    ['an escaped NUL', String.raw`"a\u0000b"`],
    ['an escaped ESC', String.raw`"\u001b[31mred"`],
  ])('refuses %s in a string with 400 at its location', async (_name, value) => {
    await expectRejected(`{"resourceType":"Patient","name":[{"family":${value}}]}`, 400, 'Patient.name[0].family');
  });

  it('refuses a whitespace-only string with 422 at its location', async () => {
    await expectRejected('{"resourceType":"Patient","name":[{"family":" \\t "}]}', 422, 'Patient.name[0].family');
  });

  it('keeps a string with tab, CR, LF and a surrogate pair', async () => {
    const created = await createText(String.raw`{"resourceType":"Patient","name":[{"text":"a\tb\r\nc \ud83d\ude00"}]}`);
    expect(created.status, created.text).toBe(201);
    expect((created.body as fhir4.Patient).name![0]!.text).toBe('a\tb\r\nc 😀');
  });

  it('refuses duplicate JSON keys with 400 naming the duplicate', async () => {
    const body = '{"resourceType":"Patient","gender":"male","name":[{"family":"A","family":"B"}]}';
    await expectRejected(body, 400, 'Patient.name[0].family');
    await expectRejected('{"resourceType":"Patient","gender":"male","gender":"female"}', 400, 'Patient.gender');
  });
});

describe('finding 10: meta, narrative, contained', () => {
  it('refuses a meta that is not an object (was silently dropped)', async () => {
    await expectRejected('{"resourceType":"Patient","meta":"x"}', 422, 'Patient.meta');
  });

  it('refuses a numeric meta.versionId (was silently overwritten)', async () => {
    await expectRejected('{"resourceType":"Patient","meta":{"versionId":5}}', 422, 'Patient.meta.versionId');
  });

  it('refuses a meta that is not an object on update too', async () => {
    const body = `{"resourceType":"Patient","id":"${patientId}","meta":["x"]}`;
    const answer = await expectNothingStored(server, () =>
      send(server, `/Patient/${patientId}`, { method: 'PUT', headers: FHIR_JSON, body }),
    );
    expect(expressionsOf(expectOutcomeAnswer(answer, 422))).toContain('Patient.meta');
  });

  it('refuses <img src="javascript:…"> in the narrative', async () => {
    const div = `<div ${NS}><img src=\\"javascript:alert(1)\\"/></div>`;
    await expectRejected(
      `{"resourceType":"Patient","text":{"status":"generated","div":"${div}"}}`,
      422,
      'Patient.text.div',
    );
  });

  it('reports a div without the XHTML namespace from $validate', async () => {
    const body = '{"resourceType":"Patient","text":{"status":"generated","div":"<div>hello</div>"}}';
    const answer = await expectNothingStored(server, () =>
      send(server, '/Patient/$validate', { method: 'POST', headers: FHIR_JSON, body }),
    );
    expect(answer.status).toBe(200);
    const outcome = answer.body as fhir4.OperationOutcome;
    const issue = outcome.issue.find((i) => i.severity === 'error' && i.expression?.includes('Patient.text.div'));
    expect(issue?.details?.text ?? issue?.diagnostics).toMatch(/xmlns/);
  });

  it('refuses a contained resource that nothing refers to (dom-3)', async () => {
    const body = '{"resourceType":"Patient","contained":[{"resourceType":"Organization","id":"o1","name":"X"}]}';
    await expectRejected(body, 422, 'Patient');
  });

  it('refuses a contained resource without an id', async () => {
    const body = '{"resourceType":"Patient","contained":[{"resourceType":"Organization","name":"X"}]}';
    await expectRejected(body, 422, 'Patient.contained[0].id');
  });

  it('keeps a contained resource that the resource refers to', async () => {
    const body =
      '{"resourceType":"Patient","managingOrganization":{"reference":"#o1"},' +
      '"contained":[{"resourceType":"Organization","id":"o1","name":"X"}]}';
    expect((await createText(body)).status).toBe(201);
  });
});

describe('finding 10: patch and history', () => {
  it('refuses a FHIRPath Patch with parameter: [] (was accepted)', async () => {
    const answer = await expectNothingStored(server, () =>
      send(server, `/Patient/${patientId}`, {
        method: 'PATCH',
        headers: FHIR_JSON,
        body: '{"resourceType":"Parameters","parameter":[]}',
      }),
    );
    expect(expressionsOf(expectOutcomeAnswer(answer, 400))).toContain('Parameters.parameter');
  });

  it('refuses history _at=2020-13-01 with 400', async () => {
    const answer = await expectNothingStored(server, () =>
      send(server, `/Patient/${patientId}/_history?_at=2020-13-01`),
    );
    expect(expressionsOf(expectOutcomeAnswer(answer, 400))).toContain('_at');
  });

  it('applies a valid _at as the upper bound of the versions listed', async () => {
    const before = await send(server, `/Patient/${patientId}/_history?_at=2000-01-01`);
    expect(before.status).toBe(200);
    expect((before.body as fhir4.Bundle).total).toBe(0);
    const now = await send(server, `/Patient/${patientId}/_history?_at=${new Date(Date.now() + 60_000).toISOString()}`);
    expect((now.body as fhir4.Bundle).total).toBeGreaterThan(0);
  });
});
