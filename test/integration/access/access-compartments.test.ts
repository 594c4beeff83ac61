/**
 * The authorisation matrix, continued (the first file holds the core): patients attached to a
 * polyclinic by `generalPractitioner` alone (the polyclinic, or one of its PractitionerRoles), a
 * nurse's own caseload (`AUTH_NURSE_CASELOAD=own`), type and system history for restricted
 * callers, and `$worklist` from the narrowed open-visit index. A second file so that each stays
 * under 20 s; both start the real server with real signed tokens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDS, boyIin, statusOf, useSecuredGateway, type Role } from './access-fixtures.js';

// Nurses with a practitioner claim see their own caseload only (caseloadNurseA); the other roles carry no `nurse` role.
const gateway = useSecuredGateway({ AUTH_NURSE_CASELOAD: 'own' });

type Bundle = fhir4.Bundle;

/** GET below the FHIR base with `role`'s token; the parsed body. */
async function get(role: Role, path: string): Promise<fhir4.Resource> {
  const response = await fetch(`${gateway.server.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${gateway.tokens[role]}` },
  });
  return (await response.json()) as fhir4.Resource;
}

const ids = (bundle: Bundle, type?: string) =>
  (bundle.entry ?? [])
    .filter((e) => !type || e.resource?.resourceType === type)
    .map((e) => `${e.resource?.resourceType}/${e.resource?.id}`)
    .sort();

async function search(role: Role, resourceType: string, searchParams: Record<string, string> = {}): Promise<Bundle> {
  return (await gateway
    .client(role)
    .search({ resourceType, searchParams: { _total: 'accurate', ...searchParams } })) as unknown as Bundle;
}

async function countAs(role: Role, resourceType: string, searchParams: Record<string, string> = {}): Promise<number> {
  const bundle = (await gateway
    .client(role)
    .search({ resourceType, searchParams: { ...searchParams, _summary: 'count' } })) as unknown as Bundle;
  return bundle.total ?? -1;
}

const observation = (id: string | undefined, patient: string) => ({
  resourceType: 'Observation',
  ...(id ? { id } : {}),
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: '2026-11-20',
  valueQuantity: { value: 7.4, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

describe('attachment by generalPractitioner, and a nurse’s own caseload', () => {
  // Each patient is attached to polyclinic A one way only.
  const byOrganization = 'child-gp-org';
  const byRole = 'child-gp-role';
  const byPractitioner = 'child-gp-nurse';
  const roleObservation = 'weight-gp-role';
  const patient = (id: string, serial: number, attachment: Partial<fhir4.Patient>) => ({
    resourceType: 'Patient',
    id,
    identifier: [{ system: 'https://fhir.patronage.kz/sid/iin', value: boyIin(serial) }],
    gender: 'male',
    birthDate: '2026-05-01',
    ...attachment,
  });

  beforeAll(async () => {
    const admin = gateway.client('admin');
    const resources = [
      { resourceType: 'Practitioner', id: IDS.nurseAigerim, name: [{ family: 'Nurse', given: ['Aigerim'] }] },
      {
        resourceType: 'PractitionerRole',
        id: IDS.roleAigerimA,
        practitioner: { reference: `Practitioner/${IDS.nurseAigerim}` },
        organization: { reference: `Organization/${IDS.orgA}` },
      },
      patient(byOrganization, 300, { generalPractitioner: [{ reference: `Organization/${IDS.orgA}` }] }),
      patient(byRole, 310, { generalPractitioner: [{ reference: `PractitionerRole/${IDS.roleAigerimA}` }] }),
      patient(byPractitioner, 320, {
        managingOrganization: { reference: `Organization/${IDS.orgA}` },
        generalPractitioner: [{ reference: `Practitioner/${IDS.nurseAigerim}` }],
      }),
      observation(roleObservation, byRole),
    ];
    for (const resource of resources)
      await admin.update({ resourceType: resource.resourceType, id: resource.id, body: resource });
  });

  it.each<[Role, string, number]>([
    ['nurseA', byOrganization, 200],
    ['nurseA', byRole, 200],
    ['nurseB', byOrganization, 404],
    ['nurseB', byRole, 404],
    ['regionAlmaty', byRole, 200],
    ['caseloadNurseA', byRole, 200],
    ['caseloadNurseA', byPractitioner, 200],
    ['caseloadNurseA', byOrganization, 404],
    ['caseloadNurseA', IDS.patientA, 404],
  ])('%s reads Patient/%s → %i', async (role, id, status) => {
    expect(await statusOf(gateway.client(role).read({ resourceType: 'Patient', id }))).toBe(status);
  });

  it('a polyclinic’s search finds and counts patients attached by generalPractitioner, and their records', async () => {
    const patients = await search('nurseA', 'Patient');
    expect(ids(patients)).toEqual(
      [IDS.patientA, byOrganization, byPractitioner, byRole].map((id) => `Patient/${id}`).sort(),
    );
    expect(patients.total).toBe(4);
    const observations = await search('nurseA', 'Observation', { subject: `Patient/${byRole}` });
    expect(ids(observations)).toEqual([`Observation/${roleObservation}`]);
    expect(await countAs('nurseB', 'Observation', { subject: `Patient/${byRole}` })).toBe(0);
  });

  it('a nurse’s caseload search finds and counts her patients only', async () => {
    const patients = await search('caseloadNurseA', 'Patient');
    expect(ids(patients)).toEqual([`Patient/${byPractitioner}`, `Patient/${byRole}`]);
    expect(patients.total).toBe(2);
    expect(ids(await search('caseloadNurseA', 'Observation'))).toEqual([`Observation/${roleObservation}`]);
    expect(await countAs('caseloadNurseA', 'Observation')).toBe(1);
  });

  it('a nurse writes for her caseload (201) but not for the rest of her polyclinic (403)', async () => {
    const nurse = gateway.client('caseloadNurseA');
    const before = await countAs('admin', 'Observation');
    expect(await statusOf(nurse.create({ resourceType: 'Observation', body: observation(undefined, byRole) }))).toBe(
      201,
    );
    expect(
      await statusOf(nurse.create({ resourceType: 'Observation', body: observation(undefined, IDS.patientA) })),
    ).toBe(403);
    expect(await countAs('admin', 'Observation')).toBe(before + 1);
  });

  it('$worklist: a polyclinic lists the children attached to it; a nurse, only her caseload’s', async () => {
    const worklist = async (role: Role) =>
      JSON.stringify(await get(role, `/CarePlan/$worklist?organization=Organization/${IDS.orgA}&_count=100`));
    // The administrator's list has both children, so the nurse's shorter list means something.
    const admin = await worklist('admin');
    expect(admin).toContain(`Patient/${IDS.patientA}`);
    expect(admin).toContain(`Patient/${byPractitioner}`);
    const polyclinic = await worklist('nurseA');
    expect(polyclinic).toContain(`Patient/${IDS.patientA}`);
    expect(polyclinic).toContain(`Patient/${byPractitioner}`);
    const caseload = await worklist('caseloadNurseA');
    expect(caseload).toContain(`Patient/${byPractitioner}`);
    expect(caseload).not.toContain(`Patient/${IDS.patientA}`);
    expect(await worklist('nurseB')).not.toContain(`Patient/${byPractitioner}`);
  });

  it('handing a patient to another nurse takes it out of the caseload, and she cannot do it herself', async () => {
    const nurse = gateway.client('caseloadNurseA');
    const stored = (await nurse.read({ resourceType: 'Patient', id: byPractitioner })) as fhir4.Patient;
    const handed = { ...stored, generalPractitioner: [{ reference: 'Practitioner/someone-else' }] };
    expect(await statusOf(nurse.update({ resourceType: 'Patient', id: byPractitioner, body: handed }))).toBe(403);
    expect(await statusOf(nurse.read({ resourceType: 'Patient', id: byPractitioner }))).toBe(200);
  });
});
