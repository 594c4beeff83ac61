/**
 * Every official R4 example of a covered type validates with no error, except the known-bad
 * examples listed here with the reason and the issue they must still produce.
 */
import { describe, expect, it } from 'vitest';
import { loadExamples, validateExample } from './r4-examples.js';

/** Official examples that break base R4 rules, with the expression of the (expected) error. */
const KNOWN_BAD: Record<string, { reason: string; expression: string }> = {
  'Questionnaire-qs1.json': {
    reason: 'nested items carry no linkId, which Questionnaire.item.linkId (1..1) requires',
    expression: 'Questionnaire.item[0].item[0].linkId',
  },
  'Observation-clinical-gender.json': {
    reason: 'performer references an Encounter; Observation.performer allows Practitioner, Organization, Patient… only',
    expression: 'Observation.performer[0].reference',
  },
  'Bundle-dataelements.json': {
    reason: 'bdl-7: several entries share a fullUrl (de-Quantity.value …) without distinct meta.versionId',
    expression: 'Bundle',
  },
  'Questionnaire-zika-virus-exposure-assessment.json': {
    reason: 'txt-2: the narrative is an empty <pre> with no non-whitespace content',
    expression: 'Questionnaire.text.div',
  },
  // Extensions used where their own definition's context does not allow them, or not defined in
  // R4 at all (the rules of decision 018, which HL7's validator applies too). R4's own definitions
  // misplace three more (fhir-type, regex, normative-version); gen:extensions widens those.
  'Bundle-valueset-expansions.json': {
    reason: 'translation on ValueSet.expansion.contains; its context is string, code, markdown',
    expression: 'Bundle.entry[47].resource.expansion.contains[0].extension[0]',
  },
  'Bundle-valuesets.json': {
    reason: 'valueset-concept-comments on CodeSystem.concept; its context is ValueSet.compose.include.concept',
    expression: 'Bundle.entry[435].resource.concept[180].extension[0]',
  },
  'CodeSystem-dicom-dcim.json': {
    reason: 'valueset-concept-comments on CodeSystem.concept; its context is ValueSet.compose.include.concept',
    expression: 'CodeSystem.concept[180].extension[0]',
  },
  'Observation-example-genetics-brcapat.json': {
    reason: "uses US Core's us-core-ethnicity extension, which neither R4 nor the guide defines",
    expression: 'Observation.extension[1]',
  },
  ...Object.fromEntries(
    ['Definition', 'Event', 'FiveWs', 'Request'].map((name) => [
      `StructureDefinition-${name}.json`,
      {
        reason: 'sdf-4: a logical model that is not abstract and has no baseDefinition',
        expression: 'StructureDefinition',
      },
    ]),
  ),
};

/**
 * Examples that claim a profile this server does not compile: validated with unknown profiles as
 * warnings. Every other example runs with the server's default (an unknown claim is an error).
 */
const CLAIMS_UNKNOWN_PROFILE: Record<string, string> = {
  'Bundle-ussg-fht.json': 'claims the US SDC profiles sdc-valueset and sdc-questionnaire (another guide)',
  'Bundle-valueset-expansions.json': 'claims valueset-endpoint-connection-type, which R4 does not define',
  'Bundle-valuesets.json': 'claims valueset-endpoint-* and provenance-history-* profiles, which R4 does not define',
  'ValueSet-endpoint-connection-type.json': 'claims valueset-endpoint-connection-type, which R4 does not define',
  'ValueSet-endpoint-payload-type.json': 'claims valueset-endpoint-payload-type, which R4 does not define',
  'ValueSet-provenance-history-agent-type.json': 'claims provenance-history-agent-role, which R4 does not define',
  'ValueSet-provenance-history-record-activity.json':
    'claims provenance-history-record-activity, which R4 does not define',
};

const CORE_PROFILE = /^http:\/\/hl7\.org\/fhir\/StructureDefinition\/[a-z]/;

const examples = loadExamples();

function validate(file: string, resource: fhir4.Resource) {
  return validateExample(resource, { unknownProfile: CLAIMS_UNKNOWN_PROFILE[file] ? 'warning' : 'error' });
}

describe('official R4 examples', () => {
  it('covers thousands of examples, Bundles included', () => {
    expect(examples.length).toBeGreaterThan(3000);
    expect(examples.some((e) => e.resource.resourceType === 'Bundle')).toBe(true);
  });

  it('validates dozens of examples against the HL7 core profiles they claim (vitalsigns, bp…)', () => {
    const claiming = examples.filter((e) => e.resource.meta?.profile?.some((p) => CORE_PROFILE.test(p)));
    expect(claiming.length).toBeGreaterThan(30);
    expect(claiming.map((e) => e.file)).toContain('Observation-blood-pressure.json');
  });

  it.each(Object.entries(CLAIMS_UNKNOWN_PROFILE))('%s still claims an unknown profile (%s)', (file) => {
    const example = examples.find((e) => e.file === file);
    expect(example, `${file} is in the package`).toBeDefined();
    const unknown = validateExample(example!.resource).filter((i) => i.message.includes('is not known to this server'));
    expect(unknown.length).toBeGreaterThan(0);
  });

  it.each(examples.filter((e) => !KNOWN_BAD[e.file]).map((e) => [e.file, e.resource] as const))(
    '%s validates without errors',
    (file, resource) => {
      const errors = validate(file, resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
      expect(errors).toEqual([]);
    },
  );

  it.each(Object.entries(KNOWN_BAD))('known-bad %s is rejected (%o)', (file, { expression }) => {
    const example = examples.find((e) => e.file === file);
    expect(example, `${file} is in the package`).toBeDefined();
    const expressions = validateExample(example!.resource).flatMap((i) => i.expression ?? []);
    expect(expressions).toContain(expression);
  });
});
