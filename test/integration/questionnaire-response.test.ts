/**
 * End-to-end on the real Node server with fhir-kit-client: a QuestionnaireResponse is checked
 * against the Questionnaire the server holds (the guide's EPDS, stored at start, or one a client
 * created) on create, update, in a transaction and by `$validate`, with each problem located at
 * the exact answer.
 */
import { describe, expect, it } from 'vitest';
import { expectOutcome, responseOf, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

type Body = Record<string, unknown> & { resourceType: string };

const EPDS = 'https://fhir.patronage.kz/Questionnaire/epds';

/** An EPDS response with these ten scores. */
function epds(scores: unknown[], status = 'completed'): Body & { item: Record<string, unknown>[] } {
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: EPDS,
    status,
    item: scores.map((score, i) => ({ linkId: String(i + 1), answer: [{ valueInteger: score }] })),
  };
}

const VALID_SCORES = [1, 2, 1, 2, 1, 2, 1, 1, 2, 1];

function located(outcome: fhir4.OperationOutcome): string[] {
  return outcome.issue
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.code} ${i.expression?.join(',')}`)
    .sort();
}

describe('QuestionnaireResponse against the Questionnaire the server holds', () => {
  it('creates a response that answers the guide EPDS Questionnaire (201)', async () => {
    const created = await gateway.client.create({ resourceType: 'QuestionnaireResponse', body: epds(VALID_SCORES) });
    expect(responseOf(created).status).toBe(201);
  });

  it('answers 422 at the answer that is not one of the options', async () => {
    const scores = [...VALID_SCORES];
    scores[3] = 5;
    const outcome = await expectOutcome(
      gateway.client.create({ resourceType: 'QuestionnaireResponse', body: epds(scores) }),
      422,
    );
    expect(located(outcome)).toEqual(['value QuestionnaireResponse.item[3].answer[0].valueInteger']);
  });

  it('answers 422 at an answer of the wrong type, and for a missing required item once completed', async () => {
    const body = epds(VALID_SCORES);
    body.item[3] = { linkId: '4', answer: [{ valueString: 'two' }] };
    body.item.pop();
    const outcome = await expectOutcome(gateway.client.create({ resourceType: 'QuestionnaireResponse', body }), 422);
    expect(located(outcome)).toEqual([
      'required QuestionnaireResponse.item',
      'structure QuestionnaireResponse.item[3].answer[0].valueString',
    ]);
    const inProgress = { ...body, status: 'in-progress' };
    inProgress.item = inProgress.item.filter((_, i) => i !== 3);
    const saved = await gateway.client.create({ resourceType: 'QuestionnaireResponse', body: inProgress });
    expect(responseOf(saved).status).toBe(201);
  });

  it('checks an update as well', async () => {
    const created = (await gateway.client.create({
      resourceType: 'QuestionnaireResponse',
      body: epds(VALID_SCORES),
    })) as Body;
    const body = { ...epds(VALID_SCORES), id: created.id };
    body.item[9] = { linkId: '10', answer: [{ valueInteger: 1 }, { valueInteger: 2 }] };
    const outcome = await expectOutcome(
      gateway.client.update({ resourceType: 'QuestionnaireResponse', id: String(created.id), body }),
      422,
    );
    expect(located(outcome)).toEqual(['structure QuestionnaireResponse.item[9].answer[1]']);
  });

  it('locates the answer inside a transaction entry', async () => {
    const scores = [...VALID_SCORES];
    scores[0] = -1;
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: epds(scores), request: { method: 'POST', url: 'QuestionnaireResponse' } }],
    };
    const response = await fetch(gateway.server.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json' },
      body: JSON.stringify(bundle),
    });
    expect(response.status).toBe(422);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    // The entry and the answer in it (one full path or the entry then the path, as the Bundle
    // error locator gives them).
    expect(located(outcome)).toHaveLength(1);
    expect(located(outcome)[0]).toMatch(/^value Bundle\.entry\[0\].*item\[0\]\.answer\[0\]\.valueInteger$/);
  });

  it('$validate reports the same issue with status 200', async () => {
    const scores = [...VALID_SCORES];
    scores[3] = 5;
    const outcome = (await gateway.client.operation({
      name: '$validate',
      resourceType: 'QuestionnaireResponse',
      input: epds(scores),
    })) as unknown as fhir4.OperationOutcome;
    expect(responseOf(outcome).status).toBe(200);
    expect(located(outcome)).toEqual(['value QuestionnaireResponse.item[3].answer[0].valueInteger']);
  });

  it("uses a Questionnaire a gateway.client created: enableWhen and the answer's type", async () => {
    const url = 'https://example.test/Questionnaire/smoking';
    await gateway.client.create({
      resourceType: 'Questionnaire',
      body: {
        resourceType: 'Questionnaire',
        url,
        status: 'active',
        item: [
          { linkId: 'smokes', type: 'boolean', required: true },
          {
            linkId: 'per-day',
            type: 'integer',
            enableWhen: [{ question: 'smokes', operator: '=', answerBoolean: true }],
          },
        ],
      },
    });
    const body = {
      resourceType: 'QuestionnaireResponse',
      questionnaire: url,
      status: 'completed',
      item: [
        { linkId: 'smokes', answer: [{ valueBoolean: false }] },
        { linkId: 'per-day', answer: [{ valueInteger: 10 }] },
      ],
    };
    const outcome = await expectOutcome(gateway.client.create({ resourceType: 'QuestionnaireResponse', body }), 422);
    expect(located(outcome)).toEqual(['business-rule QuestionnaireResponse.item[1]']);
    body.item = [body.item[0]!];
    expect(responseOf(await gateway.client.create({ resourceType: 'QuestionnaireResponse', body })).status).toBe(201);
  });

  it('accepts a response to a Questionnaire the server does not hold, with a warning', async () => {
    const body = { ...epds(VALID_SCORES), questionnaire: 'https://example.test/Questionnaire/unknown' };
    const outcome = (await gateway.client.operation({
      name: '$validate',
      resourceType: 'QuestionnaireResponse',
      input: body,
    })) as unknown as fhir4.OperationOutcome;
    expect(outcome.issue.map((i) => `${i.severity} ${i.code} ${i.expression?.join(',')}`)).toContain(
      'warning not-found QuestionnaireResponse.questionnaire',
    );
    expect(responseOf(await gateway.client.create({ resourceType: 'QuestionnaireResponse', body })).status).toBe(201);
  });
});
