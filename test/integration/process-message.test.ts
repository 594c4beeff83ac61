/**
 * End-to-end: maternity discharge and IIN assignment messages at `POST /fhir/$process-message`
 * on the real Node server, with fhir-kit-client. Valid, invalid (located errors, nothing
 * stored), duplicate (answered the same, nothing written twice), and out of order (the IIN
 * arrives before the discharge); a later IIN merges onto the provisional Patient, keeping its id
 * and every reference to it.
 */
import { describe, expect, it } from 'vitest';
import { IIN_SYSTEM, PROVISIONAL_NEWBORN_SYSTEM } from '../../src/fhir/canonical.js';
import {
  dischargeMessage,
  iinAssignmentMessage,
  iinFrom,
  polyclinicExample,
  provisionalOf,
} from './discharge-messages.js';
import { useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

/** POSTs `message`; the status and the response message. */
async function post(message: fhir4.Bundle): Promise<{ status: number; bundle: fhir4.Bundle }> {
  try {
    const bundle = (await gateway.client.operation({
      name: '$process-message',
      method: 'POST',
      input: message as never,
    })) as unknown as fhir4.Bundle;
    return { status: 200, bundle };
  } catch (error) {
    const { response } = error as { response?: { status: number; data: fhir4.Bundle } };
    if (!response) throw error;
    return { status: response.status, bundle: response.data };
  }
}

const headerOf = (bundle: fhir4.Bundle) => bundle.entry![0]!.resource as fhir4.MessageHeader;
const outcomeOf = (bundle: fhir4.Bundle) =>
  bundle.entry!.find((e) => e.resource?.resourceType === 'OperationOutcome')?.resource as fhir4.OperationOutcome;

async function search<T extends fhir4.Resource>(resourceType: string, params: Record<string, string>): Promise<T[]> {
  const bundle = (await gateway.client.search({ resourceType, searchParams: params })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource as T);
}

const byProvisional = (value: string) =>
  search<fhir4.Patient>('Patient', { identifier: `${PROVISIONAL_NEWBORN_SYSTEM}|${value}` });
const childPrefix = '2611206'; // a girl born 2026-11-20
let serial = 0;
const nextMother = () => iinFrom('9205084', ++serial);

describe('$process-message: maternity discharge', () => {
  it('registers the child under a provisional identifier, links the mother, records the birth', async () => {
    const polyclinic = (await gateway.client.create({
      resourceType: 'Organization',
      body: polyclinicExample() as never,
    })) as fhir4.Organization;
    const d = {
      messageId: 'discharge-1',
      motherIin: nextMother(),
      grams: 2450,
      weeks: 35,
      polyclinic: `Organization/${polyclinic.id!}`,
    };
    const { status, bundle } = await post(dischargeMessage(d));
    expect(status).toBe(200);
    expect(bundle.type).toBe('message');
    const header = headerOf(bundle);
    expect(header.response).toMatchObject({ code: 'ok' });
    const [child] = await byProvisional(provisionalOf(d));
    expect(header.focus![0]!.reference).toBe(`Patient/${child!.id!}`);
    const mothers = await search<fhir4.RelatedPerson>('RelatedPerson', { patient: `Patient/${child!.id!}` });
    expect(mothers.map((m) => m.identifier![0]!.value)).toEqual([d.motherIin]);
    const observations = await search<fhir4.Observation>('Observation', { subject: `Patient/${child!.id!}` });
    const values = Object.fromEntries(observations.map((o) => [o.code.coding![0]!.code!, o.valueQuantity!.value]));
    expect(values).toEqual({ '8339-4': 2450, '76516-4': 35 });
    const [risk] = await search<fhir4.RiskAssessment>('RiskAssessment', { subject: `Patient/${child!.id!}` });
    expect(risk!.prediction![0]!.outcome!.coding![0]!.code).toBe('high');
    expect(risk!.basis!.map((b) => b.reference!.split('/')[0])).toEqual(['Observation', 'Observation']);
    // The write reactions ran: a registered child gets its visit plan.
    expect(await search('CarePlan', { subject: `Patient/${child!.id!}` })).not.toEqual([]);
  });

  it('answers a resent message with the first response and writes nothing', async () => {
    const d = { messageId: 'discharge-dup', motherIin: nextMother() };
    const message = dischargeMessage(d);
    const first = await post(message);
    const second = await post(message);
    expect(second).toEqual(first);
    const [child, ...more] = await byProvisional(provisionalOf(d));
    expect(more).toEqual([]);
    expect(child!.meta!.versionId).toBe('1');
    expect(await search('Observation', { subject: `Patient/${child!.id!}` })).toHaveLength(2);
  });

  // Several rounds: a copy that commits after another planned but before it resolved its receipt
  // once created a second child (the receipt was a conditional create that found the first's).
  it.each([1, 2, 3, 4, 5])('processes concurrent copies of one message once (round %i)', async (round) => {
    const d = { messageId: `discharge-race-${round}`, motherIin: nextMother() };
    const message = dischargeMessage(d);
    const answers = await Promise.all([post(message), post(message), post(message), post(message)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => JSON.stringify(a.bundle))).size).toBe(1);
    expect(await byProvisional(provisionalOf(d))).toHaveLength(1);
  });

  it('refuses an invalid message with a located error per problem and stores nothing', async () => {
    const d = { messageId: 'discharge-bad', motherIin: nextMother() };
    const message = dischargeMessage(d);
    (message.entry![3]!.resource as fhir4.Observation).valueQuantity!.code = 'kg-not-a-unit';
    delete (message.entry![1]!.resource as fhir4.Patient).gender;
    const { status, bundle } = await post(message);
    expect(status).toBe(422);
    expect(headerOf(bundle).response).toMatchObject({ code: 'fatal-error' });
    const where = outcomeOf(bundle).issue.flatMap((i) => i.expression ?? []);
    expect(where.some((e) => e.startsWith('Bundle.entry[1].resource.gender'))).toBe(true);
    expect(where.some((e) => e.startsWith('Bundle.entry[3].resource.valueQuantity'))).toBe(true);
    expect(await byProvisional(provisionalOf(d))).toEqual([]);
    expect(await search('RelatedPerson', { identifier: `${IIN_SYSTEM}|${d.motherIin}` })).toEqual([]);
  });

  it('refuses a message that lacks a part, an unknown event, and a child reference that is wrong', async () => {
    const d = { messageId: 'discharge-parts', motherIin: nextMother() };
    const missing = dischargeMessage(d);
    missing.entry!.splice(4, 1);
    const a = await post(missing);
    expect(a.status).toBe(422);
    expect(outcomeOf(a.bundle).issue[0]!.diagnostics ?? outcomeOf(a.bundle).issue[0]!.details!.text).toContain(
      'gestationalAge',
    );
    const unknown = dischargeMessage({ ...d, messageId: 'discharge-event' });
    (unknown.entry![0]!.resource as fhir4.MessageHeader).eventCoding!.code = 'admission';
    const b = await post(unknown);
    expect(outcomeOf(b.bundle).issue[0]!.expression).toEqual(['Bundle.entry[0].resource.eventCoding']);
    const wrong = dischargeMessage({ ...d, messageId: 'discharge-ref' });
    (wrong.entry![3]!.resource as fhir4.Observation).subject = { reference: 'urn:uuid:someone-else' };
    const c = await post(wrong);
    expect(outcomeOf(c.bundle).issue.flatMap((i) => i.expression)).toContain('Bundle.entry[3].resource.subject');
    expect(await byProvisional(provisionalOf(d))).toEqual([]);
  });

  it('answers 400 with an OperationOutcome when the body is not a message', async () => {
    const { status, bundle } = await post({ resourceType: 'Bundle', type: 'collection' } as fhir4.Bundle);
    expect(status).toBe(400);
    const outcome = bundle as unknown as fhir4.OperationOutcome;
    expect(outcome.issue[0]!.expression).toEqual(['Bundle.type']);
  });
});

describe('$process-message: IIN assignment', () => {
  it('merges a later IIN onto the provisional Patient, keeping its id, data and every reference', async () => {
    const d = { messageId: 'discharge-then-iin', motherIin: nextMother() };
    await post(dischargeMessage(d));
    const [before] = await byProvisional(provisionalOf(d));
    const iin = iinFrom(childPrefix, 1);
    const { status, bundle } = await post(iinAssignmentMessage('iin-1', provisionalOf(d), iin));
    expect(status).toBe(200);
    expect(headerOf(bundle).focus![0]!.reference).toBe(`Patient/${before!.id!}`);
    const [after, ...more] = await search<fhir4.Patient>('Patient', { identifier: `${IIN_SYSTEM}|${iin}` });
    expect(more).toEqual([]);
    expect(after!.id).toBe(before!.id);
    const { meta: _a, identifier: idsAfter, ...restAfter } = after!;
    const { meta: _b, identifier: idsBefore, ...restBefore } = before!;
    expect(restAfter).toEqual(restBefore);
    expect(idsAfter).toEqual([...idsBefore!, { system: IIN_SYSTEM, value: iin }]);
    for (const type of ['RelatedPerson', 'Observation', 'RiskAssessment']) {
      const field = type === 'RelatedPerson' ? 'patient' : 'subject';
      const found = await search(type, { [`${field}:Patient.identifier`]: `${IIN_SYSTEM}|${iin}` });
      expect(found.length, type).toBeGreaterThan(0);
    }
  });

  it('registers the child when the IIN arrives before the discharge, which then merges onto it', async () => {
    const d = { messageId: 'iin-first-discharge', motherIin: nextMother() };
    const iin = iinFrom(childPrefix, 2);
    expect((await post(iinAssignmentMessage('iin-2', provisionalOf(d), iin))).status).toBe(200);
    const [early] = await byProvisional(provisionalOf(d));
    const { status, bundle } = await post(dischargeMessage(d));
    expect(status).toBe(200);
    expect(headerOf(bundle).focus![0]!.reference).toBe(`Patient/${early!.id!}`);
    const [child, ...more] = await search<fhir4.Patient>('Patient', { identifier: `${IIN_SYSTEM}|${iin}` });
    expect(more).toEqual([]);
    expect(child!.id).toBe(early!.id);
    expect(child!.name?.[0]?.family).toBe('Нурланова');
  });

  it('refuses an IIN that contradicts the one the child holds, and changes nothing', async () => {
    const d = { messageId: 'discharge-iin-clash', motherIin: nextMother(), childIin: iinFrom(childPrefix, 3) };
    await post(dischargeMessage(d));
    const { status, bundle } = await post(iinAssignmentMessage('iin-3', provisionalOf(d), iinFrom(childPrefix, 4)));
    expect(status).toBe(422);
    expect(outcomeOf(bundle).issue[0]).toMatchObject({
      code: 'conflict',
      expression: ['Bundle.entry[1].resource.identifier[0]'],
    });
    const [child] = await byProvisional(provisionalOf(d));
    expect(child!.meta!.versionId).toBe('1');
  });
});

describe('$process-message in the CapabilityStatement', () => {
  it('lists the operation on the server', async () => {
    const statement = (await gateway.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    expect(statement.rest![0]!.operation).toContainEqual(expect.objectContaining({ name: 'process-message' }));
  });
});
