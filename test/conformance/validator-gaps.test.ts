/**
 * Known gaps of the compiled validator, kept visible: each test states what a correct validator
 * does and fails today (it.fails) until the gap is closed; closed gaps stay as plain tests.
 */
import { describe, expect, it } from 'vitest';
import { compileProfile } from '../../scripts/profile-model/compile-profile.js';
import { ProfileConstraints } from '../../scripts/profile-model/profile-extras.js';
import { validateResource } from '../../src/validation/validate-resource.js';
import { readExample } from './r4-examples.js';

describe('known gaps', () => {
  // Closed: re-slices compile under their slice (see profile-reslicing.test.ts).
  it('re-slicing (a slice of a slice, id "identifier:a/b") is compiled', () => {
    const el = (id: string, extra: Partial<fhir4.ElementDefinition> = {}): fhir4.ElementDefinition => ({
      id,
      path: id.replace(/:[^.]*/g, ''),
      min: 0,
      max: '*',
      base: { path: id.replace(/:[^.]*/g, ''), min: 0, max: '*' },
      ...extra,
    });
    const slicing = { discriminator: [{ type: 'value' as const, path: 'system' }], rules: 'open' as const };
    const sd = {
      resourceType: 'StructureDefinition',
      url: 'http://example.org/StructureDefinition/resliced',
      type: 'Patient',
      kind: 'resource',
      derivation: 'constraint',
      snapshot: {
        element: [
          el('Patient'),
          el('Patient.identifier', { slicing }),
          el('Patient.identifier:a', {
            sliceName: 'a',
            slicing: { ...slicing, discriminator: [{ type: 'value', path: 'use' }] },
          }),
          el('Patient.identifier:a.system', { fixedUri: 'http://example.org/a' }),
          el('Patient.identifier:a/b', { sliceName: 'a/b', min: 1 }),
          el('Patient.identifier:a/b.use', { fixedCode: 'official' }),
        ],
      },
    } as unknown as fhir4.StructureDefinition;
    const ctx = { registry: new ProfileConstraints({}), baseBinding: () => undefined, valueSets: new Set<string>() };
    const nodes = compileProfile(sd, ctx);
    expect(JSON.stringify([...nodes.values()])).toContain('"n":"a/b"');
  });

  // Closed: HL7 core profiles of the served types are compiled (see r4-core-profiles.test.ts).
  it('a claim of an HL7 core profile (vitalsigns, bp…) is validated, not an unknown profile', () => {
    const bloodPressure = readExample('Observation-blood-pressure.json');
    expect(validateResource(bloodPressure).filter((i) => i.code === 'not-supported')).toEqual([]);
  });

  // Closed: a contained or same-Bundle target is checked (see profile-target-references.test.ts).
  it('a reference is checked against a targetProfile of the guide, not only its type', () => {
    const encounter = {
      resourceType: 'Encounter',
      meta: { profile: ['https://fhir.patronage.kz/StructureDefinition/kz-patronage-encounter'] },
      status: 'finished',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
      contained: [{ resourceType: 'Organization', id: 'o', name: 'No BIN' }],
      serviceProvider: { reference: '#o' },
    };
    const issues = validateResource(encounter as fhir4.Resource).map((i) => i.expression?.[0]);
    expect(issues).toContain('Encounter.serviceProvider');
  });
});
