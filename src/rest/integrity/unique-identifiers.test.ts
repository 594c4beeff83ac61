import { describe, expect, it } from 'vitest';
import { BIN_SYSTEM, IIN_SYSTEM } from '../../fhir/canonical.js';
import { uniqueIdentifiersOf } from './unique-identifiers.js';

const SYSTEMS = new Map([
  ['Patient', new Set([IIN_SYSTEM])],
  ['Organization', new Set([BIN_SYSTEM])],
]);

describe('uniqueIdentifiersOf', () => {
  it('returns the identifiers of systems declared unique for the type, located', () => {
    const patient = {
      resourceType: 'Patient',
      identifier: [
        { system: 'urn:oid:1.2.3', value: 'x' },
        { system: IIN_SYSTEM, value: '900101300017' },
        { system: BIN_SYSTEM, value: '040340000017' },
        { system: IIN_SYSTEM },
      ],
    } as fhir4.Patient;
    expect(uniqueIdentifiersOf(patient, SYSTEMS)).toEqual([
      { system: IIN_SYSTEM, value: '900101300017', expression: 'Patient.identifier[1]' },
    ]);
  });

  it('returns nothing for a type with no unique system, or a resource without identifiers', () => {
    const practitioner = { resourceType: 'Practitioner', identifier: [{ system: IIN_SYSTEM, value: '1' }] };
    expect(uniqueIdentifiersOf(practitioner as fhir4.Practitioner, SYSTEMS)).toEqual([]);
    expect(uniqueIdentifiersOf({ resourceType: 'Organization' } as fhir4.Organization, SYSTEMS)).toEqual([]);
  });
});
