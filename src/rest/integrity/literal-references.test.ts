import { describe, expect, it } from 'vitest';
import { literalReferencesOf } from './literal-references.js';

describe('literalReferencesOf', () => {
  it('finds local Type/id references anywhere, with their FHIRPath, in document order', () => {
    const encounter = {
      resourceType: 'Encounter',
      status: 'finished',
      subject: { reference: 'Patient/p1' },
      participant: [{ individual: { reference: 'Practitioner/n1' } }, { individual: { reference: 'Practitioner/n2' } }],
      extension: [{ url: 'https://example.org/x', valueReference: { reference: 'Organization/o1/_history/3' } }],
      contained: [{ resourceType: 'Observation', subject: { reference: 'Patient/p2' } }],
      _status: { extension: [{ url: 'https://example.org/y', valueReference: { reference: 'Location/l1' } }] },
    } as unknown as fhir4.Resource;
    expect(literalReferencesOf(encounter)).toEqual([
      { resourceType: 'Patient', id: 'p1', expression: 'Encounter.subject' },
      { resourceType: 'Practitioner', id: 'n1', expression: 'Encounter.participant[0].individual' },
      { resourceType: 'Practitioner', id: 'n2', expression: 'Encounter.participant[1].individual' },
      { resourceType: 'Organization', id: 'o1', expression: 'Encounter.extension[0].valueReference' },
      { resourceType: 'Patient', id: 'p2', expression: 'Encounter.contained[0].subject' },
      { resourceType: 'Location', id: 'l1', expression: 'Encounter.status.extension[0].valueReference' },
    ]);
  });

  it('leaves absolute URLs, #contained, urn: placeholders, logical references and unheld types alone', () => {
    const observation = {
      resourceType: 'Observation',
      subject: { reference: 'https://other.example/fhir/Patient/p1' },
      performer: [
        { reference: '#nurse' },
        { reference: 'urn:uuid:6f1c2c1e-0000-4000-8000-000000000000' },
        { identifier: { system: 'https://fhir.patronage.kz/sid/iin', value: '900101300017' } },
        { reference: 'Device/d1' },
        { reference: 'Patient?identifier=x' },
        { reference: 'Patient/' },
      ],
    } as unknown as fhir4.Resource;
    expect(literalReferencesOf(observation)).toEqual([]);
  });

  it('walks a body nested far deeper than the call stack allows', () => {
    let extension: Record<string, unknown> = {
      url: 'https://example.org/leaf',
      valueReference: { reference: 'Patient/deep' },
    };
    for (let i = 0; i < 100_000; i++) extension = { url: 'https://example.org/x', extension: [extension] };
    const found = literalReferencesOf({ resourceType: 'Patient', extension: [extension] } as fhir4.Resource);
    expect(found).toHaveLength(1);
    expect(found[0]!.id).toBe('deep');
  });
});
