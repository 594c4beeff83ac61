/**
 * Growth z-scores over HTTP (decision 025): measurements in, KzGrowthZScore Observations out,
 * through the real Node server with the WHO tables of test/fixtures/who-growth.
 */
import { describe, expect, it } from 'vitest';
import { WHO_GROWTH_FIXTURES } from '../growth/growth-tables-fixture.js';
import { expectOutcome, useNodeServer, type ClientBody } from './fhir-client.js';

const GROWTH = 'https://fhir.patronage.kz/CodeSystem/growth-indicator';
const WHO_CLASS = 'https://fhir.patronage.kz/CodeSystem/who-growth-classification';
const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';

type Observation = ClientBody<fhir4.Observation>;

function measurement(
  patientId: string,
  code: string,
  value: number,
  unit: string,
  effective: string,
  extra: Partial<fhir4.Observation> = {},
): Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: LOINC, code }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: effective,
    valueQuantity: { value, unit, system: UCUM, code: unit },
    ...extra,
  } as Observation;
}

const LYING = {
  extension: [
    {
      url: 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition',
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '102538003' }] },
    },
  ],
};

describe('growth z-scores with the WHO tables', () => {
  const served = useNodeServer({ WHO_GROWTH_DIR: WHO_GROWTH_FIXTURES, LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

  async function newChild(birthDate: string, gender: 'male' | 'female' = 'male'): Promise<string> {
    const patient = await served.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', gender, birthDate },
    });
    return (patient as fhir4.Patient).id!;
  }

  async function post(observation: Observation): Promise<string> {
    return (
      (await served.client.create({ resourceType: 'Observation', body: observation })) as unknown as fhir4.Observation
    ).id!;
  }

  async function zScore(indicator: string, anchorId: string): Promise<fhir4.Observation> {
    return (await served.client.read({
      resourceType: 'Observation',
      id: `gz-${indicator}-${anchorId}`,
    })) as unknown as fhir4.Observation;
  }

  async function zScoresOf(patientId: string): Promise<fhir4.Observation[]> {
    const bundle = (await served.client.search({
      resourceType: 'Observation',
      searchParams: {
        subject: `Patient/${patientId}`,
        code: ['wfa-z', 'lhfa-z', 'wflh-z', 'bmifa-z', 'hcfa-z', 'acfa-z'].map((c) => `${GROWTH}|${c}`).join(','),
      },
    })) as unknown as fhir4.Bundle;
    return (bundle.entry ?? []).map((e) => e.resource as unknown as fhir4.Observation);
  }

  it('scores a visit: weight, length and head circumference give five z-scores with derivedFrom and classes', async () => {
    // A boy born 2025-01-01, measured on day 30 (2025-01-31 local time).
    const child = await newChild('2025-01-01');
    const at = '2025-01-31T10:00:00+05:00';
    const weight = await post(measurement(child, '29463-7', 3000, 'g', at));
    const length = await post(measurement(child, '8306-3', 50, 'cm', at, LYING));
    const head = await post(measurement(child, '9843-4', 36, 'cm', at));

    // weianthro boy day 30: L 0.2303, M 4.4525, S 0.13413; 3.0 kg → −2.8139.
    const wfa = await zScore('wfa-z', weight);
    expect(wfa.valueQuantity).toEqual({ value: -2.81, unit: 'z-score', system: UCUM, code: '{z-score}' });
    expect(wfa.interpretation?.[0]?.coding?.[0]).toMatchObject({ system: WHO_CLASS, code: 'underweight' });
    expect(wfa.interpretation?.[0]?.coding?.[1]).toMatchObject({ code: 'L' });
    expect(wfa.derivedFrom).toEqual([{ reference: `Observation/${weight}` }]);
    expect(wfa).toMatchObject({ subject: { reference: `Patient/${child}` }, effectiveDateTime: at, status: 'final' });
    expect(wfa.meta?.profile).toEqual(['https://fhir.patronage.kz/StructureDefinition/kz-growth-zscore']);
    // lenanthro boy day 30: M 54.6645, S 0.03559; 50 cm → (50 − 54.6645)/1.94551 = −2.3976: stunted.
    const lhfa = await zScore('lhfa-z', length);
    expect(lhfa.valueQuantity?.value).toBe(-2.4);
    expect(lhfa.interpretation?.[0]?.coding?.[0]?.code).toBe('stunted');
    // wflanthro boy 50 cm: L −0.3521, M 3.3278, S 0.0889; 3.0 kg → −1.188: normal.
    const wflh = await zScore('wflh-z', weight);
    expect(wflh.valueQuantity?.value).toBe(-1.19);
    expect(wflh.derivedFrom).toEqual([{ reference: `Observation/${weight}` }, { reference: `Observation/${length}` }]);
    expect(wflh.interpretation?.[0]?.coding?.[0]?.code).toBe('normal');
    // BMI 3.0/0.5² = 12.0; bmianthro boy day 30: L 0.2738, M 14.914, S 0.09035 → −2.3359.
    expect((await zScore('bmifa-z', weight)).valueQuantity?.value).toBe(-2.34);
    // hcanthro boy day 30: M 37.2435, S 0.03135; 36 cm → −1.065.
    expect((await zScore('hcfa-z', head)).valueQuantity?.value).toBe(-1.07);
    expect(await zScoresOf(child)).toHaveLength(5);
  });

  it('rewrites the same z-score when the measurement changes, and nothing when it is sent again', async () => {
    const child = await newChild('2025-01-01');
    const body = measurement(child, '29463-7', 3.0, 'kg', '2025-01-31');
    const id = await post(body);
    const first = await zScore('wfa-z', id);
    expect(first.meta?.versionId).toBe('1');

    await served.client.update({ resourceType: 'Observation', id, body: { ...body, id } });
    expect((await zScore('wfa-z', id)).meta?.versionId).toBe('1');

    // 4.5 kg at day 30 → 0.0792: the same Observation, a new version, now normal.
    await served.client.update({
      resourceType: 'Observation',
      id,
      body: { ...body, id, valueQuantity: { ...body.valueQuantity, value: 4.5 } },
    });
    const second = await zScore('wfa-z', id);
    expect(second.meta?.versionId).toBe('2');
    expect(second.valueQuantity?.value).toBe(0.08);
    expect(second.interpretation?.[0]?.coding?.[0]?.code).toBe('normal');
    expect(await zScoresOf(child)).toHaveLength(1);
  });

  it('retracts the z-scores of a measurement entered in error', async () => {
    const child = await newChild('2025-01-01');
    const body = measurement(child, '29463-7', 3.0, 'kg', '2025-01-31');
    const id = await post(body);
    await served.client.update({ resourceType: 'Observation', id, body: { ...body, id, status: 'entered-in-error' } });
    expect((await zScore('wfa-z', id)).status).toBe('entered-in-error');
  });

  it('scores again when the child’s birth date is corrected', async () => {
    const child = await newChild('2025-01-01');
    const id = await post(measurement(child, '29463-7', 3.0, 'kg', '2025-01-31'));
    expect((await zScore('wfa-z', id)).valueQuantity?.value).toBe(-2.81);
    // Born on 2025-01-31 instead: day 0, weianthro boy L 0.3487, M 3.3464, S 0.14602:
    // ((3.0/3.3464)^0.3487 − 1)/(0.3487 × 0.14602) = (0.962613 − 1)/0.050917 = −0.7343.
    await served.client.update({
      resourceType: 'Patient',
      id: child,
      body: { resourceType: 'Patient', id: child, gender: 'male', birthDate: '2025-01-31' },
    });
    expect((await zScore('wfa-z', id)).valueQuantity?.value).toBe(-0.73);
  });

  it('pairs the weight and length of one transaction, and hashes an anchor id too long for a z-score id', async () => {
    const child = await newChild('2025-01-01');
    const longId = `w-${'x'.repeat(60)}`;
    const at = '2025-01-31T09:00:00+05:00';
    const weight = { ...measurement(child, '29463-7', 3.0, 'kg', at), id: longId };
    const length = { ...measurement(child, '8306-3', 50, 'cm', at, LYING), id: 'len-tx' };
    await served.client.transaction({
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [weight, length].map((resource) => ({
          resource,
          request: { method: 'PUT', url: `Observation/${resource.id}` },
        })),
      },
    });
    const scores = await zScoresOf(child);
    const wflh = scores.find((o) => o.code.coding?.[0]?.code === 'wflh-z')!;
    expect(wflh.id).toMatch(/^gz-wflh-z-[0-9a-f]{40}$/);
    expect(wflh.derivedFrom).toEqual([{ reference: `Observation/${longId}` }, { reference: 'Observation/len-tx' }]);
    expect(wflh.valueQuantity?.value).toBe(-1.19);
    expect(scores.map((o) => o.code.coding?.[0]?.code).sort()).toEqual(['bmifa-z', 'lhfa-z', 'wfa-z', 'wflh-z']);
  });

  it('scores a MUAC in mm, coded as the guide codes it, from day 91', async () => {
    // A girl born 2025-01-01, measured on 2026-02-05: day 400.
    const child = await newChild('2025-01-01', 'female');
    const muac = {
      ...measurement(child, '56072-2', 148, 'mm', '2026-02-05'),
      code: { coding: [{ system: 'http://snomed.info/sct', code: '284473002' }] },
      bodySite: { coding: [{ system: 'http://snomed.info/sct', code: '368208006' }] },
    } as Observation;
    const id = await post(muac);
    // acanthro, girl, day 400: L −0.1733, M 14.2511, S 0.0825; 14.8 cm:
    // ((14.8/14.2511)^−0.1733 − 1)/(−0.1733 × 0.0825) = (0.993472 − 1)/(−0.014297) = 0.4566.
    const acfa = await zScore('acfa-z', id);
    expect(acfa.valueQuantity?.value).toBe(0.46);
    expect(acfa.code.coding?.[0]).toMatchObject({ code: 'acfa-z', display: 'Arm circumference-for-age z-score' });
  });

  it('ends with the same four scores when a visit’s weight and length arrive at the same time', async () => {
    const children = await Promise.all([1, 2, 3, 4].map(() => newChild('2025-01-01')));
    const at = '2025-01-31T10:00:00+05:00';
    await Promise.all(
      children.flatMap((child) => [
        post(measurement(child, '29463-7', 3.0, 'kg', at)),
        post(measurement(child, '8306-3', 50, 'cm', at, LYING)),
      ]),
    );
    for (const child of children) {
      const scores = await zScoresOf(child);
      const byCode = Object.fromEntries(
        scores.map((o) => [o.code.coding?.[0]?.code, [o.status, o.valueQuantity?.value]]),
      );
      // The values of the first test: the same measurements at the same age.
      expect(byCode).toEqual({
        'wfa-z': ['final', -2.81],
        'lhfa-z': ['final', -2.4],
        'wflh-z': ['final', -1.19],
        'bmifa-z': ['final', -2.34],
      });
    }
  });

  it('scores nothing for a child of five or older', async () => {
    const child = await newChild('2020-01-01');
    await post(measurement(child, '29463-7', 18, 'kg', '2025-01-31'));
    expect(await zScoresOf(child)).toEqual([]);
  });

  it('refuses a z-score sent by a client, with 422 and the code located', async () => {
    const child = await newChild('2025-01-01');
    const forged = {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: GROWTH, code: 'wfa-z' }] },
      subject: { reference: `Patient/${child}` },
      effectiveDateTime: '2025-01-31',
      valueQuantity: { value: 0, unit: 'z-score', system: UCUM, code: '{z-score}' },
    };
    const outcome = await expectOutcome(served.client.create({ resourceType: 'Observation', body: forged }), 422);
    expect(outcome.issue[0]).toMatchObject({ code: 'business-rule', expression: ['Observation.code.coding[0]'] });
    expect(await zScoresOf(child)).toEqual([]);
  });
});

describe('growth z-scores without tables', () => {
  const served = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

  it('starts, says growth scoring is off, and stores measurements without scores', async () => {
    expect(served.server.output()).toMatch(/growth scoring is off/);
    const patient = (await served.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', gender: 'female', birthDate: '2025-01-01' },
    })) as fhir4.Patient;
    const weight = (await served.client.create({
      resourceType: 'Observation',
      body: measurement(patient.id!, '29463-7', 3.0, 'kg', '2025-01-31'),
    })) as unknown as fhir4.Observation;
    expect(weight.id).toBeDefined();
    const bundle = (await served.client.search({
      resourceType: 'Observation',
      searchParams: { subject: `Patient/${patient.id}` },
    })) as unknown as fhir4.Bundle;
    expect(bundle.entry).toHaveLength(1);
  });
});
