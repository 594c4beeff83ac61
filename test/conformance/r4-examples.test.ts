/**
 * Every official R4 example, of every R4 resource type (stored here or not: `$validate` takes them
 * all), validates with no error, except the known-bad examples listed here with the reason and
 * the issue they must still produce.
 */
import { describe, expect, it } from 'vitest';
import { ALL_R4_TYPES, loadExamples, validateExample } from './r4-examples.js';

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
  'ImplementationGuide-fhir.json': {
    reason: 'name and status (both 1..1) are missing',
    expression: 'ImplementationGuide.name',
  },
  'ActivityDefinition-blood-tubes-supply.json': {
    reason: 'txt-2: the narrative div holds only whitespace',
    expression: 'ActivityDefinition.text.div',
  },
  'ActivityDefinition-heart-valve-replacement.json': {
    reason: 'txt-2: the narrative div holds only whitespace',
    expression: 'ActivityDefinition.text.div',
  },
  'EventDefinition-example.json': {
    reason: 'txt-2: the narrative div holds only whitespace',
    expression: 'EventDefinition.text.div',
  },
  'DeviceMetric-example.json': {
    reason: 'parent references a DeviceDefinition; DeviceMetric.parent allows Device only',
    expression: 'DeviceMetric.parent.reference',
  },
  'DeviceUseStatement-example.json': {
    reason: 'reasonReference names a Procedure, which DeviceUseStatement.reasonReference does not allow',
    expression: 'DeviceUseStatement.reasonReference[0].reference',
  },
  'MedicationRequest-medrx0301.json': {
    reason: 'dispenseRequest.performer references a Practitioner; R4 allows Organization only',
    expression: 'MedicationRequest.dispenseRequest.performer.reference',
  },
  'OrganizationAffiliation-orgrole1.json': {
    reason: "network references '…/Network/patriotppo': Network is not an R4 type, Organization is required",
    expression: 'OrganizationAffiliation.network[0].reference',
  },
  'SearchParameter-questionnaireresponse-extensions-QuestionnaireResponse-item-subject.json': {
    reason: 'the id is 73 characters; an R4 id has at most 64',
    expression: 'SearchParameter.id',
  },
  ...Object.fromEntries(
    ['author', 'effective', 'end', 'keyword', 'workflow'].flatMap((code) =>
      ['CodeSystem', 'ValueSet'].map((type) => [
        `SearchParameter-${type.toLowerCase()}-extensions-${type}-${code}.json`,
        { reason: 'base (1..1, the resource types searched) is missing', expression: 'SearchParameter.base' },
      ]),
    ),
  ),
  // Units given with system http://unitsofmeasure.org that UCUM does not define (case-sensitive
  // UCUM spells them {tbl}, mL/h, meq, ug, mo, [drp]…; 'ea', 'TAB' and 'tbl' are not units at all).
  ...ucumCases({
    'Bundle-father.json': 'Bundle.entry[5].resource.dosageInstruction[0].doseAndRate[0].doseQuantity.code',
    'Claim-760151.json': 'Claim.item[0].quantity.code',
    'Claim-760152.json': 'Claim.item[0].quantity.code',
    'MedicationDispense-meddisp0309.json': 'MedicationDispense.dosageInstruction[0].doseAndRate[0].doseQuantity.code',
    'MedicationDispense-meddisp0313.json': 'MedicationDispense.contained[0].ingredient[0].strength.numerator.code',
    'MedicationDispense-meddisp0318.json': 'MedicationDispense.dosageInstruction[0].doseAndRate[0].doseQuantity.code',
    ...Object.fromEntries(
      ['0324', '0327', '0328', '0329'].map((n) => [
        `MedicationDispense-meddisp${n}.json`,
        'MedicationDispense.dosageInstruction[0].doseAndRate[0].doseQuantity.code',
      ]),
    ),
    ...Object.fromEntries(
      ['0304', '0314', '0325', '0326', '0328', '0329', '0334', '0335'].map((n) => [
        `MedicationRequest-medrx${n}.json`,
        'MedicationRequest.dosageInstruction[0].doseAndRate[0].doseQuantity.code',
      ]),
    ),
    'MedicationRequest-medrx0319.json': 'MedicationRequest.dosageInstruction[0].doseAndRate[0].rateQuantity.code',
    'MedicationRequest-medrx0322.json': 'MedicationRequest.contained[0].ingredient[0].strength.numerator.code',
    'VisionPrescription-33124.json': 'VisionPrescription.lensSpecification[0].duration.code',
  }),
  // fullUrl says one id, the resource another.
  'Bundle-10bb101f-a121-4264-a920-67be9cb82c74.json': {
    reason: "fullUrl '…/Patient/pat12' holds Patient/pat2",
    expression: 'Bundle.entry[2].fullUrl',
  },
  'Bundle-3a0707d3-549e-4467-b8b8-5a2ab3800efe.json': {
    reason: "fullUrl '…/Patient/pat12' holds Patient/pat2",
    expression: 'Bundle.entry[3].fullUrl',
  },
  'Bundle-lri-example.json': {
    reason: "fullUrl '…/Observation/lri-gramstain1' holds Observation/gramstain1",
    expression: 'Bundle.entry[1].fullUrl',
  },
  // Extensions used where their own definition's context does not allow them, or not defined in
  // R4 at all (the rules of decision 018, which HL7's validator applies too). R4's own definitions
  // misplace three more (fhir-type, regex, normative-version); gen:extensions widens those.
  'Basic-referral.json': {
    reason: 'modifierExtensions on example.org URLs that nothing defines: an unknown modifier changes the meaning',
    expression: 'Basic.modifierExtension[0]',
  },
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

function ucumCases(cases: Record<string, string>): Record<string, { reason: string; expression: string }> {
  return Object.fromEntries(
    Object.entries(cases).map(([file, expression]) => [
      file,
      { reason: 'a unit with system UCUM that is not a UCUM code', expression },
    ]),
  );
}

const CORE_PROFILE = /^http:\/\/hl7\.org\/fhir\/StructureDefinition\/[a-z]/;

const examples = loadExamples(ALL_R4_TYPES);

function validate(file: string, resource: fhir4.Resource) {
  return validateExample(resource, { unknownProfile: CLAIMS_UNKNOWN_PROFILE[file] ? 'warning' : 'error' });
}

describe('official R4 examples', () => {
  it('covers the examples of every R4 resource type, Bundles included', () => {
    expect(examples.length).toBeGreaterThan(5000);
    // 140 types have examples; Parameters and five Substance* types have none.
    expect(new Set(examples.map((e) => e.resource.resourceType)).size).toBe(140);
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
