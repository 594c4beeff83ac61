import { describe, expect, it } from 'vitest';
import type { Issue } from '../../fhir/outcome.js';
import { validateResource, type ValidateResourceOptions } from '../validate-resource.js';

const CORE = 'http://hl7.org/fhir/StructureDefinition/';
const BIRTH_PLACE = `${CORE}patient-birthPlace`;
const NATIONALITY = `${CORE}patient-nationality`;
const OWN_PREFIX = `${CORE}humanname-own-prefix`;
const KATO = 'https://fhir.patronage.kz/StructureDefinition/kato';
const PARTNER = 'https://partner.kz/fhir/StructureDefinition/favourite-colour';

const birthPlace = { url: BIRTH_PLACE, valueAddress: { city: 'Kyzylorda', country: 'KZ' } };

/** `[severity, code, expression]` of every issue except dom-6 (no narrative). */
function issues(resource: object, options: ValidateResourceOptions = {}): [string, string, string | undefined][] {
  return validateResource(resource as fhir4.Resource, options)
    .filter((i: Issue) => !i.message.startsWith('dom-6'))
    .map((i) => [i.severity, i.code, i.expression?.[0]]);
}

function messages(resource: object, options: ValidateResourceOptions = {}): string[] {
  return validateResource(resource as fhir4.Resource, options)
    .filter((i) => !i.message.startsWith('dom-6'))
    .map((i) => i.message);
}

describe('extension context', () => {
  it('accepts a core extension on the resource its context names', () => {
    expect(issues({ resourceType: 'Patient', extension: [birthPlace] })).toEqual([]);
  });

  it('refuses patient-birthPlace on an Observation (context Patient)', () => {
    const observation = { resourceType: 'Observation', status: 'final', code: { text: 'x' }, extension: [birthPlace] };
    expect(issues(observation)).toEqual([['error', 'structure', 'Observation.extension[0]']]);
    expect(messages(observation)[0]).toBe(
      `Extension ${BIRTH_PLACE} is not allowed on Observation; its context allows Patient`,
    );
  });

  it('refuses patient-birthPlace on an element of a Patient', () => {
    const patient = { resourceType: 'Patient', name: [{ family: 'Omarova', extension: [birthPlace] }] };
    expect(issues(patient)).toEqual([['error', 'structure', 'Patient.name[0].extension[0]']]);
    expect(messages(patient)[0]).toContain('not allowed on Patient.name (HumanName)');
  });

  it('matches a primitive context by the path in its datatype (HumanName.family) wherever the datatype is', () => {
    const ownPrefix = { extension: [{ url: OWN_PREFIX, valueString: 'van' }] };
    const onFamily = { resourceType: 'Patient', contact: [{ name: { family: 'Dijk', _family: ownPrefix } }] };
    expect(issues(onFamily)).toEqual([]);
    const onText = { resourceType: 'Patient', name: [{ text: 'van Dijk', _text: ownPrefix }] };
    expect(issues(onText)).toEqual([['error', 'structure', 'Patient.name[0]._text.extension[0]']]);
  });

  it('locates the element inside a Bundle entry by its own resource type', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        {
          fullUrl: 'urn:uuid:0f7b1a52-8f0c-4c3e-9d55-6a1f2b1c0a01',
          resource: { resourceType: 'Patient', extension: [birthPlace] },
        },
      ],
    };
    expect(issues(bundle)).toEqual([]);
    const moved = structuredClone(bundle) as { entry: { resource: Record<string, unknown> }[] };
    moved.entry[0]!.resource = { resourceType: 'Organization', name: 'x', extension: [birthPlace] };
    expect(issues(moved)).toEqual([['error', 'structure', 'Bundle.entry[0].resource.extension[0]']]);
  });

  it("applies the guide's extension contexts the same way (kato on Address)", () => {
    const kato = { url: KATO, valueCoding: { system: 'https://fhir.patronage.kz/sid/kato', code: '431010000' } };
    expect(issues({ resourceType: 'Patient', address: [{ city: 'Kyzylorda', extension: [kato] }] })).toEqual([]);
    expect(issues({ resourceType: 'Patient', extension: [kato] })).toEqual([
      ['error', 'structure', 'Patient.extension[0]'],
    ]);
  });
});

describe('extension value type, cardinality and nesting', () => {
  it('refuses a value of a type the definition does not allow', () => {
    const patient = { resourceType: 'Patient', extension: [{ url: BIRTH_PLACE, valueString: 'Kyzylorda' }] };
    expect(issues(patient)).toEqual([
      ['error', 'structure', 'Patient.extension[0].valueString'],
      ['error', 'required', 'Patient.extension[0].value[x]'],
    ]);
  });

  it('refuses a simple extension without a value', () => {
    const patient = {
      resourceType: 'Patient',
      extension: [{ url: BIRTH_PLACE, extension: [{ url: 'a', valueString: 'b' }] }],
    };
    expect(issues(patient)).toContainEqual(['error', 'required', 'Patient.extension[0].value[x]']);
    expect(issues(patient)).toContainEqual(['error', 'structure', 'Patient.extension[0].extension']);
  });

  it('refuses an extension repeated beyond its root cardinality (birthPlace 0..1)', () => {
    const patient = { resourceType: 'Patient', extension: [birthPlace, birthPlace] };
    expect(issues(patient)).toEqual([['error', 'structure', 'Patient.extension[1]']]);
    expect(messages(patient)[0]).toBe(`Extension ${BIRTH_PLACE} may appear at most 1 time(s) on Patient`);
  });

  it('checks the parts of a complex extension (nationality: code 0..1 CodeableConcept)', () => {
    const code = { url: 'code', valueCodeableConcept: { text: 'KZ' } };
    expect(issues({ resourceType: 'Patient', extension: [{ url: NATIONALITY, extension: [code] }] })).toEqual([]);
    const twice = { resourceType: 'Patient', extension: [{ url: NATIONALITY, extension: [code, code] }] };
    expect(issues(twice)).toEqual([['error', 'structure', 'Patient.extension[0].extension']]);
    const wrongType = {
      resourceType: 'Patient',
      extension: [{ url: NATIONALITY, extension: [{ url: 'code', valueString: 'KZ' }] }],
    };
    expect(issues(wrongType)).toContainEqual(['error', 'structure', 'Patient.extension[0].extension[0].valueString']);
    const withValue = { resourceType: 'Patient', extension: [{ url: NATIONALITY, valueString: 'KZ' }] };
    expect(issues(withValue)).toEqual([['error', 'structure', 'Patient.extension[0].value[x]']]);
  });

  it('refuses a modifier extension used as an extension, and the reverse', () => {
    const modifier = { url: `${CORE}request-doNotPerform`, valueBoolean: true };
    const request = { resourceType: 'CarePlan', status: 'draft', intent: 'plan', subject: { display: 'x' } };
    const misplaced = { ...request, extension: [modifier] };
    expect(issues(misplaced)).toContainEqual(['error', 'structure', 'CarePlan.extension[0]']);
    const asModifier = { resourceType: 'Patient', modifierExtension: [birthPlace] };
    expect(issues(asModifier)).toEqual([['error', 'structure', 'Patient.modifierExtension[0]']]);
  });
});

describe('unknown extensions', () => {
  const patient = { resourceType: 'Patient', extension: [{ url: PARTNER, valueString: 'green' }] };

  it('are errors by default, as in HL7 validator', () => {
    expect(issues(patient)).toEqual([['error', 'not-supported', 'Patient.extension[0]']]);
  });

  it('are warnings or nothing when so configured', () => {
    expect(issues(patient, { unknownExtension: 'warning' })).toEqual([
      ['warning', 'not-supported', 'Patient.extension[0]'],
    ]);
    expect(issues(patient, { unknownExtension: 'ignore' })).toEqual([]);
  });

  it('are errors as modifier extensions under every policy', () => {
    const modifier = { resourceType: 'Patient', modifierExtension: [{ url: PARTNER, valueString: 'green' }] };
    for (const unknownExtension of ['error', 'warning', 'ignore'] as const) {
      expect(issues(modifier, { unknownExtension })).toEqual([
        ['error', 'not-supported', 'Patient.modifierExtension[0]'],
      ]);
    }
  });

  it('are found on primitives and inside complex extensions too', () => {
    const onPrimitive = {
      resourceType: 'Patient',
      birthDate: '2024-01-01',
      _birthDate: { extension: [{ url: PARTNER, valueString: 'x' }] },
    };
    expect(issues(onPrimitive)).toEqual([['error', 'not-supported', 'Patient._birthDate.extension[0]']]);
  });

  it('leave relative URLs (parts of a complex extension) to the definition', () => {
    expect(issues({ resourceType: 'Patient', extension: [{ url: 'colour', valueString: 'x' }] })).toEqual([]);
  });

  it('on example domains are errors outside examples, under every policy', () => {
    for (const url of ['http://example.org/fhir/x', 'https://www.example.com/x', 'http://acme.com/x']) {
      const resource = { resourceType: 'Patient', extension: [{ url, valueString: 'x' }] };
      for (const unknownExtension of ['error', 'warning', 'ignore'] as const) {
        expect(issues(resource, { unknownExtension })).toEqual([['error', 'invalid', 'Patient.extension[0]']]);
      }
      expect(issues(resource, { example: true })).toEqual([]);
    }
    expect(
      issues({ resourceType: 'Patient', extension: [{ url: 'http://notexample.org/x', valueString: 'x' }] }),
    ).toEqual([['error', 'not-supported', 'Patient.extension[0]']]);
  });

  it("accept DICOM's attribute URLs (nema.org) without a definition, as HL7's validator does", () => {
    const resource = {
      resourceType: 'Patient',
      extension: [{ url: 'http://nema.org/fhir/extensions#0010:1010', valueString: '052Y' }],
    };
    expect(issues(resource)).toEqual([]);
  });
});
