/**
 * End-to-end: plans made by the write reaction (a child registered by a create, a pregnancy
 * episode with its due date), visits completing activities, "family absent" never done, and a
 * visit outside every window stored with a warning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeServer } from './fhir-client.js';
import { VISIT_TYPE, activityRows, create, createPolyclinic, patient, today, type Stored } from './plans-fixtures.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });
let clinic: Awaited<ReturnType<typeof createPolyclinic>>;

beforeAll(async () => {
  clinic = await createPolyclinic(gateway.client);
});

async function plansOf(subject: string): Promise<fhir4.CarePlan[]> {
  const bundle = (await gateway.client.search({
    resourceType: 'CarePlan',
    searchParams: { subject },
  })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? []).map((e) => e.resource as fhir4.CarePlan);
}

function visit(
  child: Stored<fhir4.Patient>,
  code: string,
  start: string,
  outcome = 'done',
  plan?: string,
): fhir4.Encounter {
  return {
    resourceType: 'Encounter',
    status: outcome === 'done' ? 'finished' : 'cancelled',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HH' },
    type: [
      { coding: [{ system: 'http://snomed.info/sct', code: '439708006' }] },
      { coding: [{ system: VISIT_TYPE, code }] },
    ],
    extension: [
      {
        url: 'https://fhir.patronage.kz/StructureDefinition/visit-outcome',
        valueCodeableConcept: {
          coding: [{ system: 'https://fhir.patronage.kz/CodeSystem/visit-outcome', code: outcome }],
        },
      },
      ...(plan
        ? [
            {
              url: 'https://fhir.patronage.kz/StructureDefinition/based-on-careplan',
              valueReference: { reference: plan },
            },
          ]
        : []),
    ],
    subject: { reference: `Patient/${child.id}` },
    participant: [{ individual: { reference: `Practitioner/${clinic.nurse.id}` } }],
    period: { start: `${start}T10:00:00+05:00` },
  };
}

describe('automatic plans', () => {
  it('a child registered by a create gets its plan, once, from the birth date', async () => {
    const child = await create(gateway.client, patient(today(-10), clinic.organization));
    const plans = await plansOf(`Patient/${child.id}`);
    expect(plans).toHaveLength(1);
    expect(plans[0]?.activity).toHaveLength(10);
    expect(activityRows(plans[0]!)[0]).toEqual(['NB-3D', today(-10), today(-7), 'scheduled']);
    await gateway.client.update({ resourceType: 'Patient', id: child.id, body: child as never });
    expect(await plansOf(`Patient/${child.id}`)).toHaveLength(1);
  });

  it('a child registered inside a transaction (as ingest and discharge messages write) gets its plan', async () => {
    const bundle = (await gateway.client.transaction({
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: 'urn:uuid:7f1c4c52-3c3e-4c43-9a55-0b0f5f1e2d11',
            resource: patient(today(-3), clinic.organization),
            request: { method: 'POST', url: 'Patient' },
          },
        ],
      },
    })) as unknown as fhir4.Bundle;
    const location = bundle.entry?.[0]?.response?.location ?? '';
    const id = /Patient\/([^/]+)/.exec(location)?.[1];
    expect(id).toBeDefined();
    const plans = await plansOf(`Patient/${id}`);
    expect(plans).toHaveLength(1);
    expect(activityRows(plans[0]!)[0]).toEqual(['NB-3D', today(-3), today(0), 'scheduled']);
  });

  it('an adult gets no child plan', async () => {
    const mother = await create(gateway.client, patient('1991-10-18', clinic.organization, { gender: 'female' }));
    expect(await plansOf(`Patient/${mother.id}`)).toHaveLength(0);
  });

  it('a pregnancy episode with a due date gets the antenatal plan', async () => {
    const woman = await create(gateway.client, patient('1993-03-03', clinic.organization, { gender: 'female' }));
    await create<fhir4.EpisodeOfCare>(gateway.client, {
      resourceType: 'EpisodeOfCare',
      status: 'active',
      type: [{ coding: [{ system: 'https://fhir.patronage.kz/CodeSystem/episode-type', code: 'pregnancy' }] }],
      patient: { reference: `Patient/${woman.id}` },
      managingOrganization: { reference: `Organization/${clinic.organization.id}` },
      period: { start: '2026-02-10' },
    });
    expect(await plansOf(`Patient/${woman.id}`)).toHaveLength(0);
    await create<fhir4.Observation>(gateway.client, {
      resourceType: 'Observation',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '11778-8' }] },
      subject: { reference: `Patient/${woman.id}` },
      effectiveDateTime: '2026-02-10',
      valueDateTime: '2026-10-12',
    });
    const [plan] = await plansOf(`Patient/${woman.id}`);
    // LMP = 12 Oct 2026 − 280 days = 5 Jan 2026; AN1 by week 12 = 30 Mar; AN2 at week 30 = 3 Aug (+2 wk).
    expect(activityRows(plan!)).toEqual([
      ['AN1', '2026-02-10', '2026-03-30', 'scheduled'],
      ['AN2', '2026-08-03', '2026-08-17', 'scheduled'],
    ]);
  });
});

describe('visits complete activities', () => {
  let child: Stored<fhir4.Patient>;
  beforeAll(async () => {
    child = await create(gateway.client, patient(today(-40), clinic.organization));
  });

  it('a visit of the type inside its window completes the activity', async () => {
    const encounter = await create(gateway.client, visit(child, 'NB-3D', today(-39)));
    const [plan] = await plansOf(`Patient/${child.id}`);
    const nb = plan!.activity![0]!;
    expect(nb.detail?.status).toBe('completed');
    expect(nb.outcomeReference).toEqual([{ reference: `Encounter/${encounter.id}` }]);
  });

  it('family absent is recorded on the activity and leaves it scheduled', async () => {
    const encounter = await create(gateway.client, visit(child, 'U-1M', today(-10), 'family-absent'));
    const [plan] = await plansOf(`Patient/${child.id}`);
    const u1 = plan!.activity![1]!;
    expect(u1.detail?.status).toBe('scheduled');
    expect(u1.detail?.statusReason?.coding?.[0]?.code).toBe('family-absent');
    expect(u1.outcomeReference).toEqual([{ reference: `Encounter/${encounter.id}` }]);
  });

  it('a visit outside every window is stored and answered with a warning', async () => {
    const response = await fetch(`${gateway.server.baseUrl}/Encounter`, {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', prefer: 'return=OperationOutcome' },
      body: JSON.stringify(visit(child, 'U-12M', today(-5))),
    });
    expect(response.status).toBe(201);
    const outcome = (await response.json()) as fhir4.OperationOutcome;
    const warning = outcome.issue.find((i) => /outside every open window/.test(i.diagnostics ?? i.details?.text ?? ''));
    expect(warning?.severity).toBe('warning');
    expect(warning?.expression).toEqual(['Encounter.period.start']);
    const [plan] = await plansOf(`Patient/${child.id}`);
    expect(plan!.activity!.find((a) => a.detail?.code?.coding?.[0]?.code === 'U-12M')?.detail?.status).toBe(
      'scheduled',
    );
  });

  it('the same visit recorded twice changes the plan once', async () => {
    const [before] = await plansOf(`Patient/${child.id}`);
    const nbVisit = before!.activity![0]!.outcomeReference![0]!.reference!;
    const stored = await gateway.client.read({ resourceType: 'Encounter', id: nbVisit.split('/')[1]! });
    await gateway.client.update({ resourceType: 'Encounter', id: nbVisit.split('/')[1]!, body: stored });
    const [after] = await plansOf(`Patient/${child.id}`);
    expect(after!.meta?.versionId).toBe(before!.meta?.versionId);
  });
});
