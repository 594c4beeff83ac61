// Growth scoring on Workers (decision 025): the WHO tables come from the R2 bucket WHO_GROWTH,
// read by src/entry/worker.ts at start-up; a weight written through the entry gets its z-score.
// This file has its own workerd instance, so the entry starts here with the tables in place.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';
import acanthro from '../fixtures/who-growth/acanthro.txt?raw';
import bmianthro from '../fixtures/who-growth/bmianthro.txt?raw';
import hcanthro from '../fixtures/who-growth/hcanthro.txt?raw';
import lenanthro from '../fixtures/who-growth/lenanthro.txt?raw';
import weianthro from '../fixtures/who-growth/weianthro.txt?raw';
import wfhanthro from '../fixtures/who-growth/wfhanthro.txt?raw';
import wflanthro from '../fixtures/who-growth/wflanthro.txt?raw';

const TABLES = { acanthro, bmianthro, hcanthro, lenanthro, weianthro, wfhanthro, wflanthro };

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const ctx = createExecutionContext();
  const init: RequestInit = { method, headers: { 'content-type': 'application/fhir+json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const response = await worker.fetch(new Request(`http://gateway.test/fhir/${path}`, init), { ...env }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe('growth scoring on Workers', () => {
  beforeAll(async () => {
    for (const [name, text] of Object.entries(TABLES)) await env.WHO_GROWTH.put(`${name}.txt`, text);
  });

  it('scores a weight with the tables of the R2 bucket and draws the chart', async () => {
    const patient = await call('PUT', 'Patient/growth-girl', {
      resourceType: 'Patient',
      id: 'growth-girl',
      gender: 'female',
      birthDate: '2025-01-01',
    });
    expect(patient.status).toBe(201);
    const weight = await call('PUT', 'Observation/growth-girl-w1', {
      resourceType: 'Observation',
      id: 'growth-girl-w1',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] },
      subject: { reference: 'Patient/growth-girl' },
      effectiveDateTime: '2025-01-01',
      valueQuantity: { value: 3.2, unit: 'kg', system: 'http://unitsofmeasure.org', code: 'kg' },
    });
    expect(weight.status).toBe(201);
    // weianthro, girl, day 0: L 0.3809, M 3.2322, S 0.14171; 3.2 kg is just below the median.
    const zScore = await call('GET', 'Observation/gz-wfa-z-growth-girl-w1');
    expect(zScore.status).toBe(200);
    const observation = (await zScore.json()) as fhir4.Observation;
    expect(observation.valueQuantity?.value).toBe(-0.07);
    const chart = await call('GET', 'Patient/growth-girl/$growth-chart?indicator=weight-for-age');
    expect(chart.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect((await chart.text()).match(/<circle class="measurement"/g)).toHaveLength(1);
  });
});
