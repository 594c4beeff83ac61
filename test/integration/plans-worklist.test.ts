/**
 * End-to-end: `$worklist` of a polyclinic, a nurse and a region (KATO prefix): open referrals
 * first by priority, then overdue visits by days overdue, then visits due; paged; with counts.
 * Dates are relative to today, since the server's clock is the real one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { expectOutcome, useNodeServer } from './fhir-client.js';
import { create, createPolyclinic, patient, today, type Stored } from './plans-fixtures.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });
let clinic: Awaited<ReturnType<typeof createPolyclinic>>;
let older: Stored<fhir4.Patient>;
let newborn: Stored<fhir4.Patient>;

type Part = fhir4.ParametersParameter;
const value = (item: Part, name: string) => {
  const part = item.part?.find((p) => p.name === name);
  return part?.valueCode ?? part?.valueInteger ?? part?.valueString ?? part?.valueReference?.reference;
};

async function worklist(query: string): Promise<fhir4.Parameters> {
  const response = await fetch(`${gateway.server.baseUrl}/CarePlan/$worklist?${query}`, {
    headers: { accept: 'application/fhir+json' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as fhir4.Parameters;
}
const items = (p: fhir4.Parameters) => (p.parameter ?? []).filter((x) => x.name === 'item');
const summary = (p: fhir4.Parameters) =>
  Object.fromEntries((p.parameter?.find((x) => x.name === 'summary')?.part ?? []).map((x) => [x.name, x.valueInteger]));

beforeAll(async () => {
  clinic = await createPolyclinic(gateway.client);
  older = await create(
    gateway.client,
    patient(today(-40), clinic.organization, { nurse: clinic.nurse, kato: '473630000' }),
  );
  newborn = await create(gateway.client, patient(today(-2), clinic.organization, { kato: '751110000', given: 'Айша' }));
  await create<fhir4.Observation>(gateway.client, {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'https://fhir.patronage.kz/CodeSystem/danger-sign', code: 'convulsions' }] },
    subject: { reference: `Patient/${older.id}` },
    effectiveDateTime: today(),
    performer: [{ reference: `Practitioner/${clinic.nurse.id}` }],
    valueBoolean: true,
  });
});

describe('$worklist', () => {
  it("lists a polyclinic's open referral first, then overdue visits, then visits due, with address and reason", async () => {
    const list = items(
      await worklist(`organization=Organization/${clinic.organization.id}&from=${today()}&to=${today()}`),
    );
    expect(value(list[0]!, 'kind')).toBe('referral');
    expect(value(list[0]!, 'priority')).toBe('stat');
    expect(value(list[0]!, 'subject')).toBe(`Patient/${older.id}`);
    expect(value(list[0]!, 'reason')).toMatch(/Danger sign in the child/);
    // NB-3D window closed 3 days after birth, 40 days ago: 37 days overdue, the most overdue visit.
    expect(value(list[1]!, 'state')).toBe('overdue');
    expect(value(list[1]!, 'visitType')).toBe('NB-3D');
    expect(value(list[1]!, 'daysOverdue')).toBe(37);
    expect(value(list[1]!, 'address')).toBe('ул. Абая 64 кв. 71, Актау'.split(',')[0]);
    const due = list.filter((i) => value(i, 'state') === 'due');
    expect(due.map((i) => [value(i, 'subject'), value(i, 'visitType')])).toContainEqual([
      `Patient/${newborn.id}`,
      'NB-3D',
    ]);
    const states = list.map((i) => value(i, 'state'));
    expect(states.lastIndexOf('overdue')).toBeLessThan(states.indexOf('due'));
  });

  it("narrows to a nurse's families and to a region by KATO prefix", async () => {
    const nurse = items(await worklist(`practitioner=Practitioner/${clinic.nurse.id}`));
    expect(new Set(nurse.map((i) => value(i, 'subject')))).toEqual(new Set([`Patient/${older.id}`]));
    const almaty = items(await worklist(`organization=Organization/${clinic.organization.id}&kato=75`));
    expect(new Set(almaty.map((i) => value(i, 'subject')))).toEqual(new Set([`Patient/${newborn.id}`]));
  });

  it('pages and counts per state for the polyclinic and for a region', async () => {
    const query = `organization=Organization/${clinic.organization.id}`;
    const whole = await worklist(query);
    const second = items(await worklist(`${query}&_count=1&page=2`));
    expect(second).toHaveLength(1);
    expect(second[0]).toEqual(items(whole)[1]);
    const counts = summary(await worklist(`${query}&summary=true`));
    expect(counts.openReferrals).toBe(1);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.due).toBeGreaterThanOrEqual(1);
    // 10 universal visits each, 2 progressive visits after the danger sign.
    expect(counts.overdue! + counts.due! + counts.upcoming! + counts.completed! + counts.cancelled!).toBe(22);
    const region = summary(await worklist('kato=75'));
    expect(region.openReferrals).toBe(0);
    expect(region.overdue! + region.due! + region.upcoming!).toBe(10);
    expect(items(await worklist(`${query}&summary=true`))).toHaveLength(0);
  });

  it('lists the same lines and counts from the open-visit index as from reading the plans', async () => {
    // organization alone is answered from the index; with kato the gateway reads the plans.
    const org = `organization=Organization/${clinic.organization.id}`;
    const indexed = await worklist(org);
    const [east, south] = [await worklist(`${org}&kato=47`), await worklist(`${org}&kato=75`)];
    const key = (item: Part) => JSON.stringify(item);
    expect(new Set(items(indexed).map(key))).toEqual(new Set([...items(east), ...items(south)].map(key)));
    const sum = Object.fromEntries(
      Object.entries(summary(east)).map(([name, n]) => [name, n! + (summary(south)[name] ?? 0)]),
    );
    expect(summary(indexed)).toEqual(sum);
    const total = (p: fhir4.Parameters) => p.parameter?.find((x) => x.name === 'total')?.valueInteger;
    expect(total(indexed)).toBe(total(east)! + total(south)!);
  });

  it('answers 400 naming the parameter for bad input', async () => {
    const kato = await fetch(`${gateway.server.baseUrl}/CarePlan/$worklist?kato=abc`);
    expect(kato.status).toBe(400);
    expect(((await kato.json()) as fhir4.OperationOutcome).issue[0]?.expression).toEqual(['kato']);
    const none = await fetch(`${gateway.server.baseUrl}/CarePlan/$worklist`);
    expect(none.status).toBe(400);
    await expectOutcome(gateway.client.request(`CarePlan/$worklist?organization=Organization/x&from=2026-02-30`), 400);
  });
});
