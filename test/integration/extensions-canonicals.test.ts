/**
 * End-to-end over HTTP with fhir-kit-client on the real Node server: an R4 core extension placed
 * where its context does not allow it is an error at the extension for `$validate` and a 422 for
 * a create (nothing stored); an unknown extension is an error for `$validate` and a warning on a
 * write; a canonical naming a stored resource of the wrong type is refused (decision 018).
 * @see https://hl7.org/fhir/R4/extensibility.html#context
 * @see https://hl7.org/fhir/R4/references.html#canonical
 */
import type { Client } from 'fhir-kit-client';
import { describe, expect, it } from 'vitest';
import { expectOutcome, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

const BIRTH_PLACE = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace';
const misplaced = {
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'body weight' },
  extension: [{ url: BIRTH_PLACE, valueAddress: { city: 'Kyzylorda' } }],
};

function issuesOf(outcome: fhir4.OperationOutcome): [string, string, string | undefined][] {
  return outcome.issue
    .filter((i) => i.severity !== 'information' && !i.details?.text?.startsWith('dom-6'))
    .map((i) => [i.severity, i.code, i.expression?.[0]]);
}

async function validate(resourceType: string, body: object): Promise<fhir4.OperationOutcome> {
  const input = body as Parameters<Client['operation']>[0]['input'];
  return (await gateway.client.operation({
    name: '$validate',
    resourceType,
    input,
  })) as unknown as fhir4.OperationOutcome;
}

async function count(resourceType: string): Promise<number> {
  const bundle = (await gateway.client.search({
    resourceType,
    searchParams: { _summary: 'count' },
  })) as unknown as fhir4.Bundle;
  return bundle.total ?? 0;
}

describe('extensions over HTTP', () => {
  it('$validate reports a core extension outside its context at the extension', async () => {
    const outcome = await validate('Observation', misplaced);
    expect(issuesOf(outcome)).toContainEqual(['error', 'structure', 'Observation.extension[0]']);
    const issue = outcome.issue.find((i) => i.expression?.[0] === 'Observation.extension[0]');
    expect(issue?.details?.text).toContain('its context allows Patient');
  });

  it('create refuses the same Observation with 422 and stores nothing', async () => {
    const before = await count('Observation');
    const outcome = await expectOutcome(gateway.client.create({ resourceType: 'Observation', body: misplaced }), 422);
    expect(outcome.issue.map((i) => i.expression?.[0])).toContain('Observation.extension[0]');
    expect(await count('Observation')).toBe(before);
  });

  it('accepts the extension where its context allows it', async () => {
    const patient = { resourceType: 'Patient', extension: misplaced.extension };
    expect(issuesOf(await validate('Patient', patient)).filter(([s]) => s === 'error')).toEqual([]);
    const created = (await gateway.client.create({ resourceType: 'Patient', body: patient })) as fhir4.Patient;
    expect(created.extension?.[0]?.url).toBe(BIRTH_PLACE);
  });

  it('an unknown extension is an error for $validate and a warning on create', async () => {
    const patient = {
      resourceType: 'Patient',
      extension: [{ url: 'https://partner.kz/fhir/StructureDefinition/favourite-colour', valueString: 'green' }],
    };
    expect(issuesOf(await validate('Patient', patient))).toEqual([['error', 'not-supported', 'Patient.extension[0]']]);
    const created = (await gateway.client.create({ resourceType: 'Patient', body: patient })) as fhir4.Patient;
    expect(created.id).toBeDefined();
  });

  it('an extension on an example domain is refused on create', async () => {
    const patient = { resourceType: 'Patient', extension: [{ url: 'http://example.org/fhir/x', valueString: 'x' }] };
    const outcome = await expectOutcome(gateway.client.create({ resourceType: 'Patient', body: patient }), 422);
    expect(issuesOf(outcome)).toEqual([['error', 'invalid', 'Patient.extension[0]']]);
  });
});

describe('canonical references over HTTP', () => {
  const response = (questionnaire: string, status = 'completed') => ({
    resourceType: 'QuestionnaireResponse',
    status,
    questionnaire,
  });
  // The guide is stored at every start: a ValueSet and the EPDS Questionnaire are on the server.
  const VALUE_SET = 'https://fhir.patronage.kz/ValueSet/visit-outcome';
  const EPDS = 'https://fhir.patronage.kz/Questionnaire/epds';

  it('$validate and create refuse a questionnaire canonical that names a stored ValueSet', async () => {
    const outcome = await validate('QuestionnaireResponse', response(VALUE_SET));
    expect(issuesOf(outcome)).toContainEqual(['error', 'invalid', 'QuestionnaireResponse.questionnaire']);
    const refused = await expectOutcome(
      gateway.client.create({ resourceType: 'QuestionnaireResponse', body: response(VALUE_SET) }),
      422,
    );
    expect(refused.issue.map((i) => i.expression?.[0])).toContain('QuestionnaireResponse.questionnaire');
  });

  it('a transaction refuses the same canonical at its entry and stores nothing', async () => {
    const before = await count('QuestionnaireResponse');
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [{ resource: response(VALUE_SET), request: { method: 'POST', url: 'QuestionnaireResponse' } }],
    };
    const outcome = await expectOutcome(
      gateway.client.transaction({ body: bundle as fhir4.Bundle & Record<string, unknown> }),
      422,
    );
    // Located by one full path from the Bundle to the element (issue 9).
    const expressions = outcome.issue.flatMap((i) => i.expression ?? []);
    expect(expressions).toContain('Bundle.entry[0].resource.questionnaire');
    expect(await count('QuestionnaireResponse')).toBe(before);
  });

  it('accepts the stored Questionnaire, and a canonical the server does not hold', async () => {
    for (const url of [EPDS, 'https://partner.kz/fhir/Questionnaire/other']) {
      // In progress: a completed response to the EPDS would also need its required answers (decision 019).
      const outcome = await validate('QuestionnaireResponse', response(url, 'in-progress'));
      expect(issuesOf(outcome).filter(([severity]) => severity === 'error')).toEqual([]);
    }
  });
});
