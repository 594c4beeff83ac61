/**
 * The authorisation matrix, continued (the first file holds the core): patients attached to a
 * polyclinic by `generalPractitioner` alone (the polyclinic, or one of its PractitionerRoles), a
 * nurse's own caseload (`AUTH_NURSE_CASELOAD=own`), type and system history for restricted
 * callers, and `$worklist` from the narrowed open-visit index. A second file so that each stays
 * under 20 s; both start the real server with real signed tokens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDS, boyIin, statusOf, useSecuredGateway, type Role } from './access-fixtures.js';
import { ids, matrixCalls, observation } from './matrix-calls.js';

// Nurses with a practitioner claim see their own caseload only (caseloadNurseA); the other roles carry no `nurse` role.
const gateway = useSecuredGateway({ AUTH_NURSE_CASELOAD: 'own' });

type Bundle = fhir4.Bundle;

const { get, search, countAs } = matrixCalls(gateway);

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

describe('type and system history for restricted callers', () => {
  const history = async (role: Role, path: string) => (await get(role, path)) as unknown as Bundle;
  const references = (bundle: Bundle) =>
    (bundle.entry ?? []).map((e) => e.request?.url.replace(/^(\w+)$/, (t) => `${t}/${e.resource?.id}`) ?? '');
  const next = (bundle: Bundle) => bundle.link?.find((l) => l.relation === 'next')?.url;

  it('type history lists only the compartment’s versions and reports no total', async () => {
    const bundle = await history('nurseB', '/Observation/_history?_count=100');
    expect(bundle.total).toBeUndefined();
    const seen = new Set(references(bundle));
    expect(seen.has(`Observation/${IDS.obsB}`)).toBe(true);
    expect(seen.has(`Observation/${IDS.obsA}`)).toBe(false);
    expect([...seen].every((r) => r === `Observation/${IDS.obsB}`)).toBe(true);
    // The administrator's history of the same type has the other polyclinic's, and a total.
    const all = await history('admin', '/Observation/_history?_count=100');
    expect(all.total).toBeGreaterThan(1);
    expect(references(all)).toContain(`Observation/${IDS.obsA}`);
  });

  it('system history lists only what the caller may see: its patients, shared records, no labels, no AuditEvents', async () => {
    // From the first seeded record on: the guide's definitions stored at start are large, and the
    // test setup validates every Bundle it receives.
    const first = (await gateway
      .client('admin')
      .read({ resourceType: 'Organization', id: IDS.orgA })) as fhir4.Resource;
    const since = encodeURIComponent(first.meta!.lastUpdated!);
    const bundle = await history('nurseB', `/_history?_count=1000&_since=${since}`);
    expect(bundle.total).toBeUndefined();
    const seen = new Set(references(bundle));
    expect(seen.has(`Patient/${IDS.patientB}`)).toBe(true);
    expect(seen.has(`Organization/${IDS.orgB}`)).toBe(true);
    for (const hidden of [`Patient/${IDS.patientA}`, `Observation/${IDS.obsA}`, `Flag/${IDS.flagA}`])
      expect(seen.has(hidden)).toBe(false);
    expect([...seen].some((r) => r.startsWith('AuditEvent/'))).toBe(false);
  });

  it('pages of one version each walk the visible versions without gaps or repeats, and the last has no next link', async () => {
    const whole = references(await history('nurseB', '/Observation/_history?_count=100'));
    const paged: string[] = [];
    let url: string | undefined = `${gateway.server.baseUrl}/Observation/_history?_count=1`;
    for (let pages = 0; url && pages < 50; pages++) {
      const path = url.slice(gateway.server.baseUrl.length);
      const page = await history('nurseB', path);
      paged.push(...references(page));
      url = next(page);
    }
    expect(paged).toEqual(whole);
    expect(url).toBeUndefined();
  });

  it('a caseload nurse’s type history has only her patients’ versions', async () => {
    const seen = new Set(references(await history('caseloadNurseA', '/Patient/_history?_count=100')));
    expect([...seen].sort()).toEqual([`Patient/child-gp-nurse`, `Patient/child-gp-role`]);
  });
});
