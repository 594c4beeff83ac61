import { describe, expect, it } from 'vitest';
import { profileLabel } from './count-validation-failures.js';

const KZ_PATIENT = 'https://fhir.patronage.kz/StructureDefinition/kz-patient';
const known = (type: string) => (type === 'Patient' ? [KZ_PATIENT] : []);

describe('profileLabel of a failed resource', () => {
  it('is the requested, claimed or base profile of a resource', () => {
    expect(profileLabel({ resourceType: 'Patient' }, undefined, known)).toBe('http://hl7.org/fhir/StructureDefinition/Patient');
    expect(profileLabel({ resourceType: 'Patient', meta: { profile: [KZ_PATIENT] } }, undefined, known)).toBe(KZ_PATIENT);
    expect(profileLabel({ resourceType: 'Patient' }, 'https://example.org/made-up', known)).toBe('unknown');
  });

  it.each([null, 7, 'text', [], { resourceType: 'Patient', meta: null }, { resourceType: 'Patient', meta: { profile: 5 } }, { resourceType: 'Patient', meta: { profile: [5] } }])(
    'is a label, not an exception, for %j',
    (body) => {
      expect(typeof profileLabel(body, undefined, known)).toBe('string');
    },
  );
});
