/**
 * End-to-end: accepted changes reach a "national" FHIR server (a second gateway instance, over
 * HTTP) through the outbox and the dispatcher running in the server. Records are keyed on their
 * business identifiers upstream: updates do not duplicate, references follow the upstream ids,
 * deletes are forwarded, and the operator API reports and controls what happened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RECORD_SYSTEM,
  allOf,
  destinationsEnv,
  eventually,
  nationalCounts,
  observationBody,
  operator,
  patientBody,
  recordKey,
  startGateway,
  type GatewayProcess,
} from './exchange-helpers.js';

let dir: string;
let national: GatewayProcess;
let local: GatewayProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'exchange-forwarding-'));
  national = await startGateway(join(dir, 'national.sqlite'), {});
  local = await startGateway(join(dir, 'local.sqlite'), {
    EXCHANGE_DESTINATIONS: destinationsEnv(national.baseUrl),
    EXCHANGE_DISPATCH_INTERVAL_MS: '20',
  });
});

afterAll(async () => {
  await local?.stop();
  await national?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const idOf = (resource: unknown) => (resource as fhir4.Resource).id!;

async function settled(): Promise<boolean> {
  return eventually(async () => (await nationalCounts(local)).pending === 0);
}

async function upstreamByKey<T extends fhir4.Resource>(resourceType: string, key: string): Promise<T[]> {
  return (await allOf<T>(national.client, resourceType)).filter((r) => recordKey(r) === key);
}

describe('forwarding to a national FHIR server', () => {
  it('forwards a patient and an observation once each, the reference following the upstream id', async () => {
    const patient = await local.client.create({ resourceType: 'Patient', body: patientBody('fw-1') });
    await local.client.create({ resourceType: 'Observation', body: observationBody('fw-1-weight', idOf(patient)) });
    expect(await settled()).toBe(true);
    const [upstreamPatient, ...morePatients] = await upstreamByKey<fhir4.Patient>('Patient', 'fw-1');
    expect(morePatients).toEqual([]);
    const observations = await upstreamByKey<fhir4.Observation>('Observation', 'fw-1-weight');
    expect(observations).toHaveLength(1);
    expect(observations[0]!.subject!.reference).toBe(`Patient/${upstreamPatient!.id}`);
  });

  it('forwards later changes as updates of the same upstream resource, the last one winning', async () => {
    const patient = await local.client.create({ resourceType: 'Patient', body: patientBody('fw-2', 'First') });
    for (const family of ['Second', 'Third']) {
      await local.client.update({
        resourceType: 'Patient',
        id: idOf(patient),
        body: { ...patientBody('fw-2', family), id: idOf(patient) } as never,
      });
    }
    expect(await settled()).toBe(true);
    const upstream = await upstreamByKey<fhir4.Patient>('Patient', 'fw-2');
    expect(upstream.map((p) => p.name?.[0]?.family)).toEqual(['Third']);
  });

  it('forwards a delete as a conditional delete on the identifier', async () => {
    const patient = await local.client.create({ resourceType: 'Patient', body: patientBody('fw-3') });
    const observation = await local.client.create({
      resourceType: 'Observation',
      body: observationBody('fw-3-weight', idOf(patient)),
    });
    expect(await settled()).toBe(true);
    expect(await upstreamByKey('Observation', 'fw-3-weight')).toHaveLength(1);
    await local.client.delete({ resourceType: 'Observation', id: idOf(observation) });
    expect(await settled()).toBe(true);
    expect(await upstreamByKey('Observation', 'fw-3-weight')).toEqual([]);
  });

  it('does not forward resource types the destination does not receive', async () => {
    await local.client.create({
      resourceType: 'Organization',
      body: { resourceType: 'Organization', identifier: [{ system: RECORD_SYSTEM, value: 'fw-org' }], name: 'Clinic' },
    });
    expect(await settled()).toBe(true);
    expect(await allOf(national.client, 'Organization')).toEqual([]);
  });

  it('lists deliveries and shows one with its attempts to an operator, and refuses anyone else', async () => {
    const root = local.baseUrl.replace(/\/fhir$/, '');
    const anonymous = await fetch(`${root}/admin/exchange/counters`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as fhir4.OperationOutcome).resourceType).toBe('OperationOutcome');
    const listed = (await (await operator(local, '/deliveries?state=delivered&destination=national')).json()) as {
      deliveries: { seq: number; state: string }[];
    };
    expect(listed.deliveries.length).toBeGreaterThan(0);
    expect(listed.deliveries.every((d) => d.state === 'delivered')).toBe(true);
    const shown = (await (await operator(local, `/deliveries/${listed.deliveries[0]!.seq}`)).json()) as {
      attempts: { outcome: string; status: number }[];
    };
    expect(shown.attempts).toEqual([expect.objectContaining({ outcome: 'delivered', status: 200 })]);
    expect((await operator(local, '/deliveries?state=lost')).status).toBe(400);
    expect((await operator(local, '/deliveries/999999')).status).toBe(404);
    const metrics = await (await operator(local, '/metrics')).text();
    expect(metrics).toMatch(/exchange_deliveries\{destination="national",state="delivered"\} [1-9]/);
  });

  it('holds deliveries while the destination is paused and sends them once it resumes', async () => {
    expect((await operator(local, '/destinations/national/pause', 'POST')).status).toBe(200);
    await local.client.create({ resourceType: 'Patient', body: patientBody('fw-paused') });
    // The timer runs every 20 ms: several rounds pass while the row stays pending.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await nationalCounts(local)).pending).toBe(1);
    expect(await upstreamByKey('Patient', 'fw-paused')).toEqual([]);
    expect((await operator(local, '/destinations/national/resume', 'POST')).status).toBe(200);
    expect(await settled()).toBe(true);
    expect(await upstreamByKey('Patient', 'fw-paused')).toHaveLength(1);
  });
});
