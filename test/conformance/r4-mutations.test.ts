/**
 * Mutation corpus: each case breaks one rule in a valid official example and names the exact
 * FHIRPath expression and issue code the validator must report. The unmutated examples are
 * checked to be valid first, so a case cannot pass because its input was already broken.
 */
import { describe, expect, it } from 'vitest';
import { loadExamples, readExample, validateExample } from './r4-examples.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Mutation {
  name: string;
  file: string;
  mutate: (r: Json) => void;
  expression: string;
  code: string;
}

const MUTATIONS: Mutation[] = [
  {
    name: 'code outside a required binding',
    file: 'Patient-example.json',
    mutate: (r) => (r.gender = 'x'),
    expression: 'Patient.gender',
    code: 'code-invalid',
  },
  {
    name: 'code outside a required binding, deep inside a backbone',
    file: 'CarePlan-example.json',
    mutate: (r) => (r.activity[0].detail.status = 'done'),
    expression: 'CarePlan.activity[0].detail.status',
    code: 'code-invalid',
  },
  {
    name: 'drop required status',
    file: 'Observation-blood-pressure.json',
    mutate: (r) => delete r.status,
    expression: 'Observation.status',
    code: 'required',
  },
  {
    name: 'drop required code in a component',
    file: 'Observation-blood-pressure.json',
    mutate: (r) => delete r.component[1].code,
    expression: 'Observation.component[1].code',
    code: 'required',
  },
  {
    name: 'number where a string is expected',
    file: 'Observation-blood-pressure.json',
    mutate: (r) => (r.component[1].valueQuantity.unit = 60),
    expression: 'Observation.component[1].valueQuantity.unit',
    code: 'structure',
  },
  {
    name: 'string where a decimal is expected',
    file: 'Observation-blood-pressure.json',
    mutate: (r) => (r.component[0].valueQuantity.value = '107'),
    expression: 'Observation.component[0].valueQuantity.value',
    code: 'structure',
  },
  {
    name: 'two value[x] types',
    file: 'Observation-blood-pressure.json',
    mutate: (r) => (r.component[0].valueString = 'high'),
    expression: 'Observation.component[0].valueString',
    code: 'structure',
  },
  {
    name: 'unknown element',
    file: 'Patient-example.json',
    mutate: (r) => (r.name[0].nickname = 'Pete'),
    expression: 'Patient.name[0].nickname',
    code: 'structure',
  },
  {
    name: 'unknown top-level element',
    file: 'Patient-example.json',
    mutate: (r) => (r.colour = 'blue'),
    expression: 'Patient.colour',
    code: 'structure',
  },
  {
    name: 'number in a string array',
    file: 'Patient-example.json',
    mutate: (r) => (r.name[0].given[1] = 7),
    expression: 'Patient.name[0].given[1]',
    code: 'structure',
  },
  {
    name: 'bad date format',
    file: 'Patient-example.json',
    mutate: (r) => (r.birthDate = '25-12-1974'),
    expression: 'Patient.birthDate',
    code: 'value',
  },
  {
    name: 'date that does not exist',
    file: 'Patient-example.json',
    mutate: (r) => (r.birthDate = '1974-02-30'),
    expression: 'Patient.birthDate',
    code: 'value',
  },
  {
    name: 'bad dateTime in a primitive extension',
    file: 'Patient-example.json',
    mutate: (r) => (r._birthDate.extension[0].valueDateTime = '1974-12-25 14:35'),
    expression: 'Patient._birthDate.extension[0].valueDateTime',
    code: 'value',
  },
  {
    name: 'array where single expected',
    file: 'Patient-example.json',
    mutate: (r) => (r.gender = ['male']),
    expression: 'Patient.gender',
    code: 'structure',
  },
  {
    name: 'single where array expected',
    file: 'Patient-example.json',
    mutate: (r) => (r.name = r.name[0]),
    expression: 'Patient.name',
    code: 'structure',
  },
  {
    name: 'null value',
    file: 'Patient-example.json',
    mutate: (r) => (r.active = null),
    expression: 'Patient.active',
    code: 'structure',
  },
  {
    name: 'empty array',
    file: 'Patient-example.json',
    mutate: (r) => (r.telecom = []),
    expression: 'Patient.telecom',
    code: 'structure',
  },
  {
    name: 'empty object',
    file: 'Patient-example.json',
    mutate: (r) => (r.contact[0].name = {}),
    expression: 'Patient.contact[0].name',
    code: 'structure',
  },
  {
    name: 'empty string',
    file: 'Patient-example.json',
    mutate: (r) => (r.address[0].city = ''),
    expression: 'Patient.address[0].city',
    code: 'value',
  },
  {
    name: 'misaligned _given',
    file: 'Patient-example.json',
    mutate: (r) => (r.name[0]._given = [null]),
    expression: 'Patient.name[0]._given',
    code: 'structure',
  },
  {
    name: 'bad id',
    file: 'Encounter-example.json',
    mutate: (r) => (r.id = 'no spaces allowed'),
    expression: 'Encounter.id',
    code: 'value',
  },
  {
    name: 'drop required class',
    file: 'Encounter-example.json',
    mutate: (r) => delete r.class,
    expression: 'Encounter.class',
    code: 'required',
  },
  {
    name: 'drop required activity detail status',
    file: 'CarePlan-example.json',
    mutate: (r) => delete r.activity[0].detail.status,
    expression: 'CarePlan.activity[0].detail.status',
    code: 'required',
  },
  {
    name: 'negative unsignedInt',
    file: 'Patient-example.json',
    mutate: (r) => (r.photo = [{ contentType: 'image/png', size: -1 }]),
    expression: 'Patient.photo[0].size',
    code: 'value',
  },
  {
    name: 'fraction in an integer',
    file: 'Patient-example.json',
    mutate: (r) => (r.multipleBirthInteger = 1.5),
    expression: 'Patient.multipleBirthInteger',
    code: 'value',
  },
  {
    name: 'string where an integer is expected',
    file: 'Questionnaire-f201.json',
    mutate: (r) => (r.item[0].maxLength = '10'),
    expression: 'Questionnaire.item[0].maxLength',
    code: 'structure',
  },
  {
    name: 'unknown type of a contained resource',
    file: 'CarePlan-example.json',
    mutate: (r) => (r.contained[0].resourceType = 'Gadget'),
    expression: 'CarePlan.contained[0].resourceType',
    code: 'structure',
  },
  {
    name: 'error inside a contained resource',
    file: 'CarePlan-example.json',
    mutate: (r) => (r.contained[0].status = 42),
    expression: 'CarePlan.contained[0].status',
    code: 'structure',
  },
];

describe('mutation corpus', () => {
  it.each([...new Set(MUTATIONS.map((m) => m.file))])('starts from a valid example: %s', (file) => {
    expect(validateExample(readExample(file)).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each(MUTATIONS.map((m) => [m.name, m] as const))('%s', (_name, m) => {
    const resource = readExample(m.file) as Json;
    m.mutate(resource);
    const issues = validateExample(resource as fhir4.Resource).filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.code, i.expression?.[0]])).toContainEqual([m.code, m.expression]);
  });
});

describe('systematic mutations of every covered example', () => {
  const examples = loadExamples()
    .filter((e) => e.resource.resourceType !== 'Bundle')
    .slice(0, 400);

  it('reports an unknown element at the exact path for every example', () => {
    for (const { file, resource } of examples) {
      const copy = { ...resource, unexpectedElement: true } as fhir4.Resource;
      const expressions = validateExample(copy).map((i) => i.expression?.[0]);
      expect(expressions, file).toContain(`${resource.resourceType}.unexpectedElement`);
    }
  });

  it('reports a wrong JSON type for the id of every example', () => {
    for (const { file, resource } of examples.filter((e) => e.resource.id)) {
      const copy = { ...resource, id: 12 } as unknown as fhir4.Resource;
      const issue = validateExample(copy).find((i) => i.expression?.[0] === `${resource.resourceType}.id`);
      expect(issue?.code, file).toBe('structure');
    }
  });
});
