/**
 * End-to-end, one case per escalation rule of profiles/parameters/patronage-parameters.json: the
 * record in over HTTP; out, the referral (target, reason, priority), its Task for the team, the
 * safeguarding Flag where the rule has one, and the progressive visits on the subject's plan
 * citing the assessment; recording the same trigger again, or a second finding while the
 * referral is open, changes nothing more.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { WHO_GROWTH_FIXTURES } from '../growth/growth-tables-fixture.js';
import { useNodeServer } from './fhir-client.js';
import { create, createPolyclinic, patient, today, type Stored } from './plans-fixtures.js';

// With the WHO tables: the growth rule reads the z-scores the growth reaction stores (decision 025).
const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false', WHO_GROWTH_DIR: WHO_GROWTH_FIXTURES }, { auditCheck: true });
const KZ = 'https://fhir.patronage.kz';
let clinic: Awaited<ReturnType<typeof createPolyclinic>>;

beforeAll(async () => {
  clinic = await createPolyclinic(gateway.client);
});

type Trigger = (subject: string, nurse: string) => fhir4.Resource;

const WEIGHT = '29463-7';
const LENGTH = '8306-3';
/** Lying position (SNOMED 102538003), as a length under two years is measured. */
const LYING: Partial<fhir4.Observation> = {
  extension: [
    {
      url: 'http://hl7.org/fhir/StructureDefinition/observation-bodyPosition',
      valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '102538003' }] },
    },
  ],
};

/** A vital-sign measurement (LOINC code, UCUM unit) of `subject` taken today. */
function measurement(
  subject: string,
  loinc: string,
  value: number,
  unit: string,
  extra: Partial<fhir4.Observation> = {},
): fhir4.Observation {
  return {
    resourceType: 'Observation',
    status: 'final',
    category: [
      { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] },
    ],
    code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
    subject: { reference: subject },
    effectiveDateTime: `${today()}T10:00:00+05:00`,
    valueQuantity: { value, unit, system: 'http://unitsofmeasure.org', code: unit },
    ...extra,
  };
}

const observation = (subject: string, nurse: string, rest: Partial<fhir4.Observation>): fhir4.Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: { text: 'finding' },
  subject: { reference: subject },
  effectiveDateTime: `${today()}T10:00:00+05:00`,
  performer: [{ reference: nurse }],
  ...rest,
});

const coded = (system: string, code: string): fhir4.CodeableConcept => ({ coding: [{ system, code }] });

const familyAssessment = (subject: string, nurse: string, factor: string): fhir4.RiskAssessment => ({
  resourceType: 'RiskAssessment',
  status: 'final',
  code: coded(`${KZ}/CodeSystem/patronage-code`, 'family-risk-assessment'),
  extension: [
    {
      url: `${KZ}/StructureDefinition/risk-factor`,
      valueCodeableConcept: coded(`${KZ}/CodeSystem/risk-factor`, factor),
    },
  ],
  subject: { reference: subject },
  occurrenceDateTime: `${today()}T10:00:00+05:00`,
  performer: { reference: nurse },
  prediction: [{ outcome: coded(`${KZ}/CodeSystem/patronage-category`, 'progressive') }],
});

interface Case {
  rule: string;
  adult?: boolean;
  trigger: Trigger;
  reason: string;
  target: string;
  priority: string;
  flag?: string;
  /** Other rules the same record fires (each with its own referral). */
  alsoFires?: number;
}

const CASES: Case[] = [
  {
    rule: 'family-progressive',
    trigger: (s, n) => familyAssessment(s, n, 'single-parent'),
    reason: 'family-risk',
    target: 'phc-social-worker',
    priority: 'routine',
  },
  {
    rule: 'family-safeguarding',
    trigger: (s, n) => familyAssessment(s, n, 'domestic-violence'),
    reason: 'safeguarding',
    target: 'social-protection',
    priority: 'urgent',
    flag: 'domestic-violence',
    alsoFires: 1,
  },
  {
    rule: 'neonatal-high-risk',
    trigger: (s) => ({
      resourceType: 'RiskAssessment',
      status: 'final',
      code: coded(`${KZ}/CodeSystem/patronage-code`, 'neonatal-risk-assessment'),
      subject: { reference: s },
      occurrenceDateTime: `${today()}T12:00:00+05:00`,
      prediction: [{ outcome: coded(`${KZ}/CodeSystem/neonatal-risk-group`, 'high') }],
    }),
    reason: 'family-risk',
    target: 'district-doctor',
    priority: 'urgent',
  },
  {
    rule: 'child-danger-sign',
    trigger: (s, n) =>
      observation(s, n, { code: coded(`${KZ}/CodeSystem/danger-sign`, 'convulsions'), valueBoolean: true }),
    reason: 'danger-sign',
    target: 'district-doctor',
    priority: 'stat',
  },
  {
    rule: 'maternal-danger-sign',
    adult: true,
    trigger: (s, n) =>
      observation(s, n, {
        code: coded(`${KZ}/CodeSystem/maternal-danger-sign`, 'vaginal-bleeding'),
        valueBoolean: true,
      }),
    reason: 'danger-sign',
    target: 'district-doctor',
    priority: 'stat',
  },
  {
    rule: 'epds-self-harm',
    adult: true,
    trigger: (s, n) =>
      observation(s, n, {
        code: coded('http://loinc.org', '99046-5'),
        valueInteger: 8,
        component: [{ code: coded(`${KZ}/CodeSystem/patronage-code`, 'epds-item-10'), valueInteger: 1 }],
      }),
    reason: 'epds-self-harm',
    target: 'mental-health-centre',
    priority: 'stat',
    flag: 'self-harm-risk',
  },
  {
    rule: 'epds-high-score',
    adult: true,
    trigger: (s, n) => observation(s, n, { code: coded('http://loinc.org', '99046-5'), valueInteger: 14 }),
    reason: 'epds-high-score',
    target: 'phc-psychologist',
    priority: 'urgent',
  },
  {
    rule: 'injury',
    trigger: (s, n) => ({
      resourceType: 'Condition',
      code: coded('http://hl7.org/fhir/sid/icd-10', 'T23.2'),
      subject: { reference: s },
      recordedDate: today(),
      recorder: { reference: n },
    }),
    reason: 'home-hazard',
    target: 'phc-social-worker',
    priority: 'urgent',
  },
  {
    rule: 'unsafe-home',
    trigger: (s, n) =>
      observation(s, n, {
        code: coded(`${KZ}/CodeSystem/patronage-code`, 'home-hazard'),
        valueCodeableConcept: coded(`${KZ}/CodeSystem/home-hazard`, 'unguarded-windows'),
      }),
    reason: 'home-hazard',
    target: 'phc-social-worker',
    priority: 'routine',
  },
];

async function all<T extends fhir4.Resource>(resourceType: string, searchParams: Record<string, string>): Promise<T[]> {
  const bundle = (await gateway.client.search({ resourceType, searchParams })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? []).map((e) => e.resource as T);
}

async function outputs(subject: string) {
  return {
    referrals: await all<fhir4.ServiceRequest>('ServiceRequest', { subject }),
    tasks: await all<fhir4.Task>('Task', { subject }),
    flags: await all<fhir4.Flag>('Flag', { subject }),
    plan: (await all<fhir4.CarePlan>('CarePlan', { subject }))[0],
  };
}

const progressive = (plan?: fhir4.CarePlan) =>
  (plan?.activity ?? []).filter((a) => a.detail?.code?.coding?.[0]?.code === 'PROG');

describe.each(CASES)('rule $rule', (c) => {
  let subject: string;
  let trigger: Stored<fhir4.Resource>;

  beforeAll(async () => {
    const who = c.adult
      ? patient('1992-05-05', clinic.organization, { gender: 'female' })
      : patient(today(-20), clinic.organization);
    const person = await create(gateway.client, who);
    subject = `Patient/${person.id}`;
    if (c.adult)
      await gateway.client.operation({
        name: '$apply',
        resourceType: 'PlanDefinition',
        id: 'patronage-antenatal',
        method: 'POST',
        input: {
          resourceType: 'Parameters',
          parameter: [
            { name: 'subject', valueString: subject },
            { name: 'edd', valueDate: today(120) },
          ],
        } as never,
      });
    trigger = await create(gateway.client, c.trigger(subject, `Practitioner/${clinic.nurse.id}`));
  });

  it('creates the referral for the team, its Task, the Flag the rule asks for and progressive visits', async () => {
    const { referrals, tasks, flags, plan } = await outputs(subject);
    expect(referrals).toHaveLength(1 + (c.alsoFires ?? 0));
    const referral = referrals.find((r) => r.reasonCode?.[0]?.coding?.[0]?.code === c.reason)!;
    expect(referral.code?.coding?.[0]?.code).toBe(c.target);
    expect(referral.priority).toBe(c.priority);
    expect(referral.status).toBe('active');
    expect(referral.identifier?.[0]?.value).toBe(`${c.rule}/${trigger.resourceType}/${trigger.id}`);
    const task = tasks.find((t) => t.focus?.reference === `ServiceRequest/${referral.id}`)!;
    expect(task.status).toBe('requested');
    expect(task.performerType?.[0]?.coding?.[0]?.code).toBe(c.target);
    expect(flags.map((f) => f.code?.coding?.[0]?.code)).toEqual(c.flag ? [c.flag] : []);
    // The assessment behind the referral cites the trigger (the nurse's own assessment is the trigger).
    const assessmentRef = referral.supportingInfo![0]!.reference!;
    if (trigger.resourceType === 'RiskAssessment' && c.rule.startsWith('family'))
      expect(assessmentRef).toBe(`RiskAssessment/${trigger.id}`);
    else {
      const assessment = (await gateway.client.read({
        resourceType: 'RiskAssessment',
        id: assessmentRef.split('/')[1]!,
      })) as unknown as fhir4.RiskAssessment;
      expect(assessment.basis).toEqual([{ reference: `${trigger.resourceType}/${trigger.id}` }]);
    }
    const visits = progressive(plan);
    expect(visits).toHaveLength(2 * (1 + (c.alsoFires ?? 0)));
    expect(plan?.category?.some((cat) => cat.coding?.[0]?.code === 'progressive')).toBe(true);
    expect(visits.some((v) => v.detail?.extension?.[0]?.valueReference?.reference === assessmentRef)).toBe(true);
  });

  it('escalates once when the same trigger is recorded again, or a second finding while the referral is open', async () => {
    const before = await outputs(subject);
    await gateway.client.update({ resourceType: trigger.resourceType, id: trigger.id, body: trigger as never });
    await create(gateway.client, c.trigger(subject, `Practitioner/${clinic.nurse.id}`));
    const after = await outputs(subject);
    expect(after.referrals).toHaveLength(before.referrals.length);
    expect(after.tasks).toHaveLength(before.tasks.length);
    expect(after.flags).toHaveLength(before.flags.length);
    expect(progressive(after.plan)).toHaveLength(progressive(before.plan).length);
  });
});

describe('no escalation', () => {
  it('for findings under the thresholds', async () => {
    const child = await create(gateway.client, patient(today(-20), clinic.organization));
    const subject = `Patient/${child.id}`;
    const nurse = `Practitioner/${clinic.nurse.id}`;
    await create(
      gateway.client,
      observation(subject, nurse, { code: coded(`${KZ}/CodeSystem/danger-sign`, 'fever'), valueBoolean: false }),
    );
    await create(
      gateway.client,
      observation(subject, nurse, { code: coded('http://loinc.org', '99046-5'), valueInteger: 12 }),
    );
    // A weight near the median for a 20-day-old boy: its z-score is stored, and is no trigger.
    await create(gateway.client, measurement(subject, WEIGHT, 3.9, 'kg'));
    const { referrals, plan } = await outputs(subject);
    expect(referrals).toHaveLength(0);
    expect(progressive(plan)).toHaveLength(0);
  });
});

describe('rule growth-z-score: a weight and a length whose weight-for-length is above +3 SD', () => {
  let subject: string;
  let weight: Stored<fhir4.Observation>;

  /** The z-score Observation the growth reaction stored for `indicator`, from its anchor measurement. */
  const zScore = (indicator: string, anchor: string) =>
    gateway.client.read({ resourceType: 'Observation', id: `gz-${indicator}-${anchor}` }) as unknown as Promise<
      fhir4.Observation & { id: string }
    >;

  it('does not fire on an implausible score (6 kg at 50 cm: +6.94, flagged by the WHO limits)', async () => {
    const child = await create(gateway.client, patient(today(-20), clinic.organization));
    const other = `Patient/${child.id}`;
    const heavy = await create(gateway.client, measurement(other, WEIGHT, 6, 'kg'));
    await create(gateway.client, measurement(other, LENGTH, 50, 'cm', LYING));
    expect((await zScore('wflh-z', heavy.id)).valueQuantity?.value).toBeGreaterThan(5);
    expect((await outputs(other)).referrals).toHaveLength(0);
  });

  beforeAll(async () => {
    const child = await create(gateway.client, patient(today(-20), clinic.organization));
    subject = `Patient/${child.id}`;
    // 4.6 kg at 50 cm lying, a boy of 20 days: weight-for-length +3.49 (WHO tables), plausible.
    weight = await create(gateway.client, measurement(subject, WEIGHT, 4.6, 'kg'));
    await create(gateway.client, measurement(subject, LENGTH, 50, 'cm', LYING));
  });

  it('refers the child to the district doctor, citing the stored z-score, with progressive visits', async () => {
    const score = await zScore('wflh-z', weight.id);
    expect(score.valueQuantity?.value).toBeGreaterThan(3);
    const { referrals, tasks, plan } = await outputs(subject);
    expect(referrals).toHaveLength(1);
    const referral = referrals[0]!;
    expect(referral.code?.coding?.[0]?.code).toBe('district-doctor');
    expect(referral.priority).toBe('urgent');
    expect(referral.reasonCode?.[0]?.coding?.[0]?.code).toBe('family-risk');
    expect(referral.identifier?.[0]?.value).toBe(`growth-z-score/Observation/${score.id}`);
    expect(tasks.filter((t) => t.focus?.reference === `ServiceRequest/${referral.id}`)).toHaveLength(1);
    expect(progressive(plan)).toHaveLength(2);
  });

  it('escalates once when the same weight is recorded again', async () => {
    const before = await outputs(subject);
    await gateway.client.update({ resourceType: 'Observation', id: weight.id, body: weight as never });
    await create(gateway.client, measurement(subject, WEIGHT, 4.6, 'kg'));
    const after = await outputs(subject);
    expect(after.referrals).toHaveLength(before.referrals.length);
    expect(after.tasks).toHaveLength(before.tasks.length);
    expect(progressive(after.plan)).toHaveLength(progressive(before.plan).length);
  });
});

describe('rule growth-z-score: a weight whose weight-for-age is below -2 SD', () => {
  let subject: string;
  let weight: Stored<fhir4.Observation>;
  let score: fhir4.Observation & { id: string };

  beforeAll(async () => {
    const child = await create(gateway.client, patient(today(-20), clinic.organization));
    subject = `Patient/${child.id}`;
    // 2.9 kg, a boy of 20 days: weight-for-age about -2.6 by the WHO tables, plausible (above -6).
    weight = await create(gateway.client, measurement(subject, WEIGHT, 2.9, 'kg'));
    score = (await gateway.client.read({
      resourceType: 'Observation',
      id: `gz-wfa-z-${weight.id}`,
    })) as unknown as fhir4.Observation & { id: string };
  });

  it('refers the child, with its Task, progressive visits citing the assessment, and no Flag', async () => {
    expect(score.valueQuantity?.value).toBeLessThan(-2);
    expect(score.valueQuantity?.value).toBeGreaterThan(-3);
    const { referrals, tasks, flags, plan } = await outputs(subject);
    expect(referrals).toHaveLength(1);
    const referral = referrals[0]!;
    expect(referral.identifier?.[0]?.value).toBe(`growth-z-score/Observation/${score.id}`);
    expect(tasks.filter((t) => t.focus?.reference === `ServiceRequest/${referral.id}`)).toHaveLength(1);
    expect(flags).toHaveLength(0);
    const assessmentRef = referral.supportingInfo![0]!.reference!;
    const assessment = (await gateway.client.read({
      resourceType: 'RiskAssessment',
      id: assessmentRef.split('/')[1]!,
    })) as unknown as fhir4.RiskAssessment;
    expect(assessment.basis).toEqual([{ reference: `Observation/${score.id}` }]);
    const visits = progressive(plan);
    expect(visits).toHaveLength(2);
    expect(visits.every((v) => v.detail?.extension?.[0]?.valueReference?.reference === assessmentRef)).toBe(true);
  });

  it('escalates once when the same weight is recorded again', async () => {
    const before = await outputs(subject);
    await gateway.client.update({ resourceType: 'Observation', id: weight.id, body: weight as never });
    await create(gateway.client, measurement(subject, WEIGHT, 2.9, 'kg'));
    const after = await outputs(subject);
    expect(after.referrals).toHaveLength(before.referrals.length);
    expect(after.tasks).toHaveLength(before.tasks.length);
    expect(after.flags).toHaveLength(before.flags.length);
    expect(progressive(after.plan)).toHaveLength(progressive(before.plan).length);
  });
});
