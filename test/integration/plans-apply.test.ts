/**
 * End-to-end: the schedule definitions served read-only, and `$apply` of the child and antenatal
 * plans over HTTP with hand-checked windows; applying twice changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, useNodeServer } from './fhir-client.js';
import { activityRows, applyPlan, create, createPolyclinic, patient, type Stored } from './plans-fixtures.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });
let clinic: Awaited<ReturnType<typeof createPolyclinic>>;

beforeAll(async () => {
  clinic = await createPolyclinic(gateway.client);
});

describe('schedule definitions', () => {
  it('serves the child plan with one action per universal visit, versioned', async () => {
    const plan = (await gateway.client.read({
      resourceType: 'PlanDefinition',
      id: 'patronage-child-universal',
    })) as unknown as fhir4.PlanDefinition;
    expect(plan.version).toBe('0.1.0');
    expect(plan.action?.map((a) => a.id)).toEqual([
      'NB-3D',
      'U-1M',
      'U-2M',
      'U-3M',
      'U-6M',
      'U-9M',
      'U-12M',
      'U-18M',
      'U-24M',
      'U-36M',
    ]);
    expect(plan.action?.[1]?.definitionCanonical).toBe('https://fhir.patronage.kz/ActivityDefinition/visit-u-1m|0.1.0');
    const activity = (await gateway.client.read({
      resourceType: 'ActivityDefinition',
      id: 'visit-u-1m',
    })) as unknown as fhir4.ActivityDefinition;
    expect(activity.description).toBe('Due 1 months after birth, window 7 days before to 7 days after.');
  });

  it('lists $apply and $worklist in the CapabilityStatement', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const operations = (type: string) =>
      statement.rest?.[0]?.resource?.find((r) => r.type === type)?.operation?.map((o) => o.name);
    expect(operations('PlanDefinition')).toContain('apply');
    expect(operations('CarePlan')).toContain('worklist');
    expect(
      statement.rest?.[0]?.resource?.find((r) => r.type === 'ActivityDefinition')?.interaction?.map((i) => i.code),
    ).not.toContain('update');
  });

  it('serves an OperationDefinition for each of our operations the CapabilityStatement names, valid by $validate', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const ours = (statement.rest?.[0]?.resource ?? [])
      .flatMap((r) => r.operation ?? [])
      .map((o) => o.definition)
      .filter((url) => url.startsWith('https://fhir.patronage.kz/OperationDefinition/'));
    expect(ours).toEqual(
      expect.arrayContaining([
        'https://fhir.patronage.kz/OperationDefinition/PlanDefinition-apply',
        'https://fhir.patronage.kz/OperationDefinition/CarePlan-worklist',
      ]),
    );
    for (const url of ours) {
      const id = url.split('/').pop()!;
      const definition = (await gateway.client.read({
        resourceType: 'OperationDefinition',
        id,
      })) as unknown as fhir4.OperationDefinition;
      expect(definition.url).toBe(url);
      expect(definition.parameter?.every((p) => p.documentation)).toBe(true);
      const outcome = (await gateway.client.request('OperationDefinition/$validate', {
        method: 'POST',
        body: JSON.stringify(definition),
        options: { headers: { 'content-type': 'application/fhir+json' } },
      })) as unknown as fhir4.OperationOutcome;
      expect(
        outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal'),
        id,
      ).toEqual([]);
    }
    await expectOutcome(gateway.client.read({ resourceType: 'OperationDefinition', id: 'nothing-here' }), 404);
  });

  it('refuses writes to the definitions with 405', async () => {
    const plan = await gateway.client.read({ resourceType: 'PlanDefinition', id: 'patronage-antenatal' });
    await expectOutcome(
      gateway.client.update({ resourceType: 'PlanDefinition', id: 'patronage-antenatal', body: plan }),
      405,
    );
    await expectOutcome(gateway.client.delete({ resourceType: 'ActivityDefinition', id: 'visit-an1' }), 405);
  });
});

describe('$apply', () => {
  let child: Stored<fhir4.Patient>;
  beforeAll(async () => {
    child = await create(gateway.client, patient('2024-01-31', clinic.organization, { nurse: clinic.nurse }));
  });

  it('plans a child born on 31 January 2024 from a discharge on day 5 (hand-checked windows)', async () => {
    const plan = await applyPlan(gateway.client, 'patronage-child-universal', `Patient/${child.id}`, {
      dischargeDate: '2024-02-05',
    });
    expect(plan.resourceType).toBe('CarePlan');
    expect(plan.subject?.reference).toBe(`Patient/${child.id}`);
    expect(plan.instantiatesCanonical).toEqual([
      'https://fhir.patronage.kz/PlanDefinition/patronage-child-universal|0.1.0',
    ]);
    expect(activityRows(plan)).toEqual([
      ['NB-3D', '2024-02-05', '2024-02-08', 'scheduled'],
      ['U-1M', '2024-02-22', '2024-03-07', 'scheduled'],
      ['U-2M', '2024-03-24', '2024-04-07', 'scheduled'],
      ['U-3M', '2024-04-23', '2024-05-07', 'scheduled'],
      ['U-6M', '2024-07-17', '2024-08-14', 'scheduled'],
      ['U-9M', '2024-10-17', '2024-11-14', 'scheduled'],
      ['U-12M', '2025-01-17', '2025-02-14', 'scheduled'],
      ['U-18M', '2025-06-30', '2025-08-31', 'scheduled'],
      ['U-24M', '2025-12-31', '2026-02-28', 'scheduled'],
      ['U-36M', '2026-12-31', '2027-02-28', 'scheduled'],
    ]);
    expect(plan.period).toEqual({ start: '2024-01-31', end: '2029-01-31' });
  });

  it('applying the same plan again changes nothing', async () => {
    const first = (await gateway.client.search({
      resourceType: 'CarePlan',
      searchParams: { subject: `Patient/${child.id}` },
    })) as unknown as fhir4.Bundle;
    const again = await applyPlan(gateway.client, 'patronage-child-universal', `Patient/${child.id}`, {
      dischargeDate: '2024-02-05',
    });
    const after = (await gateway.client.search({
      resourceType: 'CarePlan',
      searchParams: { subject: `Patient/${child.id}` },
    })) as unknown as fhir4.Bundle;
    expect(after.entry).toHaveLength(1);
    expect(again.meta?.versionId).toBe(first.entry?.[0]?.resource?.meta?.versionId);
  });

  it('plans a pregnancy registered at week 19 from its due date', async () => {
    const woman = await create(
      gateway.client,
      patient('1995-04-02', clinic.organization, { gender: 'female', given: 'Гульнара' }),
    );
    const plan = await applyPlan(gateway.client, 'patronage-antenatal', `Patient/${woman.id}`, {
      edd: '2026-10-12',
      registered: '2026-05-20',
    });
    expect(activityRows(plan)).toEqual([
      ['AN1', '2026-05-20', '2026-06-03', 'scheduled'],
      ['AN2', '2026-08-03', '2026-08-17', 'scheduled'],
    ]);
  });

  it('answers 422 naming the subject when it is not stored, and 400 for a bad date', async () => {
    const missing = await expectOutcome(applyPlan(gateway.client, 'patronage-child-universal', 'Patient/nobody'), 422);
    expect(missing.issue[0]?.expression).toEqual(['Parameters.parameter[subject]']);
    const bad = await expectOutcome(
      applyPlan(gateway.client, 'patronage-child-universal', `Patient/${child.id}`, { dischargeDate: '2024-02-30' }),
      400,
    );
    expect(bad.issue[0]?.expression).toEqual(['Parameters.parameter[dischargeDate]']);
  });

  it('answers 422 for a pregnancy without dates and 404 for an unknown plan', async () => {
    const woman = await create(gateway.client, patient('1990-01-01', clinic.organization, { gender: 'female' }));
    await expectOutcome(applyPlan(gateway.client, 'patronage-antenatal', `Patient/${woman.id}`), 422);
    await expectOutcome(applyPlan(gateway.client, 'no-such-plan', `Patient/${woman.id}`), 404);
  });
});
