/**
 * The authorisation matrix over HTTP with real signed tokens: roles × polyclinics × resource
 * types × interactions. Nothing outside a caller's compartment, scopes or labels is read,
 * written, counted or included, whatever path the request takes (REST, search with
 * _include/_revinclude, history, batch, transaction, operations).
 */
import { describe, expect, it } from 'vitest';
import { IDS, V3_CONFIDENTIALITY, statusOf, useSecuredGateway, type Role } from './access-fixtures.js';
import { ids, matrixCalls, observation } from './matrix-calls.js';

const gateway = useSecuredGateway();

type Bundle = fhir4.Bundle;
const { get, search, countAs } = matrixCalls(gateway);

describe('reads: a record outside the compartment does not exist for the caller', () => {
  const cases: [Role, string, number][] = [
    ['nurseA', `Patient/${IDS.patientA}`, 200],
    ['nurseA', `Patient/${IDS.patientB}`, 404],
    ['nurseA', `Observation/${IDS.obsA}`, 200],
    ['nurseA', `Observation/${IDS.obsB}`, 404],
    ['nurseA', `Encounter/${IDS.encounterB}`, 404],
    ['nurseA', 'Patient/never-existed', 404],
    ['nurseB', `Patient/${IDS.patientA}`, 404],
    ['nurseB', `Patient/${IDS.patientB}`, 200],
    ['regionAlmaty', `Patient/${IDS.patientA}`, 200],
    ['regionAlmaty', `Patient/${IDS.patientB}`, 404],
    ['patientA', `Observation/${IDS.obsA}`, 200],
    ['patientA', `Observation/${IDS.obsB}`, 404],
    ['patientA', `Patient/${IDS.patientB}`, 404],
    ['national', `Patient/${IDS.patientB}`, 200],
    ['noCompartment', `Patient/${IDS.patientA}`, 404],
    ['noCompartment', `Organization/${IDS.orgA}`, 200],
    ['observationsOnlyA', `Encounter/${IDS.encounterA}`, 403],
    ['nurseA', `Flag/${IDS.flagA}`, 404],
    ['safeguardingA', `Flag/${IDS.flagA}`, 200],
    ['national', `Flag/${IDS.flagA}`, 404],
  ];
  it.each(cases)('%s reads %s → %i', async (role, reference, status) => {
    const [resourceType, id] = reference.split('/') as [string, string];
    expect(await statusOf(gateway.client(role).read({ resourceType, id }))).toBe(status);
  });

  it('a vread outside the compartment is 404, inside 200', async () => {
    expect(
      await statusOf(gateway.client('nurseA').vread({ resourceType: 'Patient', id: IDS.patientB, version: '1' })),
    ).toBe(404);
    expect(
      await statusOf(gateway.client('nurseA').vread({ resourceType: 'Patient', id: IDS.patientA, version: '1' })),
    ).toBe(200);
  });
});

describe('searches neither return nor count what the caller may not see', () => {
  it.each<[Role, string, string[]]>([
    ['nurseA', 'Patient', [`Patient/${IDS.patientA}`]],
    ['nurseB', 'Patient', [`Patient/${IDS.patientB}`]],
    ['nurseA', 'Observation', [`Observation/${IDS.obsA}`]],
    ['regionAlmaty', 'Observation', [`Observation/${IDS.obsA}`]],
    ['patientA', 'Encounter', [`Encounter/${IDS.encounterA}`]],
    ['national', 'Patient', [`Patient/${IDS.patientA}`, `Patient/${IDS.patientB}`]],
    ['noCompartment', 'Observation', []],
    ['nurseA', 'Flag', []],
    ['safeguardingA', 'Flag', [`Flag/${IDS.flagA}`]],
  ])('%s searches %s', async (role, type, expected) => {
    const bundle = await search(role, type);
    expect(ids(bundle)).toEqual(expected);
    expect(bundle.total).toBe(expected.length);
    expect(await countAs(role, type)).toBe(expected.length);
  });

  it('a search naming the other polyclinic’s patient finds and counts nothing', async () => {
    const bundle = await search('nurseA', 'Observation', { subject: `Patient/${IDS.patientB}` });
    expect(bundle.total).toBe(0);
    expect(bundle.entry ?? []).toEqual([]);
  });

  it('_include and _revinclude bring in only visible records', async () => {
    const included = await search('nurseA', 'Observation', { _include: 'Observation:subject' });
    expect(ids(included)).toEqual([`Observation/${IDS.obsA}`, `Patient/${IDS.patientA}`]);
    const revincluded = await search('nurseA', 'Patient', { _revinclude: 'Observation:subject' });
    expect(ids(revincluded)).toEqual([`Observation/${IDS.obsA}`, `Patient/${IDS.patientA}`]);
    const flags = await search('nurseA', 'Patient', { _revinclude: 'Flag:subject' });
    expect(ids(flags, 'Flag')).toEqual([]);
  });

  it('a chained search cannot reach across polyclinics', async () => {
    const bundle = await search('nurseA', 'Observation', { 'subject:Patient.family': 'Beta' });
    expect(bundle.total).toBe(0);
  });

  it('a type the scopes do not grant is 403 for search and for _include', async () => {
    expect(
      await statusOf(gateway.client('observationsOnlyA').search({ resourceType: 'Encounter', searchParams: {} })),
    ).toBe(403);
    expect(
      await statusOf(
        gateway
          .client('observationsOnlyA')
          .search({ resourceType: 'Observation', searchParams: { _revinclude: 'Encounter:subject' } }),
      ),
    ).toBe(403);
  });
});

describe('writes stay inside the compartment and the scopes', () => {
  it('a nurse creates for her own patient (201) but not for another polyclinic’s (403), and nothing else changes', async () => {
    const before = await countAs('admin', 'Observation');
    expect(
      await statusOf(
        gateway.client('nurseA').create({ resourceType: 'Observation', body: observation(undefined, IDS.patientA) }),
      ),
    ).toBe(201);
    expect(
      await statusOf(
        gateway.client('nurseA').create({ resourceType: 'Observation', body: observation(undefined, IDS.patientB) }),
      ),
    ).toBe(403);
    expect(await countAs('admin', 'Observation')).toBe(before + 1);
  });

  it('read-only scopes cannot create, update or delete', async () => {
    const client = gateway.client('readerA');
    expect(
      await statusOf(client.create({ resourceType: 'Observation', body: observation(undefined, IDS.patientA) })),
    ).toBe(403);
    expect(
      await statusOf(
        client.update({ resourceType: 'Observation', id: IDS.obsA, body: observation(IDS.obsA, IDS.patientA) }),
      ),
    ).toBe(403);
    expect(await statusOf(client.delete({ resourceType: 'Observation', id: IDS.obsA }))).toBe(403);
    expect(await statusOf(gateway.client('admin').read({ resourceType: 'Observation', id: IDS.obsA }))).toBe(200);
  });

  it('updating, patching or deleting another polyclinic’s record leaves it unchanged', async () => {
    const client = gateway.client('nurseA');
    const before = (await gateway
      .client('admin')
      .read({ resourceType: 'Observation', id: IDS.obsB })) as unknown as fhir4.Observation;
    const update = await statusOf(
      client.update({ resourceType: 'Observation', id: IDS.obsB, body: observation(IDS.obsB, IDS.patientB) }),
    );
    expect([403, 404]).toContain(update);
    // Deleting a hidden record answers as deleting one that never existed, and deletes nothing.
    const absent = await statusOf(client.delete({ resourceType: 'Observation', id: 'never-existed' }));
    expect(await statusOf(client.delete({ resourceType: 'Observation', id: IDS.obsB }))).toBe(absent);
    const patch = [{ op: 'replace' as const, path: '/status', value: 'cancelled' }];
    const absentPatch = await statusOf(
      client.patch({ resourceType: 'Observation', id: 'never-existed', jsonPatch: patch }),
    );
    expect(await statusOf(client.patch({ resourceType: 'Observation', id: IDS.obsB, jsonPatch: patch }))).toBe(
      absentPatch,
    );
    const after = (await gateway
      .client('admin')
      .read({ resourceType: 'Observation', id: IDS.obsB })) as unknown as fhir4.Observation;
    expect(after.meta?.versionId).toBe(before.meta?.versionId);
  });

  it('moving a patient out of the polyclinic is refused', async () => {
    const client = gateway.client('nurseA');
    const patient = (await client.read({ resourceType: 'Patient', id: IDS.patientA })) as fhir4.Patient;
    const moved = { ...patient, managingOrganization: { reference: `Organization/${IDS.orgB}` } };
    expect(await statusOf(client.update({ resourceType: 'Patient', id: IDS.patientA, body: moved }))).toBe(403);
    expect(await statusOf(client.read({ resourceType: 'Patient', id: IDS.patientA }))).toBe(200);
  });

  it('a confidentiality label the writer does not hold is refused (labels cannot be escalated in the body)', async () => {
    const labelled = {
      ...observation(undefined, IDS.patientA),
      meta: { security: [{ system: V3_CONFIDENTIALITY, code: 'R' }] },
    };
    expect(await statusOf(gateway.client('nurseA').create({ resourceType: 'Observation', body: labelled }))).toBe(403);
    expect(
      await statusOf(gateway.client('safeguardingA').create({ resourceType: 'Observation', body: labelled })),
    ).toBe(201);
  });

  it('AuditEvents are written by the gateway only and read by administrators only', async () => {
    const event = {
      resourceType: 'AuditEvent',
      type: { code: 'rest' },
      recorded: '2026-11-01T00:00:00Z',
      agent: [{ requestor: true }],
      source: { observer: { display: 'x' } },
    };
    expect(await statusOf(gateway.client('admin').create({ resourceType: 'AuditEvent', body: event }))).toBe(403);
    expect(await statusOf(gateway.client('nurseA').search({ resourceType: 'AuditEvent', searchParams: {} }))).toBe(403);
    expect(await statusOf(gateway.client('national').search({ resourceType: 'AuditEvent', searchParams: {} }))).toBe(
      403,
    );
  });
});

describe('transactions and batches are checked per entry', () => {
  it('a transaction with one entry outside the compartment is refused whole', async () => {
    const before = await countAs('admin', 'Observation');
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'POST', url: 'Observation' }, resource: observation(undefined, IDS.patientA) },
        { request: { method: 'POST', url: 'Observation' }, resource: observation(undefined, IDS.patientB) },
      ],
    };
    expect(await statusOf(gateway.client('nurseA').transaction({ body: bundle }))).toBe(403);
    expect(await countAs('admin', 'Observation')).toBe(before);
  });

  it('a transaction GET entry sees only the compartment', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { request: { method: 'GET', url: 'Patient?_total=accurate' } },
        { request: { method: 'GET', url: `Patient/${IDS.patientB}` } },
      ],
    };
    const status = await statusOf(gateway.client('nurseA').transaction({ body: bundle }));
    // A transaction fails whole when an entry fails: the hidden patient is "not found" (404).
    expect(status).toBe(404);
  });

  it('a batch answers each entry by the caller’s rights', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        { request: { method: 'GET', url: `Patient/${IDS.patientA}` } },
        { request: { method: 'GET', url: `Patient/${IDS.patientB}` } },
        { request: { method: 'GET', url: 'Patient?_total=accurate' } },
        { request: { method: 'POST', url: 'Observation' }, resource: observation(undefined, IDS.patientB) },
        { request: { method: 'GET', url: `Encounter/${IDS.encounterA}` } },
      ],
    };
    const response = (await gateway.client('observationsOnlyA').batch({ body: bundle })) as unknown as Bundle;
    const statuses = (response.entry ?? []).map((e) => e.response?.status.slice(0, 3));
    // user/Patient.r grants read, not search: the search entry is 403 too.
    expect(statuses).toEqual(['200', '404', '403', '403', '403']);
  });
});

describe('history', () => {
  it('instance history outside the compartment is 404, inside 200', async () => {
    const nurse = gateway.client('nurseA');
    expect(await statusOf(nurse.history({ resourceType: 'Patient', id: IDS.patientB }))).toBe(404);
    expect(await statusOf(nurse.history({ resourceType: 'Patient', id: IDS.patientA }))).toBe(200);
    expect(await statusOf(gateway.client('national').typeHistory({ resourceType: 'Observation' }))).toBe(200);
  });

  it('system history hides AuditEvents and labelled records from a non-administrator', async () => {
    // From the first seeded record on: the guide's definitions stored at start are large, and the
    // test setup validates every Bundle it receives (slow enough, under load, for the next
    // request's kept-alive socket to be closed by the server).
    const first = (await gateway
      .client('admin')
      .read({ resourceType: 'Organization', id: IDS.orgA })) as fhir4.Resource;
    const since = encodeURIComponent(first.meta!.lastUpdated!);
    const history = (await get('national', `/_history?_count=500&_since=${since}`)) as unknown as Bundle;
    const types = new Set((history.entry ?? []).map((e) => e.resource?.resourceType ?? e.request?.url.split('/')[0]));
    expect(types.has('AuditEvent')).toBe(false);
    expect(ids(history, 'Flag')).toEqual([]);
  });
});

describe('operations', () => {
  it('$validate needs create or update on the type', async () => {
    const body = observation(undefined, IDS.patientA);
    const post = (role: Role) =>
      gateway.client(role).operation({ resourceType: 'Observation', name: '$validate', method: 'POST', input: body });
    expect(await statusOf(post('readerA'))).toBe(403);
    expect(await statusOf(post('nurseA'))).toBe(200);
  });

  it('instance $validate of another polyclinic’s record answers as for a record that does not exist', async () => {
    const validate = (id: string) =>
      gateway.client('nurseA').operation({
        resourceType: 'Observation',
        id,
        name: '$validate',
        method: 'POST',
        input: observation(id, IDS.patientB),
      });
    expect(await statusOf(validate(IDS.obsB))).toBe(await statusOf(validate('never-existed')));
  });

  it('$apply for another polyclinic’s child is refused and writes nothing', async () => {
    const before = await countAs('admin', 'CarePlan');
    const call = gateway.client('nurseA').operation({
      resourceType: 'PlanDefinition',
      id: 'universal-patronage',
      name: '$apply',
      method: 'POST',
      input: { resourceType: 'Parameters', parameter: [{ name: 'subject', valueString: `Patient/${IDS.patientB}` }] },
    });
    expect([403, 404, 422]).toContain(await statusOf(call));
    expect(await countAs('admin', 'CarePlan')).toBe(before);
  });

  it('$worklist of the other polyclinic lists none of its children', async () => {
    const query = `/CarePlan/$worklist?organization=Organization/${IDS.orgB}`;
    // The administrator sees the other polyclinic's child on its worklist, so the nurse's empty list means something.
    expect(JSON.stringify(await get('admin', query))).toContain(IDS.patientB);
    const nurses = await get('nurseA', query);
    expect(nurses.resourceType).toBe('Parameters');
    expect(JSON.stringify(nurses)).not.toContain(IDS.patientB);
  });
});
