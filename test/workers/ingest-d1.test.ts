// The ingest of local visit records on workerd with D1, through the Workers entry: a small JSON
// batch and a CSV journal are stored, and a re-send is unchanged.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entry/worker.js';
import visits from '../fixtures/shared-samples/visits.json';

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://gateway.test${path}`, init), { ...env }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

interface Report {
  summary: Record<string, number>;
}

describe('ingest on Workers and D1', () => {
  it('stores a small batch, answers unchanged for a re-send, and maps a record with $transform', async () => {
    const batch = JSON.stringify(visits.slice(0, 3));
    const post = () => call('/ingest/visits', { method: 'POST', headers: { 'content-type': 'application/json' }, body: batch });
    const first = (await (await post()).json()) as Report;
    expect(first.summary).toMatchObject({ records: 3, created: 3, rejected: 0 });
    const again = (await (await post()).json()) as Report;
    expect(again.summary).toMatchObject({ records: 3, unchanged: 3 });
    const search = (await (await call(`/fhir/Encounter?identifier=${encodeURIComponent('https://fhir.patronage.kz/sid/mis-record|mis/PK-3-100000')}`)).json()) as fhir4.Bundle;
    expect(search.entry).toHaveLength(1);
    const schema = await call('/formats/visit.schema.json');
    expect(schema.status).toBe(200);
  });

  it('ingests a CSV journal streamed', async () => {
    const header = 'record_id;polyclinic_bin;nurse_iin;child_iin;familiya;imya;data_rozhdeniya;pol;mother_iin;kato;data_vizita;tip_vizita;kod_vizita;rezultat;ves_g;rost_sm;okruzhnost_golovy_sm;vskarmlivanie;opasnye_priznaki;faktory_riska;epds_summa';
    const row = 'PK-4-100000;090640846016;980913459338;241207694202;Оспанова;Амина;07.12.2024;ж;870525409897;471010000;09.09.2025;универсальный;U-9M;проведен;8202;71,4;38,4;искусственное;;;';
    const response = await call('/ingest/visits', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `\uFEFF${header}\r\n${row}\r\n` });
    expect(((await response.json()) as Report).summary).toMatchObject({ records: 1, created: 1, rejected: 0 });
  });
});
