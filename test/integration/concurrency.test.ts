/**
 * End-to-end: concurrent writers against the real Node server. Exactly one of many updates that
 * carry the same If-Match may win; unconditional updates all land as distinct versions.
 */
import { describe, expect, it } from 'vitest';
import { type ClientBody, useNodeServer } from './fhir-client.js';

const gateway = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

const WRITERS = 50;

describe('concurrent updates', () => {
  it('lets exactly one of fifty updates with the same If-Match succeed; the rest get 412', async () => {
    const created = (await gateway.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
    })) as unknown as ClientBody<fhir4.Patient>;
    const attempts = Array.from({ length: WRITERS }, (_, i) =>
      gateway.client
        .update({
          resourceType: 'Patient',
          id: created.id!,
          body: { ...created, name: [{ text: `writer ${i}` }] },
          options: { headers: { 'If-Match': 'W/"1"' } },
        })
        .then(
          () => 200,
          (error: { response?: { status: number } }) => error.response?.status ?? -1,
        ),
    );
    const statuses = await Promise.all(attempts);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(WRITERS - 1);
    const history = (await gateway.client.history({
      resourceType: 'Patient',
      id: created.id!,
    })) as unknown as fhir4.Bundle;
    expect(history.total).toBe(2);
  });

  it('gives unconditional concurrent updates consecutive versions and loses none', async () => {
    const created = (await gateway.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient' },
    })) as unknown as ClientBody<fhir4.Patient>;
    const updates = Array.from({ length: 10 }, (_, i) =>
      gateway.client.update({
        resourceType: 'Patient',
        id: created.id!,
        body: { ...created, name: [{ text: `u${i}` }] },
      }),
    );
    const results = (await Promise.all(updates)) as unknown as fhir4.Patient[];
    const versions = results.map((r) => Number(r.meta!.versionId)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
  });
});
