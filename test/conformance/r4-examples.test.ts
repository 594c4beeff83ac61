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

const examples = loadExamples();

describe('official R4 examples', () => {
  it('covers thousands of examples, Bundles included', () => {
    expect(examples.length).toBeGreaterThan(3000);
    expect(examples.some((e) => e.resource.resourceType === 'Bundle')).toBe(true);
  });

  it.each(examples.filter((e) => !KNOWN_BAD[e.file]).map((e) => [e.file, e.resource] as const))(
    '%s validates without errors',
    (_file, resource) => {
      const errors = validateExample(resource).filter((i) => i.severity === 'error' || i.severity === 'fatal');
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
