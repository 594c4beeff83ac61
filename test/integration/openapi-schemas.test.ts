// The JSON Schemas of /openapi.json (issue 16), checked with ajv (draft 2020-12, the dialect of
// OpenAPI 3.1) against real resources: the guide's examples and the demo data must pass their
// type's and profiles' schemas; the guide's invalid examples whose faults are structural (a
// missing or extra element, a wrong fixed value or type, a code outside a small required value
// set) must fail them; and wherever a schema refuses a resource, $validate refuses it too.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_RESOURCES } from '../../src/demo/demo-resources.js';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import { profileSchemaName } from '../../src/openapi/resource-schemas.js';
import { useNodeServer } from './fhir-client.js';

type Json = Record<string, unknown> & { resourceType: string; meta?: { profile?: string[] } };

const served = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });
const GUIDE = new URL('../../profiles/fsh-generated/resources/', import.meta.url).pathname;
const INVALID = new URL('../../profiles/examples-invalid/', import.meta.url).pathname;
const DOCUMENT_ID = 'https://gateway.test/openapi.json';

let openapi: OpenApiDocument;
let ajv: Ajv2020;
const compiled = new Map<string, ValidateFunction>();

/** The validator of component `name` of the served document. */
function schema(name: string): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/${name}` });
    compiled.set(name, validate);
  }
  return validate;
}

function errorsOf(validate: ValidateFunction): string {
  return JSON.stringify(validate.errors?.slice(0, 3));
}

const guideExamples = readdirSync(GUIDE)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(`${GUIDE}${file}`, 'utf8')) as Json);

interface InvalidExample {
  id: string;
  profile: string;
  resource: Json;
  expectedIssues: { severity: string; code: string }[];
}
const invalidExamples = readdirSync(INVALID)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(`${INVALID}${file}`, 'utf8')) as InvalidExample);

/** Faults a JSON Schema can see; invariants (FHIRPath rules) are for $validate alone. */
const STRUCTURAL = new Set(['structure', 'required', 'value']);

beforeAll(async () => {
  const response = await fetch(`${new URL(served.server.baseUrl).origin}/openapi.json`);
  openapi = (await response.json()) as OpenApiDocument;
  // strict off: OpenAPI annotations such as externalDocs are not JSON Schema keywords.
  ajv = new Ajv2020({ strict: false });
  ajv.addSchema({ $id: DOCUMENT_ID, components: openapi.components });
});

describe('/openapi.json schemas against real resources', () => {
  it("accepts each example of the guide under its type's schema and each profile it claims", () => {
    let checked = 0;
    for (const resource of guideExamples) {
      if (!Object.hasOwn(openapi.components.schemas, resource.resourceType)) continue;
      const names = [resource.resourceType, ...(resource.meta?.profile ?? []).map(profileSchemaName)];
      for (const name of names) {
        expect(openapi.components.schemas, name).toHaveProperty(name);
        const validate = schema(name);
        expect(
          validate(resource),
          `${resource.resourceType}/${String(resource.id)} as ${name}: ${errorsOf(validate)}`,
        ).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it("accepts the demo data under its types' schemas", () => {
    for (const resource of DEMO_RESOURCES) {
      const validate = schema(resource.resourceType);
      expect(validate(resource), `${resource.resourceType}/${resource.id}: ${errorsOf(validate)}`).toBe(true);
    }
  });

  it('refuses each invalid example of the guide whose fault is structural, under its profile', () => {
    const structural = invalidExamples.filter((e) =>
      e.expectedIssues.some((i) => i.severity === 'error' && STRUCTURAL.has(i.code)),
    );
    expect(structural.length).toBeGreaterThan(50);
    for (const example of structural) {
      expect(schema(profileSchemaName(example.profile))(example.resource), example.id).toBe(false);
    }
  });

  it('refuses a wrong JSON type, an array for a single value, an unknown element and two types of one choice', () => {
    const patient = guideExamples.find((r) => r.resourceType === 'Patient')!;
    const broken: [string, Json][] = [
      ['birthDate as a number', { ...patient, birthDate: 20240105 }],
      ['gender as an array', { ...patient, gender: ['female'] }],
      ['gender outside its required value set', { ...patient, gender: 'girl' }],
      ['an unknown element', { ...patient, nickname: 'Aru' }],
      ['two types of deceased[x]', { ...patient, deceasedBoolean: false, deceasedDateTime: '2024-01-01' }],
      ['an empty array', { ...patient, name: [] }],
      ['another resource type', { ...patient, resourceType: 'Person' }],
    ];
    expect(schema('Patient')(patient)).toBe(true);
    for (const [fault, resource] of broken) expect(schema('Patient')(resource), fault).toBe(false);
  });

  it("refuses what a profile adds: a missing required element, a wrong fixed code, a required slice's absence", () => {
    const patient = guideExamples.find((r) => r.meta?.profile?.includes(KZ_PATIENT))!;
    const { birthDate: _birthDate, ...noBirthDate } = patient;
    // Valid for base R4 (birthDate is optional there), not for the guide's patient.
    expect(schema('Patient')(noBirthDate)).toBe(true);
    expect(schema('profile-kz-patient')(noBirthDate)).toBe(false);
    // A birth weight with another LOINC code than the profile fixes.
    const weight = guideExamples.find((r) => r.meta?.profile?.includes(`${GUIDE_BASE}/kz-birth-weight`))!;
    const wrongCode = structuredClone(weight) as Json & { code: { coding: { code: string }[] } };
    wrongCode.code.coding[0]!.code = '29463-7';
    expect(schema('profile-kz-birth-weight')(weight)).toBe(true);
    expect(schema('Observation')(wrongCode)).toBe(true);
    expect(schema('profile-kz-birth-weight')(wrongCode)).toBe(false);
  });
});

const GUIDE_BASE = 'https://fhir.patronage.kz/StructureDefinition';
const KZ_PATIENT = `${GUIDE_BASE}/kz-patient`;

describe('a schema never refuses what $validate accepts', () => {
  it('holds for the demo data under every profile of its type', async () => {
    const statement = (await served.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const entries = statement.rest![0]!.resource!;
    let refused = 0;
    for (const resource of DEMO_RESOURCES) {
      const profiles = entries.find((e) => e.type === resource.resourceType)?.supportedProfile ?? [];
      for (const profile of profiles) {
        const accepted: boolean = schema(profileSchemaName(profile))(resource);
        if (accepted) continue;
        refused++;
        const response = await fetch(
          `${served.server.baseUrl}/${resource.resourceType}/$validate?profile=${encodeURIComponent(profile)}`,
          { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(resource) },
        );
        const outcome = (await response.json()) as fhir4.OperationOutcome;
        const errors = outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal');
        expect(errors.length, `${resource.resourceType}/${resource.id} as ${profile}`).toBeGreaterThan(0);
      }
    }
    // The demo data claims no profile: most profiles of its types refuse it, which makes this a real check.
    expect(refused).toBeGreaterThan(5);
  });
});
