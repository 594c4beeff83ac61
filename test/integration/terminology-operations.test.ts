/**
 * The terminology operations over HTTP with fhir-kit-client on the real Node server:
 * `ValueSet/$expand`, `ValueSet/$validate-code`, `CodeSystem/$lookup` and `ConceptMap/$translate`,
 * GET and POST, over the guide's content and over resources stored on the server. Expected
 * values are read from the guide's resources, not copied into the test.
 * @see https://hl7.org/fhir/R4/terminology-service.html
 */
import type { Client } from 'fhir-kit-client';
import { describe, expect, it } from 'vitest';
import { igResources } from '../../src/ig/ig-resources.js';
import { expectOutcome, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

type OperationCall = Parameters<Client['operation']>[0];

function guide<T extends 'CodeSystem' | 'ValueSet' | 'ConceptMap'>(type: T, id: string) {
  const found = igResources().find((r) => r.resourceType === type && r.id === id);
  if (!found) throw new Error(`the guide has no ${type}/${id}`);
  return found as unknown as Extract<fhir4.FhirResource, { resourceType: T }> & { url: string };
}

function run<T>(call: Omit<OperationCall, 'input'> & { input?: object }): Promise<T> {
  return gateway.client.operation(call as OperationCall) as unknown as Promise<T>;
}

function get<T>(resourceType: string, name: string, input: Record<string, string>, id?: string): Promise<T> {
  return run<T>({ resourceType, name, method: 'GET', input, ...(id !== undefined ? { id } : {}) });
}

function parameters(...parameter: fhir4.ParametersParameter[]): fhir4.Parameters {
  return { resourceType: 'Parameters', parameter };
}

function param(out: fhir4.Parameters, name: string): fhir4.ParametersParameter | undefined {
  return out.parameter?.find((p) => p.name === name);
}

function designation(concept: fhir4.CodeSystemConcept | undefined, language: string): string | undefined {
  return concept?.designation?.find((d) => d.language === language)?.value;
}

function allConcepts(concepts: readonly fhir4.CodeSystemConcept[]): fhir4.CodeSystemConcept[] {
  return concepts.flatMap((c) => [c, ...allConcepts(c.concept ?? [])]);
}

const DANGER_SIGNS = guide('CodeSystem', 'danger-sign');
const DANGER_SIGN_VS = guide('ValueSet', 'danger-sign');

describe('ValueSet/$expand', () => {
  it('expands a guide ValueSet by url, displayed in Russian from the CodeSystem designations', async () => {
    const expanded = await get<fhir4.ValueSet>('ValueSet', '$expand', {
      url: DANGER_SIGN_VS.url,
      displayLanguage: 'ru',
    });
    const concepts = DANGER_SIGNS.concept ?? [];
    expect(expanded.expansion?.total).toBe(concepts.length);
    expect(expanded.expansion?.contains?.map((c) => [c.code, c.display])).toEqual(
      concepts.map((c) => [c.code, designation(c, 'ru')]),
    );
  });

  it('gives Kazakh and English displays too, and the designations when asked', async () => {
    const kk = await get<fhir4.ValueSet>(
      'ValueSet',
      '$expand',
      { displayLanguage: 'kk', includeDesignations: 'true' },
      'danger-sign',
    );
    const first = DANGER_SIGNS.concept?.[0];
    expect(kk.expansion?.contains?.[0]?.display).toBe(designation(first, 'kk'));
    expect(kk.expansion?.contains?.[0]?.designation?.map((d) => d.language)).toEqual(
      first?.designation?.map((d) => d.language),
    );
    const en = await get<fhir4.ValueSet>('ValueSet', '$expand', { displayLanguage: 'en' }, 'danger-sign');
    expect(en.expansion?.contains?.[0]?.display).toBe(designation(first, 'en'));
  });

  it('displays in the language of Accept-Language when displayLanguage is not given', async () => {
    const expanded = await run<fhir4.ValueSet>({
      resourceType: 'ValueSet',
      id: 'danger-sign',
      name: '$expand',
      method: 'GET',
      options: { headers: { 'accept-language': 'ru-KZ, kk;q=0.5' } },
    });
    const first = DANGER_SIGNS.concept?.[0];
    expect(expanded.expansion?.contains?.[0]?.display).toBe(designation(first, 'ru'));
  });

  it('leaves out what the compose excludes and keeps nested concepts of the hierarchy', async () => {
    const vs = guide('ValueSet', 'family-risk-factor');
    const excluded = vs.compose?.exclude?.flatMap((e) => e.concept?.map((c) => c.code) ?? []) ?? [];
    expect(excluded.length).toBeGreaterThan(0);
    const expanded = await get<fhir4.ValueSet>('ValueSet', '$expand', {}, 'family-risk-factor');
    const codes = expanded.expansion?.contains?.map((c) => c.code) ?? [];
    const system = allConcepts(guide('CodeSystem', 'risk-factor').concept ?? []).map((c) => c.code);
    expect(codes).toEqual(system.filter((code) => !excluded.includes(code)));
  });

  it('filters on the text of any designation, so a Russian word finds its concept', async () => {
    const concept = DANGER_SIGNS.concept?.find((c) => c.code === 'jaundice');
    const russian = designation(concept, 'ru')!;
    const word = russian.slice(0, 4).toUpperCase();
    const expanded = await get<fhir4.ValueSet>('ValueSet', '$expand', { url: DANGER_SIGN_VS.url, filter: word });
    expect(expanded.expansion?.contains?.map((c) => c.code)).toContain('jaundice');
    const matching = (DANGER_SIGNS.concept ?? []).filter((c) =>
      [c.code, c.display, ...(c.designation ?? []).map((d) => d.value)].some((t) =>
        t?.toLowerCase().includes(word.toLowerCase()),
      ),
    );
    expect(expanded.expansion?.total).toBe(matching.length);
    expect(expanded.expansion?.parameter).toContainEqual({ name: 'filter', valueString: word });
  });

  it('pages with offset and count while the total stays that of the whole expansion', async () => {
    const whole = await get<fhir4.ValueSet>('ValueSet', '$expand', { url: DANGER_SIGN_VS.url });
    const page = await get<fhir4.ValueSet>('ValueSet', '$expand', { url: DANGER_SIGN_VS.url, offset: '2', count: '3' });
    expect(page.expansion?.total).toBe(whole.expansion?.total);
    expect(page.expansion?.offset).toBe(2);
    expect(page.expansion?.contains).toEqual(whole.expansion?.contains?.slice(2, 5));
  });

  it('expands enumerated SNOMED CT concepts of a guide ValueSet', async () => {
    const vs = guide('ValueSet', 'home-visit-type');
    const expanded = await run<fhir4.ValueSet>({
      resourceType: 'ValueSet',
      name: '$expand',
      input: parameters({ name: 'url', valueUri: vs.url }),
    });
    expect(expanded.expansion?.contains?.map((c) => [c.system, c.code, c.display])).toEqual(
      vs.compose?.include.flatMap((i) => i.concept?.map((c) => [i.system, c.code, c.display]) ?? []),
    );
  });

  it('expands a ValueSet given in the body, with an is-a filter on a guide CodeSystem', async () => {
    const riskFactors = guide('CodeSystem', 'risk-factor');
    const social = riskFactors.concept?.find((c) => c.code === 'social');
    const valueSet: fhir4.ValueSet = {
      resourceType: 'ValueSet',
      status: 'draft',
      compose: {
        include: [{ system: riskFactors.url, filter: [{ property: 'concept', op: 'descendent-of', value: 'social' }] }],
      },
    };
    const expanded = await run<fhir4.ValueSet>({
      resourceType: 'ValueSet',
      name: '$expand',
      input: parameters({ name: 'valueSet', resource: valueSet }),
    });
    expect(expanded.expansion?.contains?.map((c) => c.code)).toEqual(social?.concept?.map((c) => c.code));
  });

  it('answers 422 not-supported naming the filter on an external system it cannot expand', async () => {
    const valueSet: fhir4.ValueSet = {
      resourceType: 'ValueSet',
      status: 'draft',
      compose: {
        include: [{ system: 'http://loinc.org', filter: [{ property: 'COMPONENT', op: '=', value: 'Body weight' }] }],
      },
    };
    const call = run({
      resourceType: 'ValueSet',
      name: '$expand',
      input: parameters({ name: 'valueSet', resource: valueSet }),
    });
    const outcome = await expectOutcome(call, 422);
    expect(outcome.issue[0]?.code).toBe('not-supported');
    expect(outcome.issue[0]?.details?.text).toContain('http://loinc.org');
    expect(outcome.issue[0]?.expression).toEqual(['ValueSet.compose.include[0].filter']);
  });

  it('answers 404 for an unknown ValueSet and 400 naming url when none is given', async () => {
    await expectOutcome(get('ValueSet', '$expand', { url: 'https://example.org/ValueSet/none' }), 404);
    await expectOutcome(get('ValueSet', '$expand', {}, 'no-such-value-set'), 404);
    const outcome = await expectOutcome(get('ValueSet', '$expand', {}), 400);
    expect(outcome.issue[0]?.expression?.[0]).toContain("'url'");
  });
});

describe('ValueSet/$validate-code', () => {
  const system = DANGER_SIGNS.url;
  const fever = DANGER_SIGNS.concept?.find((c) => c.code === 'fever');

  it('says a code of the ValueSet is valid and gives its display, in the asked language', async () => {
    const out = await get<fhir4.Parameters>('ValueSet', '$validate-code', {
      url: DANGER_SIGN_VS.url,
      system,
      code: 'fever',
      displayLanguage: 'ru',
    });
    expect(param(out, 'result')?.valueBoolean).toBe(true);
    expect(param(out, 'display')?.valueString).toBe(designation(fever, 'ru'));
  });

  it('accepts a display that is one of the designations, and refuses a display of another concept', async () => {
    const right = await get<fhir4.Parameters>(
      'ValueSet',
      '$validate-code',
      { system, code: 'fever', display: designation(fever, 'kk')! },
      'danger-sign',
    );
    expect(param(right, 'result')?.valueBoolean).toBe(true);
    const other = DANGER_SIGNS.concept?.find((c) => c.code !== 'fever')?.display ?? '';
    const wrong = await get<fhir4.Parameters>(
      'ValueSet',
      '$validate-code',
      { system, code: 'fever', display: other },
      'danger-sign',
    );
    expect(param(wrong, 'result')?.valueBoolean).toBe(false);
    expect(param(wrong, 'message')?.valueString).toContain(other);
  });

  it('says an excluded code is not in the ValueSet although its CodeSystem has it', async () => {
    const vs = guide('ValueSet', 'family-risk-factor');
    const excluded = vs.compose?.exclude?.[0];
    const out = await get<fhir4.Parameters>('ValueSet', '$validate-code', {
      url: vs.url,
      system: excluded?.system ?? '',
      code: excluded?.concept?.[0]?.code ?? '',
    });
    expect(param(out, 'result')?.valueBoolean).toBe(false);
    expect(param(out, 'message')?.valueString).toContain(vs.url);
  });

  it('takes a codeableConcept in a POST and finds the coding that is in the ValueSet', async () => {
    const input = parameters(
      { name: 'url', valueUri: DANGER_SIGN_VS.url },
      {
        name: 'codeableConcept',
        valueCodeableConcept: {
          coding: [
            { system, code: 'not-a-sign' },
            { system, code: 'fever' },
          ],
        },
      },
    );
    const out = await run<fhir4.Parameters>({ resourceType: 'ValueSet', name: '$validate-code', input });
    expect(param(out, 'result')?.valueBoolean).toBe(true);
  });

  it('answers 400 naming code when no code is given', async () => {
    const outcome = await expectOutcome(get('ValueSet', '$validate-code', { url: DANGER_SIGN_VS.url }), 400);
    expect(outcome.issue[0]?.expression?.[0]).toContain("'code'");
  });
});

describe('CodeSystem/$lookup', () => {
  it('gives the display in the asked language, every designation and the parent of a nested concept', async () => {
    const cs = guide('CodeSystem', 'risk-factor');
    const parent = (cs.concept ?? []).find((c) => c.concept?.length)!;
    const child = parent.concept![0]!;
    const out = await get<fhir4.Parameters>('CodeSystem', '$lookup', {
      system: cs.url,
      code: child.code,
      displayLanguage: 'kk',
    });
    expect(param(out, 'name')?.valueString).toBe(cs.name);
    expect(param(out, 'display')?.valueString).toBe(designation(child, 'kk'));
    const designations = out.parameter?.filter((p) => p.name === 'designation') ?? [];
    expect(designations.map((d) => d.part?.find((p) => p.name === 'value')?.valueString)).toEqual(
      child.designation?.map((d) => d.value),
    );
    const properties = out.parameter?.filter((p) => p.name === 'property') ?? [];
    expect(properties.map((p) => p.part?.map((x) => x.valueCode))).toContainEqual(['parent', parent.code]);
  });

  it('gives the properties of a concept, and only those asked for with property', async () => {
    const cs = guide('CodeSystem', 'home-hazard');
    const concept = (cs.concept ?? []).find((c) => c.property?.length)!;
    const own = concept.property![0]!;
    const input = parameters(
      { name: 'coding', valueCoding: { system: cs.url, code: concept.code } },
      { name: 'property', valueCode: own.code },
    );
    const out = await run<fhir4.Parameters>({ resourceType: 'CodeSystem', name: '$lookup', input });
    const properties = out.parameter?.filter((p) => p.name === 'property') ?? [];
    expect(properties).toHaveLength(1);
    expect(properties[0]?.part?.[1]?.valueInteger).toBe(own.valueInteger);
  });

  it('answers 404 for an unknown system or code and 400 naming system when it is missing', async () => {
    await expectOutcome(get('CodeSystem', '$lookup', { system: 'https://example.org/none', code: 'x' }), 404);
    await expectOutcome(get('CodeSystem', '$lookup', { system: DANGER_SIGNS.url, code: 'no-such-code' }), 404);
    const outcome = await expectOutcome(get('CodeSystem', '$lookup', { code: 'fever' }), 400);
    expect(outcome.issue[0]?.expression?.[0]).toContain("'system'");
  });
});

describe('ConceptMap/$translate', () => {
  const sexMap = guide('ConceptMap', 'mis-sex');
  const group = sexMap.group?.[0];
  const element = group?.element?.[0];

  it('translates an export dictionary value through the guide maps without naming one', async () => {
    const out = await get<fhir4.Parameters>('ConceptMap', '$translate', {
      system: group?.source ?? '',
      code: element?.code ?? '',
    });
    expect(param(out, 'result')?.valueBoolean).toBe(true);
    const match = param(out, 'match');
    expect(match?.part?.find((p) => p.name === 'concept')?.valueCoding?.code).toBe(element?.target?.[0]?.code);
    expect(match?.part?.find((p) => p.name === 'source')?.valueUri).toBe(sexMap.url);
  });

  it('maps backwards with reverse on the instance', async () => {
    const input = { system: group?.target ?? '', code: element?.target?.[0]?.code ?? '', reverse: 'true' };
    const out = await get<fhir4.Parameters>('ConceptMap', '$translate', input, sexMap.id!);
    const codes = out.parameter
      ?.filter((p) => p.name === 'match')
      .map((m) => m.part?.find((p) => p.name === 'concept')?.valueCoding?.code);
    expect(codes).toEqual([element?.code]);
  });

  it('keeps to the target system asked for when a map has groups for several', async () => {
    const routing = guide('ConceptMap', 'mis-risk-factor-routing');
    const [first, second] = routing.group ?? [];
    const code = first?.element?.[0]?.code ?? '';
    const out = await get<fhir4.Parameters>('ConceptMap', '$translate', {
      url: routing.url,
      code,
      targetsystem: second?.target ?? '',
    });
    const systems = out.parameter
      ?.filter((p) => p.name === 'match')
      .map((m) => m.part?.find((p) => p.name === 'concept')?.valueCoding?.system);
    expect(systems?.length).toBeGreaterThan(0);
    expect(new Set(systems)).toEqual(new Set([second?.target]));
  });

  it('says result false for a code no map has, and 404 for an unknown map', async () => {
    const out = await get<fhir4.Parameters>('ConceptMap', '$translate', {
      system: group?.source ?? '',
      code: 'unknown value',
    });
    expect(param(out, 'result')?.valueBoolean).toBe(false);
    expect(param(out, 'message')?.valueString).toContain('unknown value');
    await expectOutcome(get('ConceptMap', '$translate', { code: 'x' }, 'no-such-map'), 404);
    const outcome = await expectOutcome(get('ConceptMap', '$translate', { url: sexMap.url }), 400);
    expect(outcome.issue[0]?.expression?.[0]).toContain("'code'");
  });
});

describe('malformed terminology requests', () => {
  it('answers 405 to a PUT, 400 to a body that is not Parameters, 400 naming a negative count', async () => {
    const body = { resourceType: 'Patient' };
    await expectOutcome(gateway.client.request('ValueSet/$expand', { method: 'PUT', body }), 405);
    await expectOutcome(run({ resourceType: 'ConceptMap', name: '$translate', input: body }), 400);
    const outcome = await expectOutcome(get('ValueSet', '$expand', { url: DANGER_SIGN_VS.url, count: '-1' }), 400);
    expect(outcome.issue[0]?.expression?.[0]).toContain("'count'");
  });
});

describe('CapabilityStatement', () => {
  it('lists the terminology operations on their types', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const operationsOf = (type: string) =>
      statement.rest?.[0]?.resource?.find((r) => r.type === type)?.operation?.map((o) => o.name) ?? [];
    expect(operationsOf('ValueSet')).toEqual(expect.arrayContaining(['expand', 'validate-code']));
    expect(operationsOf('CodeSystem')).toContain('lookup');
    expect(operationsOf('ConceptMap')).toContain('translate');
  });
});
