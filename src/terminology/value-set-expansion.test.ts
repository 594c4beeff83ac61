import { describe, expect, it } from 'vitest';
import { igResources } from '../ig/ig-resources.js';
import { ExpansionNotSupportedError, expandValueSet, type TerminologySource } from './value-set-expansion.js';

const CS_URL = 'urn:test:cs';
const CODE_SYSTEM: fhir4.CodeSystem = {
  resourceType: 'CodeSystem',
  status: 'draft',
  content: 'complete',
  url: CS_URL,
  version: '2',
  concept: [
    {
      code: 'top',
      display: 'Top',
      concept: [
        { code: 'mid', display: 'Mid', concept: [{ code: 'leaf', display: 'Leaf' }] },
        { code: 'other', display: 'Other', property: [{ code: 'colour', valueCode: 'red' }] },
      ],
    },
    { code: 'alone', display: 'Alone', property: [{ code: 'colour', valueCode: 'blue' }] },
  ],
};

function sourceOf(
  valueSets: fhir4.ValueSet[] = [],
  codeSystems: fhir4.CodeSystem[] = [CODE_SYSTEM],
): TerminologySource {
  return {
    codeSystem: async (url) => codeSystems.find((cs) => cs.url === url),
    valueSet: async (url) => valueSets.find((vs) => vs.url === url),
  };
}

function valueSet(compose: fhir4.ValueSetCompose, url?: string): fhir4.ValueSet {
  return { resourceType: 'ValueSet', status: 'draft', compose, ...(url ? { url } : {}) };
}

async function codes(vs: fhir4.ValueSet, source = sourceOf()): Promise<string[]> {
  return (await expandValueSet(vs, source)).map((c) => c.code);
}

describe('expandValueSet', () => {
  it('takes every concept of a held CodeSystem, nested ones after their parent, with its version', async () => {
    const expanded = await expandValueSet(valueSet({ include: [{ system: CS_URL }] }), sourceOf());
    expect(expanded.map((c) => c.code)).toEqual(['top', 'mid', 'leaf', 'other', 'alone']);
    expect(expanded[0]).toEqual({ system: CS_URL, version: '2', code: 'top', display: 'Top' });
  });

  it('applies hierarchy and property filters', async () => {
    const filtered = (op: fhir4.ValueSetComposeIncludeFilter['op'], value: string, property = 'concept') =>
      codes(valueSet({ include: [{ system: CS_URL, filter: [{ property, op, value }] }] }));
    expect(await filtered('is-a', 'mid')).toEqual(['mid', 'leaf']);
    expect(await filtered('descendent-of', 'top')).toEqual(['mid', 'leaf', 'other']);
    expect(await filtered('is-not-a', 'top')).toEqual(['alone']);
    expect(await filtered('in', 'leaf, alone')).toEqual(['leaf', 'alone']);
    expect(await filtered('=', 'blue', 'colour')).toEqual(['alone']);
  });

  it('removes the excludes and intersects an include with the ValueSets it imports', async () => {
    const imported = valueSet(
      { include: [{ system: CS_URL, concept: [{ code: 'leaf' }, { code: 'alone' }] }] },
      'urn:test:vs',
    );
    const source = sourceOf([imported]);
    const vs = valueSet({
      include: [
        { system: CS_URL, filter: [{ property: 'concept', op: 'is-a', value: 'top' }], valueSet: ['urn:test:vs'] },
      ],
    });
    expect(await codes(vs, source)).toEqual(['leaf']);
    const excluding = valueSet({
      include: [{ valueSet: ['urn:test:vs|1'] }],
      exclude: [{ system: CS_URL, concept: [{ code: 'alone' }] }],
    });
    expect(await codes(excluding, source)).toEqual(['leaf']);
  });

  it('expands enumerated concepts of a system it does not hold, and refuses a code its held system lacks', async () => {
    const snomed = valueSet({
      include: [{ system: 'http://snomed.info/sct', concept: [{ code: '1', display: 'One' }] }],
    });
    expect(await expandValueSet(snomed, sourceOf())).toEqual([
      { system: 'http://snomed.info/sct', code: '1', display: 'One' },
    ]);
    const wrong = valueSet({ include: [{ system: CS_URL, concept: [{ code: 'nope' }] }] });
    await expect(expandValueSet(wrong, sourceOf())).rejects.toMatchObject({
      element: 'ValueSet.compose.include[0].concept[0].code',
    });
  });

  it('names the part it cannot expand: a whole external system, an external filter, an unsupported filter, a cycle', async () => {
    const cases: [fhir4.ValueSetComposeInclude, string][] = [
      [{ system: 'http://loinc.org' }, 'ValueSet.compose.include[0].system'],
      [
        { system: 'http://loinc.org', filter: [{ property: 'CLASS', op: '=', value: 'X' }] },
        'ValueSet.compose.include[0].filter',
      ],
      [
        { system: CS_URL, filter: [{ property: 'concept', op: 'regex', value: '.*' }] },
        'ValueSet.compose.include[0].filter[0]',
      ],
    ];
    for (const [include, element] of cases) {
      const thrown = await expandValueSet(valueSet({ include: [include] }), sourceOf()).catch((e: unknown) => e);
      expect(thrown).toBeInstanceOf(ExpansionNotSupportedError);
      expect((thrown as ExpansionNotSupportedError).element).toBe(element);
    }
    const cyclic = valueSet({ include: [{ valueSet: ['urn:test:self'] }] }, 'urn:test:self');
    await expect(expandValueSet(cyclic, sourceOf([cyclic]))).rejects.toBeInstanceOf(ExpansionNotSupportedError);
  });

  it('gives the codes of a ValueSet that has only an expansion', async () => {
    const expanded: fhir4.ValueSet = {
      resourceType: 'ValueSet',
      status: 'draft',
      expansion: {
        timestamp: '2026-01-01',
        contains: [{ abstract: true, display: 'group', contains: [{ system: CS_URL, code: 'leaf' }] }],
      },
    };
    expect(await codes(expanded)).toEqual(['leaf']);
  });

  it('expands every ValueSet of the guide whose systems the guide holds or enumerates', async () => {
    const guide = igResources();
    const source = sourceOf(
      guide.flatMap((r) => (r.resourceType === 'ValueSet' ? [r] : [])),
      guide.flatMap((r) => (r.resourceType === 'CodeSystem' ? [r] : [])),
    );
    for (const vs of guide.flatMap((r) => (r.resourceType === 'ValueSet' ? [r] : []))) {
      const expanded = await expandValueSet(vs, source);
      expect(expanded.length, vs.url).toBeGreaterThan(0);
    }
  });
});
