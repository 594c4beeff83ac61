import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../fhir/outcome.js';
import { validateResource } from '../validate-resource.js';
import type { LinkedModel } from '../model/link-model.js';
import { createWalkContext } from '../walk-context.js';
import { checkQuestionnaireResponse } from './check-questionnaire-response.js';
import { indexedQuestionnaire } from './questionnaire-items.js';

type Json = Record<string, unknown>;

const VISIT_URL = 'https://example.test/Questionnaire/visit';
const EPDS_URL = 'https://fhir.patronage.kz/Questionnaire/epds';

const VISIT: Json = {
  resourceType: 'Questionnaire',
  url: VISIT_URL,
  status: 'active',
  item: [
    {
      linkId: 'feeding',
      type: 'choice',
      required: true,
      answerValueSet: 'https://fhir.patronage.kz/ValueSet/feeding-status',
    },
    { linkId: 'sex', type: 'choice', answerValueSet: 'http://hl7.org/fhir/ValueSet/administrative-gender' },
    { linkId: 'smokes', type: 'boolean', required: true },
    {
      linkId: 'cigarettes',
      type: 'integer',
      required: true,
      enableWhen: [{ question: 'smokes', operator: '=', answerBoolean: true }],
    },
    {
      linkId: 'mood',
      type: 'choice',
      answerOption: [
        { valueCoding: { system: 'urn:test', code: 'good' } },
        { valueCoding: { system: 'urn:test', code: 'low' } },
      ],
    },
    { linkId: 'note', type: 'string', maxLength: 10 },
    {
      linkId: 'child',
      type: 'group',
      repeats: true,
      item: [
        { linkId: 'child-name', type: 'string', required: true },
        { linkId: 'child-age', type: 'decimal' },
        {
          linkId: 'child-school',
          type: 'boolean',
          enableWhen: [{ question: 'child-age', operator: '>=', answerDecimal: 6 }],
        },
      ],
    },
    { linkId: 'worry', type: 'boolean', item: [{ linkId: 'worry-detail', type: 'text', required: true }] },
    { linkId: 'info', type: 'display', text: 'Thank you' },
    { linkId: 'visits', type: 'date', repeats: true },
  ],
};

const answer = (value: Json) => [value];
const VALID_VISIT: Json = {
  resourceType: 'QuestionnaireResponse',
  questionnaire: VISIT_URL,
  status: 'completed',
  item: [
    {
      linkId: 'feeding',
      answer: answer({
        valueCoding: { system: 'https://fhir.patronage.kz/CodeSystem/feeding-status', code: 'exclusive' },
      }),
    },
    {
      linkId: 'sex',
      answer: answer({ valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'female' } }),
    },
    { linkId: 'smokes', answer: answer({ valueBoolean: false }) },
    { linkId: 'mood', answer: answer({ valueCoding: { system: 'urn:test', code: 'good' } }) },
    { linkId: 'note', answer: answer({ valueString: 'calm home' }) },
    {
      linkId: 'child',
      item: [
        { linkId: 'child-name', answer: answer({ valueString: 'Dana' }) },
        { linkId: 'child-age', answer: answer({ valueDecimal: 3 }) },
      ],
    },
    {
      linkId: 'child',
      item: [
        { linkId: 'child-name', answer: answer({ valueString: 'Arman' }) },
        { linkId: 'child-age', answer: answer({ valueDecimal: 7 }) },
        { linkId: 'child-school', answer: answer({ valueBoolean: true }) },
      ],
    },
    {
      linkId: 'worry',
      answer: [{ valueBoolean: true, item: [{ linkId: 'worry-detail', answer: answer({ valueString: 'sleep' }) }] }],
    },
    { linkId: 'info' },
    { linkId: 'visits', answer: [{ valueDate: '2026-11-01' }, { valueDate: '2026-11-15' }] },
  ],
};

const HELD = new Map<string, Json>([
  [VISIT_URL, VISIT],
  [
    EPDS_URL,
    JSON.parse(
      readFileSync(
        new URL('../../../profiles/fsh-generated/resources/Questionnaire-epds.json', import.meta.url),
        'utf8',
      ),
    ) as Json,
  ],
]);

/** Issues but invariant warnings (dom-6: no narrative), as `severity code expression`; qrs-1 is an error invariant. */
function issuesOf(resource: Json, held: ReadonlyMap<string, Json> | 'none looked up' = HELD): string[] {
  const questionnaires = held === 'none looked up' ? undefined : held;
  return validateResource(resource as unknown as fhir4.Resource, { questionnaires })
    .filter((i: Issue) => !(i.code === 'invariant' && i.severity === 'warning'))
    .map((i) => `${i.severity} ${i.code} ${i.expression?.join(',')}`)
    .sort();
}

/** VALID_VISIT with `change` applied to a copy. */
function mutated(change: (qr: { item: Json[]; [key: string]: unknown }) => void): Json {
  const copy = structuredClone(VALID_VISIT) as { item: Json[] };
  change(copy);
  return copy;
}

describe('QuestionnaireResponse against its Questionnaire', () => {
  it('accepts a response that follows the Questionnaire (repeats, enableWhen, nested answers)', () => {
    expect(issuesOf(VALID_VISIT)).toEqual([]);
  });

  const cases: [string, (qr: { item: Json[]; [key: string]: unknown }) => void, string[]][] = [
    [
      'an unknown linkId',
      (qr) => qr.item.splice(1, 0, { linkId: 'pets', answer: answer({ valueBoolean: true }) }),
      ['error not-found QuestionnaireResponse.item[1].linkId'],
    ],
    [
      'an item at the wrong level',
      (qr) => qr.item.splice(1, 0, { linkId: 'child-name', answer: answer({ valueString: 'Dana' }) }),
      ['error structure QuestionnaireResponse.item[1].linkId'],
    ],
    [
      'items out of order',
      (qr) => qr.item.splice(0, 2, qr.item[1]!, qr.item[0]!),
      ['error structure QuestionnaireResponse.item[1]'],
    ],
    [
      'a non-repeating item twice',
      (qr) => qr.item.splice(3, 0, structuredClone(qr.item[3]!)),
      ['error structure QuestionnaireResponse.item[4]'],
    ],
    [
      'two answers to a non-repeating item',
      (qr) => (qr.item[4]!.answer as Json[]).push({ valueString: 'second' }),
      ['error structure QuestionnaireResponse.item[4].answer[1]'],
    ],
    [
      'a value of the wrong type',
      (qr) => (qr.item[2]!.answer = answer({ valueString: 'no' })),
      ['error structure QuestionnaireResponse.item[2].answer[0].valueString'],
    ],
    [
      'a code outside the guide value set',
      (qr) =>
        (qr.item[0]!.answer = answer({
          valueCoding: { system: 'https://fhir.patronage.kz/CodeSystem/feeding-status', code: 'bottle' },
        })),
      ['error code-invalid QuestionnaireResponse.item[0].answer[0].valueCoding'],
    ],
    [
      'a code outside an R4 value set',
      (qr) =>
        (qr.item[1]!.answer = answer({
          valueCoding: { system: 'http://hl7.org/fhir/administrative-gender', code: 'woman' },
        })),
      ['error code-invalid QuestionnaireResponse.item[1].answer[0].valueCoding'],
    ],
    [
      'a code outside answerOption',
      (qr) => (qr.item[3]!.answer = answer({ valueCoding: { system: 'urn:test', code: 'angry' } })),
      ['error code-invalid QuestionnaireResponse.item[3].answer[0].valueCoding'],
    ],
    [
      'a string over maxLength',
      (qr) => (qr.item[4]!.answer = answer({ valueString: 'a very long note' })),
      ['error value QuestionnaireResponse.item[4].answer[0].valueString'],
    ],
    [
      'an answer on a group',
      (qr) => (qr.item[5]!.answer = answer({ valueBoolean: true })),
      ['error structure QuestionnaireResponse.item[5].answer', 'error invariant QuestionnaireResponse.item[5]'],
    ],
    [
      'an answer on a display item',
      (qr) => (qr.item[8]!.answer = answer({ valueString: 'ok' })),
      ['error structure QuestionnaireResponse.item[8].answer'],
    ],
    [
      "a question's children beside its answer, not under it",
      (qr) => {
        const worry = qr.item[7]!;
        worry.item = (worry.answer as Json[])[0]!.item;
        worry.answer = answer({ valueBoolean: true });
      },
      [
        'error required QuestionnaireResponse.item[7].answer[0].item',
        'error structure QuestionnaireResponse.item[7].item',
        'error invariant QuestionnaireResponse.item[7]',
      ],
    ],
    [
      'an answer to an item enableWhen disables',
      (qr) => qr.item.splice(3, 0, { linkId: 'cigarettes', answer: answer({ valueInteger: 5 }) }),
      ['error business-rule QuestionnaireResponse.item[3]'],
    ],
    [
      'a disabled item answered inside one repetition of a group',
      (qr) => (qr.item[5]!.item as Json[]).push({ linkId: 'child-school', answer: answer({ valueBoolean: true }) }),
      ['error business-rule QuestionnaireResponse.item[5].item[2]'],
    ],
    ['a missing required item', (qr) => qr.item.splice(2, 1), ['error required QuestionnaireResponse.item']],
    [
      'a required item present without an answer',
      (qr) => delete qr.item[0]!.answer,
      ['error required QuestionnaireResponse.item'],
    ],
    [
      'a required item enableWhen enables but missing',
      (qr) => (qr.item[2]!.answer = answer({ valueBoolean: true })),
      ['error required QuestionnaireResponse.item'],
    ],
    [
      'a required item missing in a repeating group',
      (qr) => (qr.item[6]!.item as Json[]).shift(),
      ['error required QuestionnaireResponse.item[6].item'],
    ],
    [
      'a required item missing under an answer',
      (qr) => delete (qr.item[7]!.answer as Json[])[0]!.item,
      ['error required QuestionnaireResponse.item[7].answer[0].item'],
    ],
  ];
  it.each(cases)('reports %s', (_, change, expected) => {
    expect(issuesOf(mutated(change))).toEqual(expected.sort());
  });

  it('does not require answers while the response is in progress', () => {
    const inProgress = mutated((qr) => {
      qr.status = 'in-progress';
      qr.item.splice(0, 3);
    });
    expect(issuesOf(inProgress)).toEqual([]);
  });

  it('uses a contained Questionnaire and reports a local reference that names none', () => {
    const contained = mutated((qr) => {
      qr.contained = [{ ...VISIT, id: 'q' }];
      qr.questionnaire = '#q';
      qr.item[2]!.answer = answer({ valueInteger: 1 });
    });
    expect(issuesOf(contained, 'none looked up')).toEqual([
      'error structure QuestionnaireResponse.item[2].answer[0].valueInteger',
    ]);
    const dangling = mutated((qr) => {
      qr.contained = [{ resourceType: 'Basic', id: 'q', code: { text: 'x' } }];
      qr.questionnaire = '#q';
    });
    expect(issuesOf(dangling, 'none looked up')).toContain('error structure QuestionnaireResponse.questionnaire');
  });

  it('warns when the server holds no such Questionnaire, and is silent when nothing was looked up', () => {
    expect(issuesOf(VALID_VISIT, new Map())).toEqual(['warning not-found QuestionnaireResponse.questionnaire']);
    expect(
      issuesOf(
        mutated((qr) => qr.item.splice(2, 1)),
        'none looked up',
      ),
    ).toEqual([]);
  });

  it('checks the guide EPDS response against the guide EPDS Questionnaire', () => {
    const epds = JSON.parse(
      readFileSync(
        new URL('../../../profiles/fsh-generated/resources/QuestionnaireResponse-epds-ainur.json', import.meta.url),
        'utf8',
      ),
    ) as { item: Json[] };
    expect(issuesOf(epds)).toEqual([]);
    epds.item[3]!.answer = answer({ valueInteger: 4 });
    // The answerOption check, and the profile's kz-epds-1 on the whole response.
    expect(issuesOf(epds)).toEqual([
      'error invariant QuestionnaireResponse',
      'error value QuestionnaireResponse.item[3].answer[0].valueInteger',
    ]);
  });

  it('walks nesting of any depth without recursion', () => {
    const depth = 5_000;
    const questionnaire: Json = { resourceType: 'Questionnaire', item: [] };
    const response: Json = {
      resourceType: 'QuestionnaireResponse',
      questionnaire: 'urn:deep',
      status: 'completed',
      item: [],
    };
    let q = questionnaire;
    let r = response;
    for (let level = 0; level < depth; level++) {
      const qi: Json = { linkId: `g${level}`, type: 'group', item: [] };
      const ri: Json = { linkId: `g${level}`, item: [] };
      (q.item as Json[]).push(qi);
      (r.item as Json[]).push(ri);
      q = qi;
      r = ri;
    }
    (q.item as Json[]).push({ linkId: 'leaf', type: 'integer', required: true });
    const ctx = createWalkContext({} as LinkedModel);
    const sources = { questionnaires: new Map([['urn:deep', questionnaire]]), valueSet: () => undefined };
    checkQuestionnaireResponse(ctx, response, { path: 'QuestionnaireResponse', sources });
    expect(ctx.issues.map((i) => i.code)).toEqual(['required']);
    expect(ctx.issues[0]!.expression![0]!.endsWith('.item[0].item')).toBe(true);
  });
});

describe('indexes of stored Questionnaires', () => {
  it('reuses the index of one stored version and rebuilds it for the next one', () => {
    const stored = { ...VISIT, id: 'visit', meta: { versionId: '1', lastUpdated: '2026-12-01T00:00:00.000Z' } };
    expect(indexedQuestionnaire(stored)).toBe(indexedQuestionnaire(structuredClone(stored)));
    const next = { ...stored, meta: { versionId: '2', lastUpdated: '2026-12-01T00:00:01.000Z' }, item: [] };
    expect(indexedQuestionnaire(next).top.items).toEqual([]);
    expect(indexedQuestionnaire(VISIT)).not.toBe(indexedQuestionnaire(VISIT));
  });
});
