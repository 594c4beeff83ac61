import { describe, expect, it } from 'vitest';
import { createValidator } from '../validation/create-validator.js';
import { parseValidationConfig } from './validation-config.js';

const KZ_PATIENT = 'https://fhir.patronage.kz/StructureDefinition/kz-patient';

describe('validation configuration', () => {
  it('defaults to no required profiles, unknown profiles as errors and 100 issues listed', () => {
    expect(parseValidationConfig({})).toEqual({ requiredProfiles: {}, unknownProfile: 'error', maxIssues: 100 });
  });

  it('parses Type=URL pairs and rejects malformed ones', () => {
    const config = parseValidationConfig({ FHIR_REQUIRED_PROFILES: `Patient=${KZ_PATIENT}, Encounter=http://x/e` });
    expect(config.requiredProfiles).toEqual({ Patient: [KZ_PATIENT], Encounter: ['http://x/e'] });
    expect(() => parseValidationConfig({ FHIR_REQUIRED_PROFILES: 'patient' })).toThrow('Type=URL');
    expect(() => parseValidationConfig({ FHIR_UNKNOWN_PROFILE: 'maybe' })).toThrow('Invalid configuration');
  });

  it('leaves unknown extensions to each path unless FHIR_UNKNOWN_EXTENSION says otherwise', () => {
    const patient = {
      resourceType: 'Patient',
      extension: [{ url: 'https://partner.kz/fhir/StructureDefinition/x', valueString: 'y' }],
    } as fhir4.Patient;
    const severities = (env: Record<string, string>, purpose: 'write' | 'validate') =>
      createValidator(parseValidationConfig(env))(patient, { purpose })
        .filter((i) => i.expression?.[0] === 'Patient.extension[0]')
        .map((i) => i.severity);
    expect(severities({}, 'validate')).toEqual(['error']);
    expect(severities({}, 'write')).toEqual(['warning']);
    expect(severities({ FHIR_UNKNOWN_EXTENSION: 'error' }, 'write')).toEqual(['error']);
    expect(severities({ FHIR_UNKNOWN_EXTENSION: 'ignore' }, 'validate')).toEqual([]);
    expect(() => parseValidationConfig({ FHIR_UNKNOWN_EXTENSION: 'sometimes' })).toThrow('Invalid configuration');
  });

  it('applies a required profile to a resource that does not claim it', () => {
    const validate = createValidator(parseValidationConfig({ FHIR_REQUIRED_PROFILES: `Patient=${KZ_PATIENT}` }));
    const issues = validate({ resourceType: 'Patient', gender: 'female' } as fhir4.Patient);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.expression?.[0])).toEqual(
      expect.arrayContaining(['Patient.identifier', 'Patient.name', 'Patient.birthDate']),
    );
  });

  it('downgrades an unknown claimed profile when configured', () => {
    const resource = { resourceType: 'Patient', meta: { profile: ['http://example.org/unknown'] } } as fhir4.Patient;
    expect(
      createValidator(parseValidationConfig({}))(resource).some(
        (i) => i.code === 'not-supported' && i.severity === 'error',
      ),
    ).toBe(true);
    const lenient = createValidator(parseValidationConfig({ FHIR_UNKNOWN_PROFILE: 'warning' }));
    expect(lenient(resource).some((i) => i.severity === 'error')).toBe(false);
  });
});
