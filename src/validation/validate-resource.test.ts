import { describe, expect, it } from 'vitest';
import { DEMO_RESOURCES } from '../demo/demo-resources.js';
import { validateResource } from './validate-resource.js';

/** An R4 core extension allowed on any element. @see https://hl7.org/fhir/R4/extension-data-absent-reason.html */
const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';

/** Issues except the dom-6 "should have narrative" warning that most test inputs earn. */
function issuesOf(resource: unknown) {
  return validateResource(resource as fhir4.Resource).filter((i) => !i.message.startsWith('dom-6'));
}

/** `[code, expression]` of every error, for compact assertions. */
function errors(resource: unknown): [string, string | undefined][] {
  return validateResource(resource as fhir4.Resource)
    .filter((i) => i.severity === 'error')
    .map((i) => [i.code, i.expression?.[0]]);
}

describe('validateResource (base R4 structure)', () => {
  it('accepts every demo resource', () => {
    for (const resource of DEMO_RESOURCES) expect(errors(resource), resource.id).toEqual([]);
  });

  it('never throws for input that is not a resource', () => {
    for (const input of [null, undefined, 42, 'Patient', [], {}, { resourceType: 7 }]) {
      expect(() => validateResource(input as unknown as fhir4.Resource)).not.toThrow();
      expect(errors(input).length).toBeGreaterThan(0);
    }
  });

  it('names the profile URL as the source of each issue', () => {
    const [issue] = validateResource({ resourceType: 'Patient', gender: 5 } as unknown as fhir4.Resource);
    expect(issue?.source).toBe('http://hl7.org/fhir/StructureDefinition/Patient');
  });

  it('rejects a resourceType that is not R4, and validates every R4 type whether served or not', () => {
    expect(errors({ resourceType: 'Gadget' })).toEqual([['structure', 'Gadget.resourceType']]);
    expect(errors({ resourceType: 'Medication' })).toEqual([]);
    expect(errors({ resourceType: 'Medication', colour: 'red' })).toEqual([['structure', 'Medication.colour']]);
    const communication = { resourceType: 'Communication', status: 'completed', sent: '2024-02-30' };
    expect(errors(communication)).toEqual([['value', 'Communication.sent']]);
  });

  it('accepts nulls in a repeating primitive only where the _ sibling has content', () => {
    const ext = { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] };
    expect(errors({ resourceType: 'Patient', name: [{ given: ['A', null], _given: [null, ext] }] })).toEqual([]);
    expect(errors({ resourceType: 'Patient', name: [{ given: ['A', null], _given: [ext, null] }] })).toEqual([
      ['structure', 'Patient.name[0].given[1]'],
      ['structure', 'Patient.name[0]._given[1]'],
    ]);
  });

  it('counts an extension-only primitive (_x without x) as present', () => {
    const ext = { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'unknown' }] };
    expect(errors({ resourceType: 'Observation', _status: ext, code: { text: 'x' } })).toEqual([]);
  });

  it('treats _valueX and valueY as two types of one choice', () => {
    const ext = { extension: [{ url: DATA_ABSENT_REASON, valueCode: 'masked' }] };
    const obs = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      _valueString: ext,
      valueBoolean: true,
    };
    expect(errors(obs)).toEqual([['structure', 'Observation.valueBoolean']]);
  });

  it('reports an object that carries only an id as ele-1', () => {
    expect(errors({ resourceType: 'Patient', maritalStatus: { id: 'a' } })).toEqual([
      ['invariant', 'Patient.maritalStatus'],
    ]);
  });

  it('uses XML Schema whitespace in regexes: a no-break space is valid in a string and a code', () => {
    const tagged = (code: string) => ({
      resourceType: 'Patient',
      meta: { tag: [{ code }] },
      name: [{ text: 'A\u00a0B' }],
    });
    expect(errors(tagged('a\u00a0b'))).toEqual([]);
    expect(errors(tagged('a  b'))).toEqual([['value', 'Patient.meta.tag[0].code']]);
  });

  it('validates resources inside Bundle entries as resources of their own type', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { resource: { resourceType: 'Patient', birthDate: '2024-13-01' } },
        { resource: { resourceType: 'Gadget' } },
      ],
    };
    const issues = issuesOf(bundle);
    expect(issues.map((i) => [i.code, i.expression?.[0], i.source])).toEqual([
      ['value', 'Bundle.entry[0].resource.birthDate', 'http://hl7.org/fhir/StructureDefinition/Patient'],
      ['structure', 'Bundle.entry[1].resource.resourceType', 'http://hl7.org/fhir/StructureDefinition/Bundle'],
    ]);
  });

  it('checks required elements inside each item of a repeating backbone element', () => {
    const ref = { reference: 'Patient/1' };
    expect(errors({ resourceType: 'Patient', link: [{ other: ref, type: 'seealso' }, { type: 'seealso' }] })).toEqual([
      ['required', 'Patient.link[1].other'],
    ]);
  });

  it('checks integer ranges and instants', () => {
    const bad = { resourceType: 'Patient', multipleBirthInteger: 2147483648, meta: { lastUpdated: '2024-01-01' } };
    expect(errors(bad)).toEqual([
      ['value', 'Patient.multipleBirthInteger'],
      ['value', 'Patient.meta.lastUpdated'],
    ]);
  });

  it('rejects a code outside a required binding and warns outside an extensible one', () => {
    const patient = {
      resourceType: 'Patient',
      gender: 'x',
      maritalStatus: { coding: [{ system: 'http://example.org/local', code: 'M' }] },
      identifier: [
        {
          use: 'official',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
        },
      ],
    };
    const issues = issuesOf(patient).map((i) => [i.severity, i.code, i.expression?.[0]]);
    expect(issues).toEqual([
      ['error', 'code-invalid', 'Patient.gender'],
      ['warning', 'code-invalid', 'Patient.maritalStatus'],
    ]);
  });

  it('checks a Coding against its binding by system and code', () => {
    const wrongSystem = { system: 'http://example.org/other', code: 'final' };
    const bundle = { resourceType: 'Bundle', type: 'collection', meta: { security: [wrongSystem] } };
    expect(issuesOf(bundle).map((i) => [i.severity, i.expression?.[0]])).toEqual([
      ['warning', 'Bundle.meta.security[0].code'],
    ]);
  });

  it('checks the target type of a reference, literal or contained', () => {
    const obs = {
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      contained: [{ resourceType: 'Device', id: 'd1', status: 'active' }],
      subject: { reference: 'Practitioner/p1' },
      performer: [{ reference: '#d1' }, { reference: 'https://example.org/fhir/Patient/7' }],
    };
    expect(errors(obs)).toEqual([
      ['structure', 'Observation.subject.reference'],
      ['structure', 'Observation.performer[0].reference'],
    ]);
  });

  it('requires urn:uuid references of a transaction to resolve within the Bundle', () => {
    const patient = { resourceType: 'Patient', gender: 'female' };
    const obs = (ref: string) => ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      subject: { reference: ref },
    });
    const bundle = (ref: string) => ({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'urn:uuid:0b5b5a5e-0000-4000-8000-000000000001',
          resource: patient,
          request: { method: 'POST', url: 'Patient' },
        },
        {
          fullUrl: 'urn:uuid:0b5b5a5e-0000-4000-8000-000000000002',
          resource: obs(ref),
          request: { method: 'POST', url: 'Observation' },
        },
      ],
    });
    expect(errors(bundle('urn:uuid:0b5b5a5e-0000-4000-8000-000000000001'))).toEqual([]);
    expect(errors(bundle('urn:uuid:0b5b5a5e-0000-4000-8000-00000000000f'))).toEqual([
      ['not-found', 'Bundle.entry[1].resource.subject.reference'],
    ]);
    expect(errors(bundle('urn:uuid:0b5b5a5e-0000-4000-8000-000000000002'))).toEqual([
      ['structure', 'Bundle.entry[1].resource.subject.reference'],
    ]);
  });

  it('rejects a UCUM quantity whose code is not a UCUM unit', () => {
    const obs = (code: string) => ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'weight' },
      valueQuantity: { value: 4.2, unit: code, system: 'http://unitsofmeasure.org', code },
    });
    expect(errors(obs('kg'))).toEqual([]);
    expect(errors(obs('kgg'))).toEqual([['code-invalid', 'Observation.valueQuantity.code']]);
  });

  it('applies the profiles that resources inside a Bundle claim, at their own path', () => {
    const kzPatient = 'https://fhir.patronage.kz/StructureDefinition/kz-patient';
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          resource: {
            resourceType: 'Patient',
            meta: { profile: [kzPatient] },
            gender: 'female',
            name: [{ family: 'A' }],
          },
        },
      ],
    };
    const found = errors(bundle);
    expect(found).toContainEqual(['required', 'Bundle.entry[0].resource.birthDate']);
    expect(found).toContainEqual(['required', 'Bundle.entry[0].resource.identifier']);
  });

  it('validates an extension against its compiled definition even where no profile slices it', () => {
    const kato = (code: string) => ({
      url: 'https://fhir.patronage.kz/StructureDefinition/kato',
      valueCoding: { system: 'https://fhir.patronage.kz/sid/kato', code },
    });
    const patient = (code: string) => ({
      resourceType: 'Patient',
      address: [{ city: 'Astana', extension: [kato(code)] }],
    });
    expect(errors(patient('101033102'))).toEqual([]);
    expect(errors(patient('10103310'))).toEqual([['invariant', 'Patient.address[0].extension[0]']]);
  });
});
