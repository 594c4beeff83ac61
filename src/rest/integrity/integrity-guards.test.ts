import { describe, expect, it } from 'vitest';
import { IIN_SYSTEM } from '../../fhir/canonical.js';
import { DEMO_RESOURCES } from '../../demo/demo-resources.js';
import { igResources } from '../../ig/ig-resources.js';
import type { ResourceWrite } from '../../storage/port.js';
import { integrityGuardsOf, type IntegritySettings } from './integrity-guards.js';
import { literalReferencesOf } from './literal-references.js';

const ON: IntegritySettings = {
  referencesOnWrite: true,
  referencesOnDelete: true,
  uniqueIdentifiers: new Map([['Patient', new Set([IIN_SYSTEM])]]),
};

function write(resource: fhir4.Resource | undefined, key = resource!): ResourceWrite {
  const base = { resourceType: key.resourceType, id: key.id!, versionId: '1', lastUpdated: '2026-01-01T00:00:00.000Z' };
  return resource
    ? { ...base, method: 'PUT', resource, expect: { kind: 'absent' } }
    : { ...base, method: 'DELETE', expect: { kind: 'version', versionId: '1' } };
}

describe('integrityGuardsOf', () => {
  const patient = { resourceType: 'Patient', id: 'p', identifier: [{ system: IIN_SYSTEM, value: '900101300017' }] };
  const observation = { resourceType: 'Observation', id: 'o', subject: { reference: 'Patient/p' } };
  const writes = [
    write(patient as fhir4.Patient),
    write(observation as fhir4.Resource),
    write(undefined, { resourceType: 'Patient', id: 'gone' } as fhir4.Resource),
  ];

  it('guards references of written resources, deletes and unique identifiers, each with its write', () => {
    expect(integrityGuardsOf(writes, ON)).toEqual({
      references: [{ resourceType: 'Patient', id: 'p', expression: 'Observation.subject', writeIndex: 1 }],
      unreferenced: [{ resourceType: 'Patient', id: 'gone', writeIndex: 2 }],
      identifiers: [
        {
          resourceType: 'Patient',
          id: 'p',
          system: IIN_SYSTEM,
          value: '900101300017',
          expression: 'Patient.identifier[0]',
          writeIndex: 0,
        },
      ],
    });
  });

  it('leaves out the checks the settings turn off', () => {
    const off = { referencesOnWrite: false, referencesOnDelete: false, uniqueIdentifiers: new Map() };
    expect(integrityGuardsOf(writes, off)).toBeUndefined();
    expect(integrityGuardsOf(writes, { ...off, referencesOnDelete: true })).toEqual({
      unreferenced: [{ resourceType: 'Patient', id: 'gone', writeIndex: 2 }],
    });
  });
});

describe('start-up data and the write check', () => {
  it('the demo resources refer only to demo resources listed before them', () => {
    const seen = new Set<string>();
    for (const resource of DEMO_RESOURCES) {
      for (const ref of literalReferencesOf(resource)) {
        expect(seen, `${resource.resourceType}/${resource.id} ${ref.expression}`).toContain(
          `${ref.resourceType}/${ref.id}`,
        );
      }
      seen.add(`${resource.resourceType}/${resource.id}`);
    }
  });

  it('the implementation guide resources hold no local literal references', () => {
    expect(igResources().flatMap((r) => literalReferencesOf(r))).toEqual([]);
  });
});
