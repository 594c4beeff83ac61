/**
 * `$growth-chart` over HTTP (decision 025): the real Node server with the WHO fixture tables;
 * measurements written with fhir-kit-client, the SVG fetched as a phone browser would.
 */
import { describe, expect, it } from 'vitest';
import { WHO_GROWTH_FIXTURES } from '../growth/growth-tables-fixture.js';
import { useNodeServer, type ClientBody } from './fhir-client.js';

const UCUM = 'http://unitsofmeasure.org';

function weight(patientId: string, kg: number, date: string): ClientBody<fhir4.Observation> {
  return {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
    subject: { reference: `Patient/${patientId}` },
    effectiveDateTime: date,
    valueQuantity: { value: kg, unit: 'kg', system: UCUM, code: 'kg' },
  } as ClientBody<fhir4.Observation>;
}

describe('$growth-chart', () => {
  const served = useNodeServer({ WHO_GROWTH_DIR: WHO_GROWTH_FIXTURES, LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

  async function childWithWeights(): Promise<string> {
    const patient = (await served.client.create({
      resourceType: 'Patient',
      body: { resourceType: 'Patient', gender: 'female', birthDate: '2025-01-01' },
    })) as unknown as { id: string };
    for (const [kg, date] of [
      [3.2, '2025-01-01'],
      [4.4, '2025-02-01'],
      [6.1, '2025-04-01'],
    ] as const) {
      await served.client.create({ resourceType: 'Observation', body: weight(patient.id, kg, date) });
    }
    return patient.id;
  }

  function chart(id: string, query: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${served.server.baseUrl}/Patient/${id}/$growth-chart?${query}`, { headers });
  }

  it('answers an SVG with one point per weight, in the language asked for', async () => {
    const id = await childWithWeights();
    const response = await chart(id, 'indicator=weight-for-age', {
      'accept-language': 'ru-KZ;q=0.8, kk;q=0.9, en;q=0.1',
      accept: 'image/svg+xml',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('content-language')).toBe('kk');
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 360 480"/);
    expect(svg).toContain('Жасқа сәйкес салмақ, қыздар');
    expect(svg.match(/<circle class="measurement"/g)).toHaveLength(3);
    expect(svg.match(/<path class="sd-curve"/g)).toHaveLength(7);

    const russian = await (await chart(id, 'indicator=weight-for-age', { 'accept-language': 'ru' })).text();
    expect(russian).toContain('Масса тела к возрасту, девочки');
    const english = await (await chart(id, 'indicator=weight-for-age')).text();
    expect(english).toContain('Weight-for-age, girls');
  });

  it('draws an empty chart for an indicator without measurements', async () => {
    const id = await childWithWeights();
    const svg = await (await chart(id, 'indicator=head-circumference-for-age')).text();
    expect(svg).not.toContain('<circle');
    expect(svg).toContain('No measurements');
  });

  it('answers OperationOutcomes for a bad indicator, an unknown child, and another method', async () => {
    const id = await childWithWeights();
    const bad = await chart(id, 'indicator=shoe-size');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(((await bad.json()) as fhir4.OperationOutcome).issue[0]).toMatchObject({ expression: ['indicator'] });
    expect((await chart('nobody-here', 'indicator=weight-for-age')).status).toBe(404);
    const post = await fetch(`${served.server.baseUrl}/Patient/${id}/$growth-chart`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('is listed on Patient in the CapabilityStatement', async () => {
    const statement = (await served.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const patient = statement.rest?.[0]?.resource?.find((r) => r.type === 'Patient');
    expect(patient?.operation?.map((o) => o.name)).toContain('growth-chart');
    // Its definition is served where the CapabilityStatement points, with the indicator documented.
    const url = patient!.operation!.find((o) => o.name === 'growth-chart')!.definition;
    const definition = (await served.client.read({
      resourceType: 'OperationDefinition',
      id: url.split('/').pop()!,
    })) as unknown as fhir4.OperationDefinition;
    expect(definition.url).toBe(url);
    expect(definition.code).toBe('growth-chart');
    expect(definition.parameter?.find((p) => p.name === 'indicator')?.documentation).toContain('weight-for-age');
  });
});

describe('$growth-chart without tables', () => {
  const served = useNodeServer({ LOAD_DEMO_DATA: 'false' }, { auditCheck: true });

  it('answers 501 and is not listed', async () => {
    const response = await fetch(`${served.server.baseUrl}/Patient/x/$growth-chart?indicator=weight-for-age`);
    expect(response.status).toBe(501);
    const statement = (await served.client.capabilityStatement()) as unknown as fhir4.CapabilityStatement;
    const patient = statement.rest?.[0]?.resource?.find((r) => r.type === 'Patient');
    expect(patient?.operation?.map((o) => o.name)).not.toContain('growth-chart');
  });
});
