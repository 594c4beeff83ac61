import { describe, expect, it } from 'vitest';
import { canonicalReferencesOf } from './canonical-references.js';

describe('canonicalReferencesOf', () => {
  it('finds the canonicals whose elements name target types, with their FHIRPath', () => {
    const carePlan = {
      resourceType: 'CarePlan',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p' },
      instantiatesCanonical: ['https://fhir.patronage.kz/PlanDefinition/universal'],
      activity: [{ detail: { status: 'scheduled', instantiatesCanonical: ['#local'] } }],
      contained: [
        { resourceType: 'QuestionnaireResponse', id: 'q', status: 'completed', questionnaire: 'https://x/Q' },
      ],
    } as unknown as fhir4.CarePlan;
    expect(canonicalReferencesOf(carePlan)).toEqual([
      {
        url: 'https://fhir.patronage.kz/PlanDefinition/universal',
        allowed: ['ActivityDefinition', 'Measure', 'OperationDefinition', 'PlanDefinition', 'Questionnaire'],
        expression: 'CarePlan.instantiatesCanonical[0]',
      },
      { url: 'https://x/Q', allowed: ['Questionnaire'], expression: 'CarePlan.contained[0].questionnaire' },
    ]);
  });

  it('ignores canonicals that may name any resource (meta.profile) and other strings', () => {
    const patient = { resourceType: 'Patient', meta: { profile: ['https://x/p'] }, gender: 'female' } as fhir4.Patient;
    expect(canonicalReferencesOf(patient)).toEqual([]);
  });
});
