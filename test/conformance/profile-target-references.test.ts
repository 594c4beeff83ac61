/**
 * Reference targets against the guide's targetProfile: a target contained in the resource or in
 * the same Bundle must conform to one of the profiles the element names (kz-patronage-encounter's
 * serviceProvider → kz-polyclinic). Targets elsewhere are not resolved.
 * @see https://hl7.org/fhir/R4/elementdefinition-definitions.html#ElementDefinition.type.targetProfile
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateResource } from '../../src/validation/validate-resource.js';

function guideExample<T>(file: string): T {
  return JSON.parse(
    readFileSync(new URL(`../../profiles/fsh-generated/resources/${file}`, import.meta.url), 'utf8'),
  ) as T;
}

const VISIT = guideExample<fhir4.Encounter>('Encounter-visit-alikhan-u1m.json');
const POLYCLINIC = guideExample<fhir4.Organization>('Organization-polyclinic-3.json');
const NO_BIN: fhir4.Organization = { ...POLYCLINIC, identifier: [] };
delete NO_BIN.identifier;

/** Errors at `expression` of the serviceProvider check. */
function targetErrors(resource: fhir4.Resource, expression: string): string[] {
  return validateResource(resource)
    .filter((i) => i.severity === 'error' && i.expression?.[0] === expression)
    .map((i) => i.message);
}

function withContained(organization: fhir4.Organization): fhir4.Encounter {
  return { ...VISIT, contained: [{ ...organization, id: 'p' }], serviceProvider: { reference: '#p' } };
}

function transaction(organization: fhir4.Organization, reference: string): fhir4.Bundle {
  const request = (url: string) => ({ method: 'POST' as const, url });
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:0c2f5ea6-5d4b-4a8e-9b7e-1a2b3c4d5e6f',
        resource: { ...VISIT, serviceProvider: { reference } } as fhir4.Encounter,
        request: request('Encounter'),
      },
      {
        fullUrl: 'urn:uuid:7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6',
        resource: organization,
        request: request('Organization'),
      },
    ],
  };
}

describe('reference targets against targetProfile', () => {
  it('accepts a contained serviceProvider that conforms to kz-polyclinic', () => {
    expect(validateResource(withContained(POLYCLINIC)).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('rejects a contained serviceProvider without a BIN, naming the profile and what fails', () => {
    expect(targetErrors(withContained(NO_BIN), 'Encounter.serviceProvider')).toEqual([
      "The referenced Organization (#p) does not conform to kz-polyclinic: Organization.identifier: 'identifier' needs at least 1 item(s): slice 'bin' is missing (profile kz-patronage-encounter)",
    ]);
  });

  it('resolves a urn:uuid reference to an entry of the same transaction', () => {
    const at = 'Bundle.entry[0].resource.serviceProvider';
    const uuid = 'urn:uuid:7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
    expect(targetErrors(transaction(POLYCLINIC, uuid), at)).toEqual([]);
    expect(targetErrors(transaction(NO_BIN, uuid), at)).toHaveLength(1);
  });

  it('does not resolve a reference to a resource on the server', () => {
    expect(
      targetErrors(transaction(NO_BIN, 'Organization/polyclinic-3'), 'Bundle.entry[0].resource.serviceProvider'),
    ).toEqual([]);
  });

  it('stops at a reference cycle between contained resources', () => {
    const a = { ...POLYCLINIC, id: 'p', partOf: { reference: '#q' } };
    const b = { ...POLYCLINIC, id: 'q', partOf: { reference: '#p' } };
    const encounter = { ...VISIT, contained: [a, b], serviceProvider: { reference: '#p' } };
    expect(validateResource(encounter).filter((i) => i.severity === 'error')).toEqual([]);
  });
});
