/**
 * End-to-end: business identifiers declared unique (by default the IIN on Patient and the BIN on
 * Organization) on the real Node server, with fhir-kit-client: a second resource with the same
 * value is 409 naming the first, atomically under 50 concurrent creates; a conditional create on
 * the identifier answers with the existing resource.
 */
import { describe, expect, it } from 'vitest';
import { BIN_SYSTEM, IIN_SYSTEM } from '../../src/fhir/canonical.js';
import { expectOutcome, responseOf, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

type Body = Record<string, unknown> & { resourceType: string };

const patient = (iin: string, system = IIN_SYSTEM): Body => ({
  resourceType: 'Patient',
  identifier: [{ system, value: iin }],
});

async function holders(iin: string): Promise<string[]> {
  const bundle = (await gateway.client.search({
    resourceType: 'Patient',
    searchParams: { identifier: `${IIN_SYSTEM}|${iin}` },
  })) as unknown as fhir4.Bundle;
  return (bundle.entry ?? []).map((e) => e.resource!.id!);
}

const statusOf = (call: Promise<unknown>) =>
  call.then(
    (result) => responseOf(result).status,
    (error: { response?: { status: number } }) => error.response?.status ?? -1,
  );

/** POSTs a Bundle with fetch: fhir-kit-client posts Bundles to `[base]/`, which the server does not route. */
async function postBundle(body: Body): Promise<{ status: number; body: fhir4.OperationOutcome }> {
  const response = await fetch(gateway.server.baseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/fhir+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as fhir4.OperationOutcome };
}

describe('unique identifiers', () => {
  it('answers 409 naming the Patient that already has the IIN, at the identifier', async () => {
    const first = (await gateway.client.create({ resourceType: 'Patient', body: patient('900101300017') })) as Body;
    const body = {
      ...patient('900101300017'),
      identifier: [{ system: 'urn:oid:1.2.3', value: 'x' }, ...(patient('900101300017').identifier as Body[])],
    };
    const outcome = await expectOutcome(gateway.client.create({ resourceType: 'Patient', body }), 409);
    expect(outcome.issue[0]).toMatchObject({ code: 'duplicate', expression: ['Patient.identifier[1]'] });
    expect(outcome.issue[0]!.details!.text).toContain(`Patient/${first.id as string}`);
    expect(await holders('900101300017')).toEqual([first.id]);
  });

  it('lets a Patient keep its own IIN on update, and refuses moving it to another Patient', async () => {
    const first = (await gateway.client.create({ resourceType: 'Patient', body: patient('850520400015') })) as Body;
    const updated = (await gateway.client.update({
      resourceType: 'Patient',
      id: first.id as string,
      body: { ...first, gender: 'female' },
    })) as Body;
    expect(updated.meta).toMatchObject({ versionId: '2' });
    const other = (await gateway.client.create({ resourceType: 'Patient', body: { resourceType: 'Patient' } })) as Body;
    const moved = { ...other, ...patient('850520400015') };
    await expectOutcome(gateway.client.update({ resourceType: 'Patient', id: other.id as string, body: moved }), 409);
  });

  it('allows the same value in another system, and on a type where it is not declared unique', async () => {
    await gateway.client.create({ resourceType: 'Patient', body: patient('240315600000') });
    await gateway.client.create({ resourceType: 'Patient', body: patient('240315600000', 'urn:oid:1.2.398') });
    const practitioner = { ...patient('240315600000'), resourceType: 'Practitioner' };
    await gateway.client.create({ resourceType: 'Practitioner', body: practitioner });
    await gateway.client.create({ resourceType: 'Practitioner', body: practitioner });
  });

  it('refuses a second Organization with the same BIN', async () => {
    const organization = {
      resourceType: 'Organization',
      name: 'Clinic',
      identifier: [{ system: BIN_SYSTEM, value: '040340000017' }],
    };
    await gateway.client.create({ resourceType: 'Organization', body: organization });
    await expectOutcome(gateway.client.create({ resourceType: 'Organization', body: organization }), 409);
  });

  it('stores exactly one of 50 concurrent creates with the same IIN; the others get 409', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () =>
        statusOf(gateway.client.create({ resourceType: 'Patient', body: patient('010101500011') })),
      ),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await holders('010101500011')).toHaveLength(1);
  });

  it('answers a conditional create on an existing IIN with the existing Patient', async () => {
    const first = (await gateway.client.create({ resourceType: 'Patient', body: patient('020202600022') })) as Body;
    const options = { headers: { 'If-None-Exist': `identifier=${IIN_SYSTEM}|020202600022` } };
    const again = await gateway.client.create({ resourceType: 'Patient', body: patient('020202600022'), options });
    expect(responseOf(again).status).toBe(200);
    expect((again as Body).id).toBe(first.id);
  });

  it('gives 50 concurrent conditional creates of a new IIN one Patient, and none an error', async () => {
    const options = { headers: { 'If-None-Exist': `identifier=${IIN_SYSTEM}|030303700033` } };
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        gateway.client.create({ resourceType: 'Patient', body: patient('030303700033'), options }),
      ),
    );
    expect(results.filter((r) => responseOf(r).status === 201)).toHaveLength(1);
    expect(new Set(results.map((r) => (r as Body).id)).size).toBe(1);
    expect(await holders('030303700033')).toHaveLength(1);
  });

  it('fails a transaction that creates two Patients with one IIN, storing neither', async () => {
    const entry = [0, 1].map(() => ({
      resource: patient('040404800044'),
      request: { method: 'POST', url: 'Patient' },
    }));
    const answer = await postBundle({ resourceType: 'Bundle', type: 'transaction', entry });
    expect(answer.status).toBe(409);
    expect(answer.body.issue[0]!.code).toBe('duplicate');
    expect(answer.body.issue[0]!.expression![0]).toMatch(/^Bundle\.entry\[[01]\]\.resource\.identifier\[0\]$/);
    expect(await holders('040404800044')).toEqual([]);
  });
});
