/**
 * AuditEvents: every read, search, write and refusal leaves exactly the expected events; a
 * write's event commits with it; a refused write leaves its refusal and nothing else; no event
 * carries the clinical payload, a name or a token.
 */
import { describe, expect, it } from 'vitest';
import { IDS, mint, ROLES, statusOf, useSecuredGateway } from './access-fixtures.js';

const gateway = useSecuredGateway();

/** Every AuditEvent whose requestor is `subject`, oldest first. */
async function eventsBy(subject: string): Promise<fhir4.AuditEvent[]> {
  const bundle = (await gateway
    .client('admin')
    .search({ resourceType: 'AuditEvent', searchParams: { _count: '1000' } })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? [])
    .map((e) => e.resource as fhir4.AuditEvent)
    .filter((event) => event.agent.some((a) => a.requestor && a.who?.identifier?.value === subject))
    .sort((a, b) => a.recorded.localeCompare(b.recorded));
}

/** The events `subject` leaves while `act` runs. */
async function newEvents(subject: string, act: () => Promise<unknown>): Promise<fhir4.AuditEvent[]> {
  const before = new Set((await eventsBy(subject)).map((e) => e.id));
  await act();
  return (await eventsBy(subject)).filter((e) => !before.has(e.id));
}

// The records an event names (its request id is an entity too, with an identifier, not a reference).
const references = (event: fhir4.AuditEvent) =>
  (event.entity ?? []).flatMap((e) => (e.what?.reference ? [e.what.reference] : [])).sort();

const weight = (patient: string) => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
  subject: { reference: `Patient/${patient}` },
  effectiveDateTime: '2026-11-21',
  valueQuantity: { value: 8.123, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
});

describe('audit trail', () => {
  it('a read leaves one event: who, what, the patient, success', async () => {
    const events = await newEvents('nurse-a', () =>
      gateway.client('nurseA').read({ resourceType: 'Observation', id: IDS.obsA }),
    );
    expect(events).toHaveLength(1);
    const [event] = events as [fhir4.AuditEvent];
    expect(event.action).toBe('R');
    expect(event.subtype?.[0]?.code).toBe('read');
    expect(event.outcome).toBe('0');
    expect(references(event)).toEqual([`Observation/${IDS.obsA}`, `Patient/${IDS.patientA}`]);
    expect(event.agent[0]?.network?.address).toBeDefined();
  });

  it('a search leaves one event naming the patients it returned', async () => {
    const events = await newEvents('nurse-a', () =>
      gateway.client('nurseA').search({ resourceType: 'Patient', searchParams: {} }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('E');
    expect(events[0]!.subtype?.[0]?.code).toBe('search-type');
    expect(references(events[0]!)).toEqual([`Patient/${IDS.patientA}`]);
  });

  it('a create leaves one event, committed with the write', async () => {
    let created: fhir4.Observation | undefined;
    const events = await newEvents('nurse-a', async () => {
      created = (await gateway
        .client('nurseA')
        .create({ resourceType: 'Observation', body: weight(IDS.patientA) })) as unknown as fhir4.Observation;
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('C');
    expect(events[0]!.outcome).toBe('0');
    expect(references(events[0]!)).toEqual([`Observation/${created!.id}`, `Patient/${IDS.patientA}`]);
  });

  it('a transaction leaves one event listing each write', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'POST', url: 'Observation' }, resource: weight(IDS.patientA) },
        { request: { method: 'POST', url: 'Observation' }, resource: weight(IDS.patientA) },
      ],
    };
    const events = await newEvents('nurse-a', () => gateway.client('nurseA').transaction({ body: bundle }));
    expect(events).toHaveLength(1);
    expect(events[0]!.subtype?.[0]?.code).toBe('transaction');
    expect(references(events[0]!).filter((r) => r?.startsWith('Observation/'))).toHaveLength(2);
  });

  it('a refused write leaves its refusal audited and nothing else', async () => {
    const count = async () =>
      (
        (await gateway
          .client('admin')
          .search({ resourceType: 'Observation', searchParams: { _summary: 'count' } })) as unknown as fhir4.Bundle
      ).total;
    const before = await count();
    const events = await newEvents('nurse-a', async () => {
      expect(
        await statusOf(gateway.client('nurseA').create({ resourceType: 'Observation', body: weight(IDS.patientB) })),
      ).toBe(403);
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.action).toBe('C');
    expect(events[0]!.outcome).toBe('4');
    expect(events[0]!.outcomeDesc).toBe('HTTP 403');
    expect(await count()).toBe(before);
  });

  it('a request without a valid token is audited as unauthenticated', async () => {
    const events = await newEvents('unauthenticated', async () => {
      const token = await mint(gateway.key, ROLES.nurseA, { audience: 'elsewhere' });
      expect(await statusOf(gateway.clientWith(token).read({ resourceType: 'Patient', id: IDS.patientA }))).toBe(401);
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.outcome).toBe('4');
    expect(references(events[0]!)).toEqual([]);
  });

  it('no event carries the clinical payload, a name, or a token', async () => {
    const bundle = (await gateway
      .client('admin')
      .search({ resourceType: 'AuditEvent', searchParams: { _count: '1000' } })) as unknown as fhir4.Bundle;
    const text = JSON.stringify(bundle);
    expect(bundle.entry?.length).toBeGreaterThan(5);
    for (const secret of ['8.123', 'Alpha', 'Beta', 'safeguarding concern', gateway.tokens.nurseA.slice(0, 40)])
      expect(text).not.toContain(secret);
  });
});
