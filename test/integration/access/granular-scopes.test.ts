/**
 * Granular SMART v2 scopes over HTTP with real signed tokens: a scope with a query grants only
 * the records that match it, on read, search (results and total), history and write; a scope
 * the gateway cannot enforce is refused with 403 rather than widened to the whole type.
 * @see https://build.fhir.org/ig/HL7/smart-app-launch/scopes-and-launch-context.html
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { IDS, mint, useSecuredGateway } from './access-fixtures.js';

const gateway = useSecuredGateway();
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

const observation = (id: string, category: string, value = 36.6) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  category: [{ coding: [{ system: CATEGORY, code: category }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] },
  subject: { reference: `Patient/${IDS.patientA}` },
  effectiveDateTime: '2026-11-20',
  valueQuantity: { value, unit: 'Cel', system: 'http://unitsofmeasure.org', code: 'Cel' },
});

/** A token of polyclinic A's user with `scope`. */
const tokenWith = (scope: string) => mint(gateway.key, { sub: 'granular', scope, polyclinic: IDS.orgA });

async function call(
  scope: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: fhir4.Resource & Record<string, unknown> }> {
  const response = await fetch(`${gateway.server.baseUrl}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenWith(scope)}`,
      ...(body ? { 'content-type': 'application/fhir+json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as fhir4.Resource & Record<string, unknown> };
}

const VITALS = 'user/Observation.rs?category=vital-signs';
const idsOf = (bundle: fhir4.Resource) => ((bundle as fhir4.Bundle).entry ?? []).map((e) => e.resource?.id).sort();

beforeAll(async () => {
  const admin = gateway.client('admin');
  for (const body of [observation('temp-a', 'vital-signs'), observation('lab-a', 'laboratory')])
    await admin.update({ resourceType: 'Observation', id: body.id, body });
});

describe('a scope with a query grants only the matching records', () => {
  it('search returns and counts only them (the seeded weight has no category)', async () => {
    const { status, json } = await call(VITALS, 'GET', 'Observation?_total=accurate');
    expect(status).toBe(200);
    expect(idsOf(json)).toEqual(['temp-a']);
    expect(json.total).toBe(1);
  });

  it('a search that asks for the other category finds nothing rather than widening', async () => {
    const { json } = await call(VITALS, 'GET', 'Observation?category=laboratory&_total=accurate');
    expect(idsOf(json)).toEqual([]);
    expect(json.total).toBe(0);
  });

  it('a read of a record outside the query is 404, as a record outside the compartment', async () => {
    expect((await call(VITALS, 'GET', 'Observation/temp-a')).status).toBe(200);
    expect((await call(VITALS, 'GET', 'Observation/lab-a')).status).toBe(404);
    expect((await call(VITALS, 'GET', 'Observation/lab-a/_history/1')).status).toBe(404);
    const history = await call(VITALS, 'GET', 'Observation/lab-a/_history');
    expect(idsOf(history.json)).toEqual([]);
  });

  it('another type is not granted at all (403)', async () => {
    expect((await call(VITALS, 'GET', `Encounter/${IDS.encounterA}`)).status).toBe(403);
  });

  it('type history lists only the versions that match the query', async () => {
    const { status, json } = await call(VITALS, 'GET', 'Observation/_history');
    expect(status).toBe(200);
    expect([...new Set(idsOf(json))]).toEqual(['temp-a']);
  });

  it('two scopes on one parameter grant both categories', async () => {
    const both = `${VITALS} user/Observation.rs?category=laboratory`;
    const { json } = await call(both, 'GET', 'Observation?_total=accurate');
    expect(idsOf(json)).toEqual(['lab-a', 'temp-a']);
  });

  it('a code restriction (system|code) holds on search', async () => {
    const { json } = await call('user/Observation.rs?code=http://loinc.org|29463-7', 'GET', 'Observation');
    expect(idsOf(json)).toEqual([IDS.obsA]);
  });
});

describe('writes under a scope with a query', () => {
  const WRITER = 'user/Observation.cru?category=vital-signs';

  it('creates a matching record and refuses one outside the query', async () => {
    expect((await call(WRITER, 'PUT', 'Observation/temp-new', observation('temp-new', 'vital-signs'))).status).toBe(
      201,
    );
    const refused = await call(WRITER, 'PUT', 'Observation/lab-new', observation('lab-new', 'laboratory'));
    expect(refused.status).toBe(403);
    expect(refused.json.resourceType).toBe('OperationOutcome');
    expect((await call('user/*.rs', 'GET', 'Observation/lab-new')).status).not.toBe(200);
  });

  it('refuses to move a record out of the query, or to take one in from outside it', async () => {
    expect((await call(WRITER, 'PUT', 'Observation/temp-a', observation('temp-a', 'laboratory'))).status).toBe(403);
    // A record the caller cannot see is absent to it, so its PUT is an update-as-create that meets
    // the stored row: 409, the known gap of decision 031 for ids outside the compartment too.
    const takeIn = await call(WRITER, 'PUT', 'Observation/lab-a', observation('lab-a', 'vital-signs'));
    expect([403, 409]).toContain(takeIn.status);
    const admin = (await gateway
      .client('admin')
      .read({ resourceType: 'Observation', id: 'lab-a' })) as unknown as fhir4.Observation;
    expect(admin.category?.[0]?.coding?.[0]?.code).toBe('laboratory');
  });

  it('in a transaction, the entry outside the query fails the whole bundle', async () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: observation('tx-vital', 'vital-signs'), request: { method: 'PUT', url: 'Observation/tx-vital' } },
        { resource: observation('tx-lab', 'laboratory'), request: { method: 'PUT', url: 'Observation/tx-lab' } },
      ],
    };
    expect((await call(WRITER, 'POST', '', bundle)).status).toBe(403);
    expect((await call(WRITER, 'GET', 'Observation/tx-vital')).status).toBe(404);
  });
});

describe('a scope the gateway cannot enforce is refused, never widened', () => {
  it.each([
    ['a chained parameter', 'user/Observation.rs?subject:Patient.name=Alpha'],
    ['an unknown parameter', 'user/Observation.rs?colour=red'],
    ['a query on every type', 'user/*.rs?category=vital-signs'],
  ])('%s: 403 naming the scope', async (_, scope) => {
    for (const path of ['Observation', 'Observation/temp-a']) {
      const { status, json } = await call(scope, 'GET', path);
      expect(status).toBe(403);
      const issue = (json as unknown as fhir4.OperationOutcome).issue[0];
      expect(issue?.diagnostics ?? issue?.details?.text ?? JSON.stringify(issue)).toContain(scope);
    }
  });

  it('two scopes on different parameters: a read works, a search is refused', async () => {
    const scope = `${VITALS} user/Observation.rs?code=http://loinc.org|29463-7`;
    expect((await call(scope, 'GET', `Observation/${IDS.obsA}`)).status).toBe(200);
    expect((await call(scope, 'GET', 'Observation/temp-a')).status).toBe(200);
    expect((await call(scope, 'GET', 'Observation/lab-a')).status).toBe(404);
    expect((await call(scope, 'GET', 'Observation')).status).toBe(403);
  });
});
