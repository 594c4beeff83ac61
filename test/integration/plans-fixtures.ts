/**
 * Families for the plans tests, created over HTTP: a polyclinic, a nurse, children and women.
 */
import type { Client } from 'fhir-kit-client';

export const KATO_URL = 'https://fhir.patronage.kz/StructureDefinition/kato';
export const VISIT_TYPE = 'https://fhir.patronage.kz/CodeSystem/patronage-visit-type';

/** A stored resource with its id. */
export type Stored<T extends fhir4.Resource> = T & { id: string };

/** Creates `resource` and returns it as stored. */
export async function create<T extends fhir4.Resource>(client: Client, resource: T): Promise<Stored<T>> {
  return (await client.create({
    resourceType: resource.resourceType,
    body: resource as T & Record<string, unknown>,
  })) as unknown as Stored<T>;
}

/** A polyclinic and a nurse. */
export async function createPolyclinic(client: Client, name = 'Polyclinic 3') {
  const organization = await create<fhir4.Organization>(client, { resourceType: 'Organization', name });
  const nurse = await create<fhir4.Practitioner>(client, { resourceType: 'Practitioner', name: [{ family: 'Nurse' }] });
  return { organization, nurse };
}

/** A patient attached to `organization`, living at an address with `kato`. */
export function patient(
  birthDate: string,
  organization: Stored<fhir4.Organization>,
  options: { gender?: 'male' | 'female'; kato?: string; nurse?: Stored<fhir4.Practitioner>; given?: string } = {},
): fhir4.Patient {
  return {
    resourceType: 'Patient',
    name: [{ family: 'Касымов', given: [options.given ?? 'Алихан'] }],
    gender: options.gender ?? 'male',
    birthDate,
    managingOrganization: { reference: `Organization/${organization.id}` },
    ...(options.nurse ? { generalPractitioner: [{ reference: `Practitioner/${options.nurse.id}` }] } : {}),
    address: [
      {
        text: 'ул. Абая 64 кв. 71',
        city: 'Актау',
        extension: [
          {
            url: KATO_URL,
            valueCoding: { system: 'https://fhir.patronage.kz/sid/kato', code: options.kato ?? '473630000' },
          },
        ],
      },
    ],
  };
}

/** `$apply` of a plan to a subject with extra date parameters. */
export async function applyPlan(client: Client, planId: string, subject: string, dates: Record<string, string> = {}) {
  const input: fhir4.Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'subject', valueString: subject },
      ...Object.entries(dates).map(([name, valueDate]) => ({ name, valueDate })),
    ],
  };
  return (await client.operation({
    name: '$apply',
    resourceType: 'PlanDefinition',
    id: planId,
    method: 'POST',
    input: input as never,
  })) as unknown as fhir4.CarePlan;
}

/** `[code, start, end, status]` of each activity. */
export function activityRows(plan: fhir4.CarePlan): string[][] {
  return (plan.activity ?? []).map((a) => [
    a.detail?.code?.coding?.[0]?.code ?? '',
    a.detail?.scheduledPeriod?.start ?? '',
    a.detail?.scheduledPeriod?.end ?? '',
    a.detail?.status ?? '',
  ]);
}

/** Today's date on this machine (the server's clock), shifted by `days`. */
export function today(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
